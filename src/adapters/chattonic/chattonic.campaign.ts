import { randomUUID } from 'node:crypto';
import type { ProviderMessage } from '../../application/ports/messaging.port.ts';
import { templateParameters, type JobTemplate } from '../../domain/messages/job-templates.ts';

/**
 * One line of a campaign upload in the JSON format of docs/contracts/providers/chattonic.md ("Envío de una campaña de HSMs",
 * JSON: an array of objects with phone / id, namespace, elementName, languageCode, languagePolicy,
 * flag, parameters).
 */
export interface CampaignEntry {
  /** E.164 with its +: Chat-Tonic strips punctuation and wants the country code (docs/contracts/providers/chattonic.md, "phone"). */
  readonly phone: string;
  /** Blank unless the platform is Wavy/Movile (docs/contracts/providers/chattonic.md, "namespace"). */
  readonly namespace: string;
  readonly elementName: string;
  readonly languageCode: string;
  /** "Debe decir siempre DETERMINISTIC" (docs/contracts/providers/chattonic.md). */
  readonly languagePolicy: 'DETERMINISTIC';
  /** Our delivery id: Chat-Tonic keeps the flag with the conversation and hands it back if the user answers. */
  readonly flag: string;
  readonly parameters: readonly string[];
}

export function campaignEntry(template: JobTemplate, namespace: string, message: ProviderMessage): CampaignEntry {
  return {
    phone: message.to,
    namespace,
    elementName: template.template,
    languageCode: template.language,
    languagePolicy: 'DETERMINISTIC',
    flag: message.deliveryId,
    parameters: templateParameters(template, message.message.variables).map(([, value]) => value),
  };
}

/** Chat-Tonic names the campaign after the file (docs/contracts/providers/chattonic.md: "AlertaSudestada-08-05-2020.xlsx" → "AlertaSudestada-08-05-2020"). */
export function campaignFileName(job: string, firstDeliveryId: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/gu, '_');
  return `cvt-${safe(job)}-${safe(firstDeliveryId)}.json`;
}

/**
 * A multipart/form-data body (RFC 7578) with one file and a few text fields, built by hand so the
 * bytes sent are exactly these, with a Content-Length, whatever FormData implementation is around.
 */
export function multipartBody(
  file: { field: string; name: string; type: string; content: string },
  fields: Readonly<Record<string, string>> = {},
): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `----cvt-whatsapp-${randomUUID()}`;
  const quote = (text: string) => text.replace(/["\r\n]/gu, (character) => encodeURIComponent(character));
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.name)}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      'utf8',
    ),
    Buffer.from(file.content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
