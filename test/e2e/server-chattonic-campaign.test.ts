import { afterEach, describe, expect, it } from 'vitest';
import { startChattonicFake } from '../support/fakes/chattonic.fake.ts';
import { CLIENT_ID, json } from '../support/server-api.ts';
import { eventually, startServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the server uploading a Chat-Tonic campaign (issue 13 §3)', () => {
  it('fails every delivery of a campaign whose answer was lost, telling to check Chat-Tonic before resending', async () => {
    const chattonic = await startChattonicFake({ slowMs: 3_000 });
    cleanups.push(() => chattonic.close());
    const running = await startServer(tempDir(), {
      WHATSAPP_PROVIDER: 'chattonic',
      ...chattonic.env,
      CHATTONIC_CAMPAIGN_MIN: '2',
      CHATTONIC_TIMEOUT_MS: '500',
      CHATTONIC_MIN_INTERVAL_MS: '0',
      CHATTONIC_JITTER_MS: '0',
      WHATSAPP_RECIPIENT_SPACING_MS: '0',
    });
    cleanups.push(() => running.stop());
    chattonic.fake.loseNextAnswer('late');

    // One note for three contacts: one event, so one campaign.
    const note = ['50688888881', '50688888882', '50688888883'].map((phone) => ({
      nota: 'n-1',
      titulo: 'Título de la nota',
      cliente: CLIENT_ID,
      correo: `${phone}@c.us`,
      onesignalDevices: [],
    }));
    expect((await running.admin('/api/queues/offline-alerts', { method: 'POST', body: JSON.stringify(note) })).status).toBe(202);

    const settled = await eventually(
      async () => {
        const items = (await json(await running.admin('/api/deliveries?limit=20')))['items'] as {
          status: string;
          lastError: string | null;
        }[];
        return items.length === 3 && items.every((delivery) => delivery.status === 'failed') ? items : undefined;
      },
      15_000,
      'three failed deliveries',
    );
    for (const delivery of settled)
      expect(delivery.lastError).toContain("answer lost; check Chat-Tonic's campaign history before resending");
    expect(chattonic.fake.callsTo('campaign')).toBe(1);
    expect(chattonic.fake.callsTo('sendhsm')).toBe(0);
    expect(chattonic.fake.accepted()).toHaveLength(3);
  });
});
