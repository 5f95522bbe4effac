import type { Clock } from '../../../application/ports/clock.port.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { ReplyPort } from '../../../application/ports/reply.port.ts';

/**
 * WhatsApp Web gateways (Waapi, gowa) send nothing but free text, so a reply is a send of its text.
 * The job only names the message's kind for the adapter; a reply is never recorded as a delivery.
 */
export function withFreeTextReplies<Settings, Runtime extends { readonly clock: Clock }, Instance extends { messaging: MessagingPort }>(
  create: (settings: Settings, runtime: Runtime) => Instance,
): (settings: Settings, runtime: Runtime) => Instance & { replies: ReplyPort } {
  return (settings, runtime) => withReplies(create(settings, runtime), runtime.clock);
}

function withReplies<Instance extends { messaging: MessagingPort }>(instance: Instance, clock: Clock): Instance & { replies: ReplyPort } {
  const { messaging } = instance;
  let replies = 0;
  const port: ReplyPort = {
    provider: messaging.provider,
    reply: (to, text) =>
      messaging.send({
        deliveryId: `reply-${clock.now().getTime()}-${++replies}`,
        clientId: null,
        to,
        message: { job: 'offline-alert', text, variables: {} },
      }),
  };
  return { ...instance, replies: port };
}
