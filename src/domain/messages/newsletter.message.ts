import type { OutgoingMessage } from '../deliveries/message.ts';

/** `*Informe de noticias*`, the newsletter's own title when it has one, then the link on CVT's domain. */
export function newsletterMessage(link: string, title: string | null, clientName: string | null): OutgoingMessage {
  const blocks = ['*Informe de noticias*'];
  if (title !== null && title.trim() !== '') blocks.push(title.trim());
  blocks.push(link);
  const variables: Record<string, string> = { link, titulo: title?.trim() || 'Informe de noticias' };
  if (clientName !== null) variables['cliente'] = clientName;
  return { job: 'meltwater-newsletter', text: blocks.join('\n\n'), variables };
}
