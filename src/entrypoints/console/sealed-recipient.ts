import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A number the operator searched for travels between pages (filters, pagination) sealed with a key of this
 * process, so it is never in clear in a URL, a page's source, the browser's history or a log.
 */
const KEY = randomBytes(32);

export function sealRecipient(phone: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const sealed = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openRecipient(token: string): string | undefined {
  try {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
