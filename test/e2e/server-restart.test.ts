import { afterEach, describe, expect, it } from 'vitest';
import { json, outbox, outboxWhenSettled } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

const alerts = (nota: string, recipients: number) =>
  JSON.stringify(
    Array.from({ length: recipients }, (_, index) => ({
      nota,
      titulo: `Nota ${nota}`,
      cliente: '5792a7288ac8f35b0aa93bee',
      correo: `5067000${String(index).padStart(4, '0')}@c.us`,
      onesignalDevices: [],
    })),
  );

describe('a server killed with messages still queued', () => {
  it('sends every one of them, once, after it is started again', async () => {
    const dataDir = tempDir();
    // Slow pacing keeps most deliveries queued when the process is killed; a short lease lets the
    // restarted process retake the one that was being sent.
    const first = await startServer(dataDir, { OUTBOX_MIN_INTERVAL_MS: '250', DISPATCH_LEASE_MS: '1000' });
    running.push(first);
    const enqueue = (body: string) => first.admin('/api/queues/offline-alerts', { method: 'POST', body });
    expect((await enqueue(alerts('nota-a', 12))).status).toBe(202);
    await eventually(async () => ((await outbox(first)).length >= 2 ? true : undefined), 10_000, 'the first sends');
    expect((await enqueue(alerts('nota-b', 3))).status).toBe(202);
    await first.kill();
    running.length = 0;

    const second = await startServer(dataDir);
    running.push(second);
    const messages = await outboxWhenSettled(second, 15, 20_000);

    const received = messages.map((message) => `${message.to} ${message.text.split('\n')[2]}`);
    expect(received).toHaveLength(15);
    expect(new Set(received).size).toBe(15);
    const deliveries = (await json(await second.admin('/api/deliveries?limit=100')))['items'] as { status: string }[];
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(15).fill('sent'));
  });
});

describe('a fresh clone started with no configuration', () => {
  it('creates its data folder, generates and prints its tokens, and keeps them across restarts', async () => {
    const dataDir = `${tempDir()}/data`;
    const server = await startServer(dataDir, {}, { tokens: false });
    running.push(server);
    expect((await server.request('/healthz')).status).toBe(200);
    await eventually(async () => (server.output.some((line) => line.includes('ADMIN_TOKEN=')) ? true : undefined), 2_000, 'the banner');
    const token = /ADMIN_TOKEN=(\S+)/u.exec(server.output.join('\n'))![1]!;
    expect((await server.request('/api/clients')).status).toBe(401);
    expect((await server.request('/api/clients', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await server.stop();
    running.length = 0;

    const again = await startServer(dataDir, {}, { tokens: false });
    running.push(again);
    expect(again.output.join('\n')).not.toContain('ADMIN_TOKEN=');
    expect((await again.request('/api/clients', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('refuses to start with a bad setting, naming it without echoing its value', async () => {
    await expect(startServer(tempDir(), { PORT: 'eighty', ADMIN_TOKEN: 'short' })).rejects.toThrow(
      /PORT[\s\S]*ADMIN_TOKEN|ADMIN_TOKEN[\s\S]*PORT/u,
    );
    await expect(startServer(tempDir(), { ADMIN_TOKEN: 'short' }, { tokens: false })).rejects.not.toThrow(/short/u);
  });
});
