import type { Command } from 'commander';
import type { InboundQueue } from '../../application/ports/job-queue.port.ts';
import { parseOfflineAlertsBody } from '../contracts/offline-alerts.schema.ts';
import { parseOfflineReportBody } from '../contracts/offline-report.schema.ts';
import { MAX_BODY_BYTES } from '../shared/http-errors.ts';
import type { CliContext } from './cli-context.ts';
import { UserError } from './user-error.ts';

interface QueueBody {
  readonly command: string;
  readonly queue: InboundQueue;
  readonly description: string;
  /** Why the body can never be processed, or the entries that will be skipped. */
  readonly validate: (body: string) => { ok: true; skipped: readonly { index: number; reason: string }[] } | { ok: false; reason: string };
}

const QUEUE_BODIES: readonly QueueBody[] = [
  {
    command: 'offline-report',
    queue: 'offline-reports',
    description: 'Queue a whatsapp-informes body ({destinatarios, idEnvio, subject}) on offline-reports',
    validate: (body) => {
      const parsed = parseOfflineReportBody(body);
      return parsed.ok ? { ok: true, skipped: [] } : { ok: false, reason: parsed.error };
    },
  },
  {
    command: 'offline-alert',
    queue: 'offline-alerts',
    description: 'Queue a notificaciones-controles body ([{nota, titulo, cliente, correo, onesignalDevices}]) on offline-alerts',
    validate: (body) => {
      const parsed = parseOfflineAlertsBody(body);
      return parsed.ok ? { ok: true, skipped: parsed.value.invalid } : { ok: false, reason: parsed.error };
    },
  },
];

/**
 * `enqueue offline-report|offline-alert`: puts a body on an inbound queue exactly as CVT's backend
 * would, for runs without SQS. The same validation as POST /api/queues/:queue refuses a body that
 * could never be processed, instead of letting it reach the dead letters.
 */
export function registerEnqueueCommands(enqueue: Command, context: CliContext): void {
  for (const { command, queue, description, validate } of QUEUE_BODIES) {
    enqueue
      .command(command)
      .description(description)
      .argument('<file>', 'the JSON body, or - for standard input')
      .option('--json', 'print the outcome as JSON')
      .action(async (file: string, options: { json?: boolean }) => {
        const body = await context.readInput(file);
        if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new UserError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
        const validation = validate(body);
        if (!validation.ok) throw new UserError(`invalid ${command} body: ${validation.reason}`);
        const submitQueueMessage = await context.service('submitQueueMessage');
        const messageId = await submitQueueMessage.execute(queue, body);
        if (options.json) {
          context.printJson({ queued: true, queue, messageId, skipped: validation.skipped });
          return;
        }
        context.print(`queued message ${messageId} on ${queue}`);
        for (const entry of validation.skipped) context.note(`entry ${entry.index} will be skipped: ${entry.reason}`);
        context.note('the running server (npm start) processes it');
      });
  }
}
