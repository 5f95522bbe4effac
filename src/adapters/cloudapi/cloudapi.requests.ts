import type { ProviderMessage } from '../../application/ports/messaging.port.ts';
import { templateParameters, type JobTemplate } from '../../domain/messages/job-templates.ts';

/** Body of `POST /{phone-number-id}/messages` (docs/contracts/providers/cloudapi.md §1.2, §1.3). `to` keeps its `+` (§1.6). */
export type CloudApiRequest = Readonly<Record<string, unknown>>;

const envelope = (to: string) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to });

/** Free text, only inside the contact's service window; the first link gets a preview. */
export function textRequest(to: string, body: string): CloudApiRequest {
  return { ...envelope(to), type: 'text', text: { preview_url: true, body } };
}

/** The job's approved template; named parameters carry `parameter_name`, positional ones go in order. */
export function templateRequest(message: ProviderMessage, template: JobTemplate): CloudApiRequest {
  const parameters = templateParameters(template, message.message.variables).map(([name, text]) =>
    /^\d+$/u.test(name) ? { type: 'text', text } : { type: 'text', parameter_name: name, text },
  );
  const media = template.media;
  const components = [
    ...(media === undefined
      ? []
      : [
          {
            type: 'header',
            parameters: [
              {
                type: media.type,
                [media.type]: { link: media.link, ...(media.filename === undefined ? {} : { filename: media.filename }) },
              },
            ],
          },
        ]),
    ...(parameters.length === 0 ? [] : [{ type: 'body', parameters }]),
  ];
  return {
    ...envelope(message.to),
    type: 'template',
    template: { name: template.template, language: { code: template.language }, ...(components.length === 0 ? {} : { components }) },
  };
}

/** `messages[0].id`, the wamid the status webhooks name (§1.4). */
export function wamidOf(json: unknown): string | undefined {
  const messages = typeof json === 'object' && json !== null ? (json as { messages?: unknown }).messages : undefined;
  const first: unknown = Array.isArray(messages) ? messages[0] : undefined;
  const id = typeof first === 'object' && first !== null ? (first as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
