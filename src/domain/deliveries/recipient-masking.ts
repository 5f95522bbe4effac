import { maskPhone } from '../phone/masking.ts';
import type { DeliveryRequest } from './delivery.ts';

/** How a recipient is shown in the admin API, the CLI and logs: never in clear. */
export function maskRecipient(delivery: Pick<DeliveryRequest, 'channel' | 'recipient'>): string {
  if (delivery.channel === 'whatsapp') return maskPhone(delivery.recipient);
  return delivery.recipient.length <= 8 ? '****' : `${delivery.recipient.slice(0, 4)}…${delivery.recipient.slice(-2)}`;
}
