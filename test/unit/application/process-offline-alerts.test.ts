import { describe, expect, it } from 'vitest';
import { APP, embeddedServices } from '../../support/embedded-services.ts';
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
  it('sends each WhatsApp entry the alert text of PRODUCT.md §1.4 and ignores e-mail entries', async () => {
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
