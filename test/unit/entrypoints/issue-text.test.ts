import { describe, expect, it } from 'vitest';
import { deliveriesQuerySchema, clientUpdateSchema, newsletterRunSchema } from '../../../src/entrypoints/contracts/admin.schema.ts';
import { parseOfflineAlertsBody } from '../../../src/entrypoints/contracts/offline-alerts.schema.ts';
import { parseOfflineReportBody } from '../../../src/entrypoints/contracts/offline-report.schema.ts';
import { describeIssues } from '../../../src/entrypoints/contracts/parse-json.ts';

const reportError = (body: unknown): string => {
  const parsed = parseOfflineReportBody(JSON.stringify(body));
  return parsed.ok ? 'accepted' : parsed.error;
};

const adminError = (schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, value: unknown): string => {
  const parsed = schema.safeParse(value);
  return parsed.success ? 'accepted' : describeIssues(parsed.error as Parameters<typeof describeIssues>[0]);
};

describe('validation messages name the field and what it expects, in plain words', () => {
  it.each([
    [{ destinatarios: [] }, 'idEnvio: missing; expected a text or a number'],
    [{ idEnvio: 'abc123' }, 'destinatarios: missing; expected a list'],
    [{ destinatarios: 'x@c.us', idEnvio: 'abc123' }, 'destinatarios: expected a list, not a text'],
    [{ destinatarios: [], idEnvio: true }, 'idEnvio: expected a text or a number, not true or false'],
    [{ destinatarios: [], idEnvio: -1 }, 'idEnvio: must be at least 0'],
    [{ destinatarios: [], idEnvio: 'a', subject: {} }, 'subject: expected a text or a number, not an object'],
    [[], 'body: expected an object, not a list'],
  ])('offline report %j', (body, message) => {
    expect(reportError(body)).toBe(message);
  });

  it('offline alerts', () => {
    const parsed = parseOfflineAlertsBody(
      JSON.stringify([
        { nota: 'n1', titulo: '', correo: 'x' },
        { nota: {}, titulo: 't' },
      ]),
    );
    expect(parsed).toEqual({
      ok: false,
      error:
        'no valid alert: [0] titulo: must not be empty; [1] nota: expected a text or a number, not an object; correo: missing; expected a text',
    });
  });

  it.each([
    [clientUpdateSchema, {}, 'users: missing; expected a list'],
    [clientUpdateSchema, { users: [], name: 5 }, 'name: expected a text, not a number'],
    [clientUpdateSchema, { users: [], provider: '' }, 'provider: must not be empty'],
    [deliveriesQuerySchema, { limit: 'many' }, 'limit: expected a number'],
    [deliveriesQuerySchema, { limit: '5000' }, 'limit: must be at most 1000'],
    [
      deliveriesQuerySchema,
      { status: 'lost' },
      'status: must be one of: queued, sending, sent, delivered, read, failed, expired, suppressed',
    ],
    [deliveriesQuerySchema, { clientId: 'x' }, 'clientId: must be 24 hexadecimal characters, or unknown'],
    [
      newsletterRunSchema,
      { distributionIds: ['x'] },
      'distributionIds[0]: must be 24 hexadecimal characters (a Meltwater distribution id)',
    ],
    [newsletterRunSchema, { distributionIds: 'x' }, 'distributionIds: expected a list, not a text'],
  ] as const)('admin %#: %j', (schema, value, message) => {
    expect(adminError(schema, value)).toBe(message);
  });
});
