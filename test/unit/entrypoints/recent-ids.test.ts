import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { RecentIds } from '../../../src/entrypoints/background/recent-ids.ts';

describe('RecentIds', () => {
  test.prop([fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 30 }).map(String), { maxLength: 200 })])(
    'remembers exactly the last `capacity` distinct ids added, however many were added before',
    (capacity, added) => {
      const recent = new RecentIds(capacity);
      for (const id of added) recent.add(id);
      const expected = [...new Set([...added].reverse())].slice(0, capacity);
      expect(recent.size).toBe(expected.length);
      for (const id of new Set(added)) expect(recent.has(id)).toBe(expected.includes(id));
    },
  );
});
