import { afterEach, describe, expect, it } from 'vitest';
import type { InboundCallback } from '../../src/application/ports/receipt-source.port.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { CLIENT_ID, json } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function postAck(running: RunningServer, callback: InboundCallback): Promise<unknown> {
  const query = new URLSearchParams(Object.entries(callback.query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return json(
    await running.request(`/webhooks/waapi?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(callback.rawBody),
    }),
  );
}

/** The offline alert of note `nota` to one WhatsApp contact, as CVT's backend queues it, and its delivery once sent. */
async function alertSent(running: RunningServer, nota: string, correo: string): Promise<{ id: string }> {
  const note = [{ nota, titulo: 'Título de la nota', cliente: CLIENT_ID, correo, onesignalDevices: [] }];
  expect((await running.admin('/api/queues/offline-alerts', { method: 'POST', body: JSON.stringify(note) })).status).toBe(202);
  return eventually(async () => (await deliveries(running)).find((delivery) => delivery.eventKey === nota && delivery.status === 'sent'));
}

async function deliveries(running: RunningServer) {
  return (await json(await running.admin('/api/deliveries?limit=20')))['items'] as {
    id: string;
    eventKey: string;
    status: string;
    lastError: string | null;
  }[];
}

describe('the server reading Waapi acknowledgements (issue 13 §3)', () => {
  it('moves a delivery on an ack whose chat became a LID since the send, and fails one on ack -1 with the reason', async () => {
    const waapi = await startWaapiFake();
    cleanups.push(() => waapi.close());
    const running = await startServer(tempDir(), {
      WHATSAPP_PROVIDER: 'waapi',
      ...waapi.env,
      WAAPI_MIN_INTERVAL_MS: '0',
      WAAPI_JITTER_MS: '0',
      WHATSAPP_RECIPIENT_SPACING_MS: '0',
    });
    cleanups.push(() => running.stop());

    const delivered = await alertSent(running, 'n-1', '50688888888@c.us');
    const [first] = waapi.fake.messageIds();
    expect(await postAck(running, waapi.fake.ack(first!, 2, { lid: true }))).toEqual({ received: 1, matched: 1 });

    const failed = await alertSent(running, 'n-2', '50677777777@c.us');
    const [, second] = waapi.fake.messageIds();
    expect(await postAck(running, waapi.fake.ack(second!, -1))).toEqual({ received: 1, matched: 1 });

    const byId = new Map((await deliveries(running)).map((delivery) => [delivery.id, delivery]));
    expect(byId.get(delivered.id)).toMatchObject({ status: 'delivered' });
    expect(byId.get(failed.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('ack -1') });
  });
});
