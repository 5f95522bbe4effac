import { meltwaterNewsletterHtml, SOURCES, type NewsletterItem } from '../../test/support/meltwater-newsletter.ts';

/**
 * A Meltwater newsletter of at least `bytes` bytes, in the shape the tests use (layout tables, tracking
 * redirects, open pixel, unsubscribe paragraph), with distinct news items so that none collapse.
 */
export function bigNewsletter(bytes: number): { html: string; items: number } {
  const item = (index: number): NewsletterItem => ({
    headline: `Asamblea Legislativa aprueba en primer debate la reforma fiscal número ${index} para el próximo año`,
    url: `https://www.nacion.com/el-pais/politica/asamblea-aprueba-reforma-fiscal-${index}/`,
    source: SOURCES[index % SOURCES.length]!,
    date: `Nov ${(index % 28) + 1}, 2024`,
  });
  const html = (count: number) =>
    meltwaterNewsletterHtml({
      title: 'Resumen de noticias CVT',
      items: Array.from({ length: count }, (_, index) => item(index)),
      token: 'a1b2c3d4e5f6a1b2c3d4e5f6',
      sentAt: new Date('2024-11-21T14:00:00Z'),
    });
  const perItem = html(101).length - html(100).length;
  let count = Math.ceil((bytes - html(0).length) / perItem);
  // Item numbers grow a digit now and then: add items until the size is reached.
  while (Buffer.byteLength(html(count)) < bytes) count += 10;
  return { html: html(count), items: count };
}
