/** A CVT client id (24 hex digits, as Mongo's) and three of its WhatsApp contacts, plus an e-mail user. */
export const CLIENT_ID = '5792a7288ac8f35b0aa93bee';
export const CLIENT_USERS = ['50688888888@c.us', '50677777777@c.us', '50666666666@c.us', 'ana@example.com'];

/**
 * An "Every Mention" webhook body as Meltwater posts it, each one a new alert (its own id, headline and
 * article), so that every request records new deliveries instead of finding duplicates.
 */
export function mentionBody(index: number): string {
  const slug = `noticia-${index}`;
  return JSON.stringify({
    id: `1713459776000_bench${index}`,
    type: 'Every Mention',
    title: `Ministerio de Salud anuncia nueva campaña número ${index}`,
    text: 'El Ministerio de Salud anunció una nueva campaña de vacunación en todo el país…',
    authorName: 'La Nación',
    source: 'CVT - Cliente Temporal',
    providerType: 'news',
    statusLine: '🔊 1.59M Reach — 😐 Neutral Sentiment',
    keywords: 'salud, campaña',
    links: {
      article: `https://t.notifications.meltwater.com/v2/x?m=webhook&u=https%253A%252F%252Fwww.nacion.com%252Fel-pais%252F${slug}%252F`,
    },
  });
}
