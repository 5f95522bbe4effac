import { describe, expect, it } from 'vitest';
import type { SuppressionList } from '../../src/application/ports/suppression-list.port.ts';

export interface SuppressionListHarness {
  create(): Promise<{ list: SuppressionList; second: SuppressionList; close(): Promise<void> }>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 8, minute));

/** The suppression list's promises, the same for every store. */
export function suppressionListContract(name: string, harness: SuppressionListHarness): void {
  describe(`SuppressionList contract: ${name}`, () => {
    const withList = (run: (setup: Awaited<ReturnType<SuppressionListHarness['create']>>) => Promise<void>) => async () => {
      const setup = await harness.create();
      try {
        await run(setup);
      } finally {
        await setup.close();
      }
    };

    it(
      'adds a number once, keeping when and how it was first added',
      withList(async ({ list }) => {
        expect(await list.add({ phone: '+50688888888', since: at(1), source: 'inbound', provider: 'cloudapi' })).toBe(true);
        expect(await list.add({ phone: '+50688888888', since: at(2), source: 'operator', provider: null })).toBe(false);
        expect(await list.has('+50688888888')).toBe(true);
        expect(await list.has('+50677777777')).toBe(false);
        expect(await list.list(10)).toEqual([{ phone: '+50688888888', since: at(1), source: 'inbound', provider: 'cloudapi' }]);
      }),
    );

    it(
      'removes a number once, and lets it be added again',
      withList(async ({ list, second }) => {
        await list.add({ phone: '+50688888888', since: at(1), source: 'operator', provider: null });
        expect(await second.remove('+50688888888')).toBe(true);
        expect(await list.remove('+50688888888')).toBe(false);
        expect(await list.has('+50688888888')).toBe(false);
        expect(await second.add({ phone: '+50688888888', since: at(3), source: 'inbound', provider: 'gowa' })).toBe(true);
        expect(await list.list(10)).toEqual([{ phone: '+50688888888', since: at(3), source: 'inbound', provider: 'gowa' }]);
      }),
    );

    it(
      'removes a number only when it was added that way, when asked to',
      withList(async ({ list, second }) => {
        await list.add({ phone: '+50688888888', since: at(1), source: 'inbound', provider: 'cloudapi' });
        expect(await second.remove('+50688888888', 'marketing-stop')).toBe(false);
        expect(await list.has('+50688888888')).toBe(true);
        await list.add({ phone: '+50677777777', since: at(2), source: 'marketing-stop', provider: 'cloudapi' });
        expect(await list.list(10)).toContainEqual({ phone: '+50677777777', since: at(2), source: 'marketing-stop', provider: 'cloudapi' });
        expect(await second.remove('+50677777777', 'marketing-stop')).toBe(true);
        expect(await list.has('+50677777777')).toBe(false);
      }),
    );

    it(
      'lists newest first, up to the limit, and counts a concurrent add once',
      withList(async ({ list, second }) => {
        const added = await Promise.all([
          list.add({ phone: '+50611111111', since: at(1), source: 'operator', provider: null }),
          second.add({ phone: '+50611111111', since: at(1), source: 'operator', provider: null }),
        ]);
        expect(added.filter(Boolean)).toHaveLength(1);
        await list.add({ phone: '+50622222222', since: at(5), source: 'inbound', provider: 'botmaker' });
        await list.add({ phone: '+50633333333', since: at(3), source: 'inbound', provider: 'waapi' });
        expect((await second.list(2)).map((entry) => entry.phone)).toEqual(['+50622222222', '+50633333333']);
        expect(await list.list(0)).toEqual([]);
      }),
    );
  });
}
