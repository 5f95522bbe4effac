import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { toMention, type Mention } from '../../../src/domain/meltwater/mention.ts';
import { meltwaterAlertMessage } from '../../../src/domain/messages/meltwater-alert.message.ts';
import { newsletterMessage } from '../../../src/domain/messages/newsletter.message.ts';
import { noteLink, offlineAlertMessage } from '../../../src/domain/messages/offline-alert.message.ts';
import { offlineReportMessage } from '../../../src/domain/messages/offline-report.message.ts';
import { newsletterKey, offlineReportKey, publicReportUrl } from '../../../src/domain/reports/report-keys.ts';

describe('offline report message (docs/contracts/product.md §1.3)', () => {
  it.each(['https://media.controles.co.cr', 'https://media.controles.co.cr/', 'https://media.controles.co.cr//'])(
    'is exactly "{subject}\\n\\n{PUBLIC_MEDIA_BASE_URL}/informes/{idEnvio}.html" with base %j',
    (base) => {
      const message = offlineReportMessage('Informe matutino', publicReportUrl(base, offlineReportKey('abc123')));
      expect(message.text).toBe('Informe matutino\n\nhttps://media.controles.co.cr/informes/abc123.html');
      expect(message.job).toBe('offline-report');
      expect(message.variables).toMatchObject({ subject: 'Informe matutino', link: 'https://media.controles.co.cr/informes/abc123.html' });
    },
  );
});

describe('offline alert message (docs/contracts/product.md §1.4)', () => {
  it.each(['https://app.controles.co.cr', 'https://app.controles.co.cr/'])(
    'is exactly "*Alerta de noticia*\\n\\n{titulo}\\n\\n{APP_BASE_URL}/?shared=1&id={nota}" with base %j',
    (base) => {
      const message = offlineAlertMessage('Título de la nota', noteLink(base, '66f1c0ffee00000000000001'));
      expect(message.text).toBe(
        '*Alerta de noticia*\n\nTítulo de la nota\n\nhttps://app.controles.co.cr/?shared=1&id=66f1c0ffee00000000000001',
      );
      expect(message.job).toBe('offline-alert');
      expect(message.variables).toEqual({
        titulo: 'Título de la nota',
        link: 'https://app.controles.co.cr/?shared=1&id=66f1c0ffee00000000000001',
      });
    },
  );

  it('escapes a note id that would break the link', () => {
    expect(noteLink('https://app.controles.co.cr', 'a&b c')).toBe('https://app.controles.co.cr/?shared=1&id=a%26b%20c');
  });

  test.prop([fc.string({ minLength: 1 }), fc.stringMatching(/^[0-9a-f]{24}$/u)])(
    'puts any title between the heading and the link',
    (titulo, nota) => {
      const link = noteLink('https://app.controles.co.cr', nota);
      expect(offlineAlertMessage(titulo, link).text).toBe(`*Alerta de noticia*\n\n${titulo}\n\n${link}`);
    },
  );
});

describe('Meltwater alert message', () => {
  const article = 'https://www.nacion.com/el-pais/nota.html';
  const mention = toMention({
    title: 'Gobierno anuncia plan',
    outlet: 'La Nación',
    sentiment: '🔊 55.9k Reach — 😐 Neutral Sentiment',
    articleUrl: `https://t.notifications.meltwater.com/v2/x?u=${encodeURIComponent(encodeURIComponent(article))}`,
  })!;

  it('tells the title, source, sentiment in Spanish and the unwrapped link', () => {
    const message = meltwaterAlertMessage(mention, 'Cliente Temporal');
    expect(message.text).toBe(`*Alerta de noticia*\n\nGobierno anuncia plan\nFuente: La Nación\nSentimiento: Neutral\n\n${article}`);
    expect(message.text).not.toContain('meltwater');
    expect(message.variables).toEqual({
      titulo: 'Gobierno anuncia plan',
      link: article,
      fuente: 'La Nación',
      sentimiento: 'Neutral',
      cliente: 'Cliente Temporal',
    });
  });

  it('leaves out what is unknown', () => {
    const bare: Mention = { ...mention, outlet: null, sentiment: null };
    const message = meltwaterAlertMessage(bare, null);
    expect(message.text).toBe(`*Alerta de noticia*\n\nGobierno anuncia plan\n\n${article}`);
    expect(message.variables).toEqual({ titulo: 'Gobierno anuncia plan', link: article });
  });

  it('translates positive and negative', () => {
    expect(meltwaterAlertMessage({ ...mention, sentiment: 'positive' }, null).text).toContain('Sentimiento: Positivo');
    expect(meltwaterAlertMessage({ ...mention, sentiment: 'negative' }, null).text).toContain('Sentimiento: Negativo');
  });

  it('shortens a very long title at a word', () => {
    const message = meltwaterAlertMessage({ ...mention, title: 'palabra '.repeat(100) }, null);
    expect(message.variables.titulo!.length).toBeLessThanOrEqual(300);
    expect(message.variables.titulo!.endsWith('…')).toBe(true);
  });
});

describe('newsletter message', () => {
  const link = publicReportUrl('https://media.controles.co.cr/', newsletterKey('6734a46da330314a4cd0c3da'));

  it('sends the link on CVT’s domain', () => {
    expect(link).toBe('https://media.controles.co.cr/informesmw/6734a46da330314a4cd0c3da.html');
    const message = newsletterMessage(link, 'Resumen diario', 'Cliente Temporal');
    expect(message.text).toBe(`*Informe de noticias*\n\nResumen diario\n\n${link}`);
    expect(message.variables).toEqual({ link, titulo: 'Resumen diario', cliente: 'Cliente Temporal' });
  });

  it('works without a title', () => {
    expect(newsletterMessage(link, '  ', null).text).toBe(`*Informe de noticias*\n\n${link}`);
    expect(newsletterMessage(link, null, null).variables).toEqual({ link, titulo: 'Informe de noticias' });
  });
});
