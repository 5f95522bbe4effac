import { describe, expect, it } from 'vitest';
import { embeddedServices } from '../../support/embedded-services.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const CLIENT = '5792a7288ac8f35b0aa93bee';
const mention = {
  id: 'mw-1',
  title: 'Gobierno anuncia nueva ruta',
  outlet: 'La Nación',
  sentiment: '🔊 55.9k Reach — 😃 Positive Sentiment',
  articleUrl: 'https://t.notifications.meltwater.com/v2/x?m=webhook&u=https%253A%252F%252Fwww.nacion.com%252Fpais%252Fruta%253Fa%253D1',
};

describe('AcceptMeltwaterAlert', () => {
  it('queues one message per mention and contact, with the unwrapped article link', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', '7777-7777@c.us', 'ana@example.com', '6734a46da330314a4cd0c3da@meltwater.com']);
    const second = { ...mention, id: 'mw-2', title: 'Otra noticia del cliente' };
    const result = await services.acceptAlert.execute(CLIENT, [mention, second]);
    expect(result).toEqual({ ok: true, value: { accepted: 2, queued: 4, duplicates: 0 } });
    const sent = await services.sendAll();
    expect(sent.map((entry) => entry.to).sort()).toEqual(['+50677777777', '+50677777777', '+50688888888', '+50688888888']);
    expect(sent.find((entry) => entry.text.includes('Gobierno'))!.text).toBe(
      '*Alerta de noticia*\n\nGobierno anuncia nueva ruta\nFuente: La Nación\nSentimiento: Positivo\n\nhttps://www.nacion.com/pais/ruta?a=1',
    );
  });

  it('sends nothing twice when Meltwater repeats the call', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us']);
    await services.acceptAlert.execute(CLIENT, [mention]);
    await services.sendAll();
    const repeated = await services.acceptAlert.execute(CLIENT, [mention, { ...mention, articleUrl: `${mention.articleUrl}&t=other` }]);
    expect(repeated).toEqual({ ok: true, value: { accepted: 2, queued: 0, duplicates: 2 } });
    expect(await services.sendAll()).toHaveLength(1);
  });

  it('recognises a mention without id by its article, whatever the tracking tokens', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us']);
    const { id: _id, ...withoutId } = mention;
    await services.acceptAlert.execute(CLIENT, [withoutId]);
    const again = await services.acceptAlert.execute(CLIENT, [
      { ...withoutId, articleUrl: 'https://www.nacion.com/pais/ruta?a=1&utm_source=mw#top' },
    ]);
    expect(again.ok && again.value.duplicates).toBe(1);
  });

  it('answers client_not_found for an unknown client and no_mentions for a body without any', async () => {
    const services = embeddedServices(tempDir());
    expect(await services.acceptAlert.execute(CLIENT, [mention])).toEqual({ ok: false, error: 'client_not_found' });
    await services.saveClient(CLIENT, ['50688888888@c.us']);
    expect(await services.acceptAlert.execute(CLIENT, [{}, { outlet: 'x' }])).toEqual({ ok: false, error: 'no_mentions' });
  });

  it('accepts but queues nothing, with a warning, when the client has no WhatsApp contact', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['ana@example.com', '123@c.us']);
    const result = await services.acceptAlert.execute(CLIENT, [mention]);
    expect(result).toEqual({ ok: true, value: { accepted: 1, queued: 0, duplicates: 0, warning: expect.any(String) } });
  });

  it('skips and reports invalid users without stopping the valid ones', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['123@c.us', '50688888888@c.us', 'garbage']);
    const result = await services.acceptAlert.execute(CLIENT, [mention]);
    expect(result.ok && result.value.queued).toBe(1);
    const warning = services.logger.lines.find((line) => line.level === 'warn');
    expect(warning?.fields['rejected']).toEqual([
      { value: '123@c.us', reason: expect.stringContaining('too short') },
      { value: 'garbage', reason: expect.any(String) },
    ]);
  });

  it('sends to the contacts the client has at each call, and warns at each call about its invalid users', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', 'garbage']);
    await services.acceptAlert.execute(CLIENT, [mention]);
    await services.acceptAlert.execute(CLIENT, [{ ...mention, id: 'mw-2' }]);
    await services.saveClient(CLIENT, ['50677777777@c.us', '50666666666@c.us']);
    const third = await services.acceptAlert.execute(CLIENT, [{ ...mention, id: 'mw-3' }]);
    expect(third).toEqual({ ok: true, value: { accepted: 1, queued: 2, duplicates: 0 } });
    expect((await services.sendAll()).map((entry) => entry.to).sort()).toEqual([
      '+50666666666',
      '+50677777777',
      '+50688888888',
      '+50688888888',
    ]);
    expect(services.logger.lines.filter((line) => line.level === 'warn')).toHaveLength(2);
  });
});
