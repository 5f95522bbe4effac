import type { ProviderMessage } from '../../application/ports/messaging.port.ts';
import { templateParameters, type JobTemplates } from '../../domain/messages/job-templates.ts';
import { phoneDigits } from '../../domain/phone/phone-number.ts';

/** `TriggerIntentRequest` of the v2 spec, as we fill it. */
export interface TriggerIntentRequest {
  readonly chat: { readonly channelId: string; readonly contactId: string };
  readonly intentIdOrName: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly webhookPayload: string;
}

/** Most items one batch call takes; the API answers 400 past it (docs/contracts/providers/botmaker.md §1). */
export const BATCH_LIMIT = 500;

/**
 * The job's template with its named variables. `contactId` is digits only: with a leading '+' Botmaker
 * opens another, empty chat and the message never reaches the person (docs/contracts/providers/botmaker.md §1, vetorial-labs
 * docs/USAGE.md). `webhookPayload` carries our delivery id, which status webhooks echo as `clientPayload`.
 */
export function triggerIntentRequest(message: ProviderMessage, templates: JobTemplates, channelId: string): TriggerIntentRequest {
  const template = templates[message.message.job];
  return {
    chat: { channelId, contactId: phoneDigits(message.to) },
    intentIdOrName: template.template,
    variables: Object.fromEntries(templateParameters(template, message.message.variables)),
    webhookPayload: message.deliveryId,
  };
}
