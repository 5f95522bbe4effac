import type { PhoneNumber } from '../phone/phone-number.ts';
import { parseClientUser, type RejectedUser } from './client-user.ts';

export interface WhatsAppRecipients {
  readonly recipients: readonly PhoneNumber[];
  /** Values that claimed to be WhatsApp ids but are not valid numbers. */
  readonly rejected: readonly RejectedUser[];
}

/**
 * Picks the WhatsApp ids out of a list of `correo` values that also holds e-mail addresses; those
 * are someone else's to serve and are ignored, not reported.
 */
export function whatsappRecipients(values: readonly unknown[], defaultCountryCode: string): WhatsAppRecipients {
  const recipients = new Set<PhoneNumber>();
  const rejected: RejectedUser[] = [];
  for (const value of values) {
    const user = parseClientUser(value, defaultCountryCode);
    if (user.kind === 'whatsapp') recipients.add(user.phone);
    else if (user.kind === 'invalid' && user.value.toLowerCase().endsWith('@c.us')) {
      rejected.push({ value: user.value, reason: user.reason });
    }
  }
  return { recipients: [...recipients], rejected };
}
