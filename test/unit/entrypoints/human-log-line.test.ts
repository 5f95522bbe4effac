import { describe, expect, it } from 'vitest';
import { humanLogLine } from '../../../src/entrypoints/cli/human-log-line.ts';

describe('humanLogLine', () => {
  it('turns a JSON log line into one line for a person, without the machine fields', () => {
    const line = JSON.stringify({
      time: '2026-12-03T06:00:00.000Z',
      level: 'error',
      msg: 'newsletter run failed for this distribution',
      component: 'cli-dispatcher',
      distributionId: '6734a46da330314a4cd0c3da',
      error: { name: 'Error', message: 'disk full', stack: 'Error: disk full\n    at x (y.ts:1:1)' },
    });
    const human = humanLogLine(`${line}\n`);
    expect(human).toMatch(
      /^error: newsletter run failed for this distribution \(distributionId=6734a46da330314a4cd0c3da, error=.*disk full.*\)\n$/u,
    );
    expect(human.trimEnd()).not.toContain('\n');
    expect(human).not.toContain('2026-12-03T06:00:00.000Z');
  });

  it('says warning for warn, and passes through anything that is not JSON', () => {
    expect(humanLogLine('{"level":"warn","msg":"slow"}\n')).toBe('warning: slow\n');
    expect(humanLogLine('plain text\n')).toBe('plain text\n');
  });
});
