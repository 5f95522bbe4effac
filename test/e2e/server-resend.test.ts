import { afterEach, describe, expect, it } from 'vitest';
import { createCliSandbox } from '../support/cli.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { CLIENT_ID, json, putClient } from '../support/server-api.ts';
import { eventually, startServer, WEBHOOK_TOKEN, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CONTACTS = ['50688880001', '50688880002'];

interface ListedDelivery {
  id: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** Two alert deliveries through Waapi, both refused for good (not a WhatsApp number), as a real outage of one's contacts would. */
async function twoFailedDeliveries(dataDir: string) {
  const waapi = await startWaapiFake();
  cleanups.push(() => waapi.close());
  waapi.fake.fail('invalid_recipient', CONTACTS.length);
  const server = await startServer(dataDir, {
    WHATSAPP_PROVIDER: 'waapi',
    ...waapi.env,
    WAAPI_MIN_INTERVAL_MS: '0',
    WAAPI_JITTER_MS: '0',
    WHATSAPP_RECIPIENT_SPACING_MS: '0',
  });
  cleanups.push(() => server.stop());
  await putClient(
    server,
    CLIENT_ID,
    CONTACTS.map((phone) => `${phone}@c.us`),
  );
  const hook = await server.request(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
    method: 'POST',
    body: JSON.stringify({ id: 'm-resend', title: 'Noticia que no llegó' }),
  });
  expect(hook.status).toBe(202);
  const failed = await eventually(
    async () => {
      const items = await list(server, 'status=failed');
      return items.length === CONTACTS.length ? items : undefined;
    },
    15_000,
    'both deliveries to fail',
  );
  return { waapi, server, failed };
}

async function list(server: RunningServer, query = ''): Promise<ListedDelivery[]> {
  return (await json(await server.admin(`/api/deliveries?${query}`)))['items'] as ListedDelivery[];
}

const resend = (server: RunningServer, body: unknown) =>
  server.admin('/api/deliveries/resend', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('resending failed deliveries, and the history of a delivery', () => {
  it('resends by id and by filter (a dry run first changes nothing), each once, keeping the id and history', async () => {
    const { waapi, server, failed } = await twoFailedDeliveries(tempDir());
    expect(waapi.fake.accepted()).toHaveLength(0);

    const dryRun = await resend(server, { status: 'failed', job: 'meltwater-alert', dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(await dryRun.json()).toEqual({ requeued: 2 });
    expect((await list(server, 'status=failed')).map((delivery) => delivery.id).sort()).toEqual(
      failed.map((delivery) => delivery.id).sort(),
    );

    const [first, second] = failed;
    expect(await (await resend(server, { ids: [first!.id] })).json()).toEqual({ requeued: 1 });
    await eventually(
      async () => ((await list(server, 'status=sent')).length === 1 ? true : undefined),
      15_000,
      'the resent delivery to go out',
    );
    // Sent is never sent again, by the same call or any other.
    expect(await (await resend(server, { ids: [first!.id] })).json()).toEqual({ requeued: 0 });

    expect(await (await resend(server, { status: 'failed', since: '2000-01-01T00:00:00Z' })).json()).toEqual({ requeued: 1 });
    await eventually(async () => ((await list(server, 'status=sent')).length === 2 ? true : undefined), 15_000, 'the second to go out');
    expect(await (await resend(server, { status: 'failed' })).json()).toEqual({ requeued: 0 });
    expect(
      waapi.fake
        .accepted()
        .map((message) => message.to)
        .sort(),
    ).toEqual(CONTACTS.map((phone) => `+${phone}`).sort());

    const response = await server.admin(`/api/deliveries/${second!.id}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const phone of CONTACTS) expect(text).not.toContain(phone);
    const shown = JSON.parse(text) as ListedDelivery & { events: { at: string; type: string; detail: string }[] };
    expect(shown).toMatchObject({ id: second!.id, status: 'sent', attempts: 1, recipient: second!.recipient });
    expect(shown.events.map((event) => event.type)).toEqual(['recorded', 'claimed', 'failed', 'requeued', 'claimed', 'sent']);
    expect(shown.events[2]!.detail).toMatch(/^waapi: invalid_recipient: /u);
    expect(shown.events[5]!.detail).toMatch(/^sent by waapi, message /u);
    const times = shown.events.map((event) => Date.parse(event.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('answers 404 for an unknown delivery and 400 for a resend that names nothing', async () => {
    const { server } = await twoFailedDeliveries(tempDir());
    expect((await server.admin(`/api/deliveries/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await server.admin('/api/deliveries/not-an-id')).status).toBe(404);
    for (const body of [
      {},
      { dryRun: true },
      { ids: [] },
      { ids: ['x'] },
      { status: 'sent' },
      { ids: ['0'.repeat(32)], status: 'failed' },
      { since: 'ayer' },
    ]) {
      const response = await resend(server, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect((await server.request('/api/deliveries/resend', { method: 'POST', body: '{"status":"failed"}' })).status).toBe(401);
    expect((await list(server, 'status=failed')).length).toBe(2);
  });

  it('resends with the CLI, a dry run first, and shows the history', async () => {
    const cli = await createCliSandbox();
    cleanups.push(() => cli.cleanup());
    const { server, failed } = await twoFailedDeliveries(cli.dataDir);

    const dry = await cli.run(['deliveries', 'resend', '--status', 'failed', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2 deliveries would be requeued (dry run, nothing changed)');
    expect((await list(server, 'status=failed')).length).toBe(2);

    const real = await cli.run(['deliveries', 'resend', '--id', failed[0]!.id]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('1 delivery requeued');
    expect(real.stdout).toContain(failed[0]!.id);
    await eventually(
      async () => ((await list(server, 'status=sent')).length === 1 ? true : undefined),
      15_000,
      'the resent delivery to go out',
    );

    const shown = await cli.run(['deliveries', 'show', failed[0]!.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/status: sent/u);
    for (const type of ['recorded', 'failed', 'requeued', 'sent']) expect(shown.stdout).toContain(type);
    const bad = await cli.run(['deliveries', 'resend']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('give ids, or a filter');
    for (const line of cli.transcript) for (const phone of CONTACTS) expect(line).not.toContain(phone);
  });
});
