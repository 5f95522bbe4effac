import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  clientUpdateSchema,
  deliveriesQuerySchema,
  limitQuerySchema,
  newsletterRunSchema,
} from '../../../src/entrypoints/contracts/admin.schema.ts';
import { objectIdHex } from '../../support/arbitraries/client-user.arb.ts';

describe('deliveriesQuerySchema', () => {
  it('defaults the limit to 50 and reads numbers from query text', () => {
    expect(deliveriesQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(deliveriesQuerySchema.parse({ limit: '10' })).toEqual({ limit: 10 });
  });

  it('accepts every filter of docs/contracts/product.md §7, the client id in lower case', () => {
    expect(
      deliveriesQuerySchema.parse({ clientId: '5792A7288AC8F35B0AA93BEE', status: 'failed', job: 'offline-alert', limit: '5' }),
    ).toEqual({
      clientId: '5792a7288ac8f35b0aa93bee',
      status: 'failed',
      job: 'offline-alert',
      limit: 5,
    });
  });

  it('reads clientId=unknown as the deliveries of no single client', () => {
    expect(deliveriesQuerySchema.parse({ clientId: 'unknown' })).toEqual({ clientId: null, limit: 50 });
  });

  it.each([
    { clientId: 'abc' },
    { status: 'done' },
    { job: 'push' },
    { limit: '0' },
    { limit: '1001' },
    { limit: '2.5' },
    { limit: 'mucho' },
  ])('refuses %j', (query) => {
    expect(deliveriesQuerySchema.safeParse(query).success).toBe(false);
  });

  test.prop([fc.integer({ min: 1, max: 1_000 }), objectIdHex])('accepts any limit from 1 to 1000 and any client id', (limit, clientId) => {
    expect(deliveriesQuerySchema.parse({ limit: String(limit), clientId })).toEqual({ limit, clientId });
  });
});

describe('limitQuerySchema', () => {
  it('defaults to 50 and refuses out-of-range limits', () => {
    expect(limitQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(limitQuerySchema.safeParse({ limit: '-1' }).success).toBe(false);
  });
});

describe('clientUpdateSchema', () => {
  it('accepts the body of docs/contracts/product.md §7', () => {
    const body = { name: 'Cliente Temporal', users: ['50688888888@c.us', '6734a46da330314a4cd0c3da@meltwater.com', 'ana@example.com'] };
    expect(clientUpdateSchema.parse(body)).toEqual(body);
  });

  it('keeps odd users for the domain to report, and allows no name', () => {
    expect(clientUpdateSchema.parse({ users: [null, 5] })).toEqual({ users: [null, 5] });
    expect(clientUpdateSchema.parse({ name: null, users: [] })).toEqual({ name: null, users: [] });
  });

  it.each([{}, { users: 'x@c.us' }, { name: 5, users: [] }, { name: 'x'.repeat(201), users: [] }])('refuses %j', (body) => {
    expect(clientUpdateSchema.safeParse(body).success).toBe(false);
  });
});

describe('newsletterRunSchema', () => {
  it('runs every newsletter when there is no body', () => {
    expect(newsletterRunSchema.parse(undefined)).toEqual({});
    expect(newsletterRunSchema.parse({})).toEqual({});
  });

  it('can run only some distributions, ids in lower case', () => {
    expect(newsletterRunSchema.parse({ distributionIds: ['6734A46DA330314A4CD0C3DA'] })).toEqual({
      distributionIds: ['6734a46da330314a4cd0c3da'],
    });
  });

  it('refuses distribution ids that are not 24 hex characters', () => {
    expect(newsletterRunSchema.safeParse({ distributionIds: ['../x'] }).success).toBe(false);
  });
});
