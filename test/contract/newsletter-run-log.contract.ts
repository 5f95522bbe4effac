import { describe, expect, it } from 'vitest';
import type { NewsletterRunLog } from '../../src/application/ports/newsletter-run-log.port.ts';

export interface NewsletterRunLogHarness {
  create(): Promise<{ log: NewsletterRunLog; close(): Promise<void> }>;
}

const at = (minutes: number) => new Date(Date.parse('2026-12-03T14:00:00Z') + minutes * 60_000);

/** What every newsletter run log must do (src/application/ports/newsletter-run-log.port.ts). */
export function newsletterRunLogContract(name: string, harness: NewsletterRunLogHarness): void {
  describe(`NewsletterRunLog contract: ${name}`, () => {
    const withLog = (test: (log: NewsletterRunLog) => Promise<void>) => async () => {
      const { log, close } = await harness.create();
      try {
        await test(log);
      } finally {
        await close();
      }
    };

    it(
      'keeps each run as given, with an id of its own, and answers them newest first up to the limit',
      withLog(async (log) => {
        expect(await log.recent(10)).toEqual([]);
        const morning = await log.record({
          trigger: 'schedule',
          startedAt: at(0),
          finishedAt: at(1),
          checked: 3,
          sent: 1,
          unchanged: 1,
          failed: [{ distributionId: '6734a46da330314a4cd0c3da', reason: 'Meltwater answered HTTP 404 ñ' }],
        });
        const manual = await log.record({
          trigger: 'api',
          startedAt: at(30),
          finishedAt: at(30),
          checked: 1,
          sent: 1,
          unchanged: 0,
          failed: [],
        });
        const fromCli = await log.record({
          trigger: 'cli',
          startedAt: at(10),
          finishedAt: at(11),
          checked: 0,
          sent: 0,
          unchanged: 0,
          failed: [],
        });
        expect(new Set([morning.id, manual.id, fromCli.id]).size).toBe(3);
        expect(await log.recent(10)).toEqual([manual, fromCli, morning]);
        expect(await log.recent(1)).toEqual([manual]);
        expect(morning).toEqual({
          id: expect.any(String),
          trigger: 'schedule',
          startedAt: at(0),
          finishedAt: at(1),
          checked: 3,
          sent: 1,
          unchanged: 1,
          failed: [{ distributionId: '6734a46da330314a4cd0c3da', reason: 'Meltwater answered HTTP 404 ñ' }],
        });
      }),
    );

    it(
      'counts runs and failed newsletters by trigger',
      withLog(async (log) => {
        expect(await log.totals()).toEqual([]);
        const failure = (distributionId: string) => ({ distributionId, reason: 'no news items found in the newsletter' });
        await log.record({
          trigger: 'schedule',
          startedAt: at(0),
          finishedAt: at(1),
          checked: 2,
          sent: 0,
          unchanged: 0,
          failed: [failure('a'), failure('b')],
        });
        await log.record({
          trigger: 'schedule',
          startedAt: at(480),
          finishedAt: at(481),
          checked: 2,
          sent: 1,
          unchanged: 0,
          failed: [failure('a')],
        });
        await log.record({ trigger: 'api', startedAt: at(500), finishedAt: at(500), checked: 1, sent: 1, unchanged: 0, failed: [] });
        const totals = await log.totals();
        expect([...totals].sort((a, b) => a.trigger.localeCompare(b.trigger))).toEqual([
          { trigger: 'api', runs: 1, failedNewsletters: 0 },
          { trigger: 'schedule', runs: 2, failedNewsletters: 3 },
        ]);
      }),
    );
  });
}
