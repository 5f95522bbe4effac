import { describe, expect, it } from 'vitest';
import { APP, embeddedServices } from '../../support/embedded-services.ts';
import { RecordingPush } from '../../support/recording-push.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const entry = (correo: string, nota = '66f1c0ffee0000000000aaaa') => ({
  nota,
  titulo: 'Título de la nota',
  cliente: '5792a7288ac8f35b0aa93bee',
  correo,
  onesignalDevices: ['device-1'],
});

describe('ProcessOfflineAlerts', () => {
  it('sends each WhatsApp entry the alert text of docs/contracts/product.md §1.4 and ignores e-mail entries', async () => {
    const services = embeddedServices(tempDir());
    const result = await services.processAlerts.execute([entry('50688888888@c.us'), entry('ana@example.com')]);
    expect(result).toMatchObject({ entries: 2, queued: 1, duplicates: 0, ignored: 1, rejected: [] });
    const [sent] = await services.sendAll();
    expect(sent).toMatchObject({
      to: '+50688888888',
      text: `*Alerta de noticia*\n\nTítulo de la nota\n\n${APP}/?shared=1&id=66f1c0ffee0000000000aaaa`,
    });
    expect((await services.ledger.list({ limit: 1 }))[0]).toMatchObject({
      clientId: '5792a7288ac8f35b0aa93bee',
      eventKey: '66f1c0ffee0000000000aaaa',
    });
  });

  it('never sends the same note twice to the same recipient', async () => {
    const services = embeddedServices(tempDir());
    await services.processAlerts.execute([entry('50688888888@c.us')]);
    expect(await services.processAlerts.execute([entry('50688888888@c.us'), entry('+506 8888 8888@c.us')])).toMatchObject({
      queued: 0,
      duplicates: 2,
    });
    expect(await services.processAlerts.execute([entry('50688888888@c.us', 'otra-nota')])).toMatchObject({ queued: 1 });
    expect(await services.sendAll()).toHaveLength(2);
  });

  it('reports an invalid WhatsApp id and still serves the other entries', async () => {
    const services = embeddedServices(tempDir());
    const result = await services.processAlerts.execute([entry('5068@c.us'), entry('50677777777@c.us')]);
    expect(result.rejected).toEqual([{ value: '5068@c.us', reason: expect.stringContaining('too short') }]);
    expect(result.queued).toBe(1);
  });

  it('reports the push devices it does not serve instead of dropping them silently', async () => {
    const services = embeddedServices(tempDir());
    const result = await services.processAlerts.execute([entry('50688888888@c.us'), entry('ana@example.com')]);
    expect(result.pushDevicesNotServed).toBe(2);
    expect(services.logger.lines.some((line) => line.level === 'warn' && line.fields['devices'] === 2)).toBe(true);
  });
});

describe('ProcessOfflineAlerts with push notifications configured', () => {
  it('pushes the alert to each device once per note, as the old function did, next to WhatsApp', async () => {
    const push = new RecordingPush();
    const services = embeddedServices(tempDir(), { push });
    const entries = [
      { ...entry('50688888888@c.us'), onesignalDevices: ['player-aaaa-1111', 'player-bbbb-2222'] },
      { ...entry('ana@example.com'), onesignalDevices: ['player-bbbb-2222', 'player-cccc-3333'] },
    ];

    const result = await services.processAlerts.execute(entries);

    expect(result).toMatchObject({ queued: 1, pushQueued: 3, pushDevicesNotServed: 0 });
    expect(await services.processAlerts.execute(entries)).toMatchObject({ queued: 0, pushQueued: 0 });
    await services.sendAll();
    expect(push.sent.map((notification) => notification.deviceId).sort()).toEqual([
      'player-aaaa-1111',
      'player-bbbb-2222',
      'player-cccc-3333',
    ]);
    expect(push.sent[0]).toMatchObject({
      heading: 'Alerta de noticia',
      content: 'Título de la nota',
      targetUrl: `${APP}/admin/noticia/5792a7288ac8f35b0aa93bee/66f1c0ffee0000000000aaaa/`,
    });
    const pushDeliveries = (await services.ledger.list({ limit: 10 })).filter((delivery) => delivery.channel === 'push');
    expect(pushDeliveries.map((delivery) => [delivery.status, delivery.provider])).toEqual(Array(3).fill(['sent', 'recording-push']));
  });
});
