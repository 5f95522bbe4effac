import type { OutgoingMessage } from '../deliveries/message.ts';

/** Exactly `{subject}\n\n{link}` (docs/contracts/product.md §1.3). */
export function offlineReportMessage(subject: string, link: string): OutgoingMessage {
  return { job: 'offline-report', text: `${subject}\n\n${link}`, variables: { subject, titulo: subject, link } };
}
