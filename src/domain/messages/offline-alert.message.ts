import type { OutgoingMessage } from '../deliveries/message.ts';
import { trimTrailingSlashes } from '../shared/text.ts';

/** The note's page in CVT's app, as the old function linked it. */
export function noteLink(appBaseUrl: string, noteId: string): string {
  return `${trimTrailingSlashes(appBaseUrl)}/?shared=1&id=${encodeUriPart(noteId)}`;
}

/** Exactly `*Alerta de noticia*\n\n{titulo}\n\n{link}` (docs/contracts/product.md §1.4). */
export function offlineAlertMessage(titulo: string, link: string): OutgoingMessage {
  return { job: 'offline-alert', text: `*Alerta de noticia*\n\n${titulo}\n\n${link}`, variables: { titulo, link } };
}

/** Where the old function's push notification opened CVT's app: the note inside the client's admin pages. */
export function notePushTarget(appBaseUrl: string, clientId: string, noteId: string): string {
  return `${trimTrailingSlashes(appBaseUrl)}/admin/noticia/${encodeUriPart(clientId)}/${encodeUriPart(noteId)}/`;
}

/** The push notification of an offline alert, as the old function sent it: heading, the title, the note in the app. */
export function offlineAlertPush(titulo: string, targetUrl: string): OutgoingMessage {
  return { job: 'offline-alert', title: 'Alerta de noticia', text: titulo, variables: { titulo, link: targetUrl } };
}

/** A lone surrogate (valid JSON, invalid Unicode) would make encodeURIComponent throw: it becomes U+FFFD instead. */
function encodeUriPart(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}
