import type { Command } from 'commander';
import type { InboundQueue } from '../../application/ports/job-queue.port.ts';
import { offlineReportKey } from '../../domain/reports/report-keys.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { MAX_BODY_BYTES } from '../shared/http-errors.ts';
import type { CliContext } from './cli-context.ts';
import { queueBodyContracts } from './lazy-contracts.ts';
import { UserError } from './user-error.ts';

interface EnqueueOptions {
  readonly json?: boolean;
  readonly source?: string;
}

type Validation = Result<{ readonly skipped: readonly { index: number; reason: string }[]; readonly idEnvio?: string }, string>;

interface QueueBody {
  readonly command: string;
  readonly queue: InboundQueue;
  readonly description: string;
  /** Why the body can never be processed, or the entries that will be skipped. */
  readonly validate: (body: string) => Promise<Validation>;
}

const QUEUE_BODIES: readonly QueueBody[] = [
  {
    command: 'offline-report',
    queue: 'offline-reports',
    description:
      'Queue a whatsapp-informes body ({destinatarios, idEnvio, subject}) on offline-reports. ' +
      "The report's HTML must be at informes/{idEnvio}.html first, where CVT's backend writes it: --source puts it there",
    validate: async (body) => {
      const { parseOfflineReportBody } = await queueBodyContracts();
      const parsed = parseOfflineReportBody(body);
      return parsed.ok ? ok({ skipped: [], idEnvio: parsed.value.idEnvio }) : err(parsed.error);
    },
  },
  {
    command: 'offline-alert',
    queue: 'offline-alerts',
    description: 'Queue a notificaciones-controles body ([{nota, titulo, cliente, correo, onesignalDevices}]) on offline-alerts',
    validate: async (body) => {
      const { parseOfflineAlertsBody } = await queueBodyContracts();
      const parsed = parseOfflineAlertsBody(body);
      return parsed.ok ? ok({ skipped: parsed.value.invalid }) : err(parsed.error);
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
    const subcommand = enqueue
      .command(command)
      .description(description)
      .argument('<file>', 'the JSON body, or - for standard input')
      .option('--json', 'print the outcome as JSON');
    if (command === 'offline-report') {
      subcommand.option('--source <html>', "the report's HTML page, stored at informes/{idEnvio}.html before the body is queued");
    }
    subcommand.action(async (file: string, options: EnqueueOptions) => {
      const body = await context.readInput(file);
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new UserError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
      const validated = await validate(body);
      if (!validated.ok) throw new UserError(`invalid ${command} body: ${validated.error}`);
      const validation = validated.value;
      const report = validation.idEnvio === undefined ? undefined : await placeReport(context, validation.idEnvio, options.source);
      const submitQueueMessage = await context.service('submitQueueMessage');
      const messageId = await submitQueueMessage.execute(queue, body);
      if (options.json) {
        context.printJson({ queued: true, queue, messageId, skipped: validation.skipped, ...(report === undefined ? {} : { report }) });
        return;
      }
      if (report?.stored === true) context.print(`stored the report page at ${report.location}`);
      context.print(`queued message ${messageId} on ${queue}`);
      for (const entry of validation.skipped) context.note(`entry ${entry.index} will be skipped: ${entry.reason}`);
      if (report?.found === false) {
        context.note(
          `warning: no report page at ${report.location}: put the report's HTML there (or queue again with --source <file>), ` +
            'otherwise the message is retried and then dead-lettered',
        );
      }
      context.note('the running server (npm start) processes it');
    });
  }
}

interface ReportPlacement {
  readonly key: string;
  /** Where the page is kept: the file under DATA_DIR/reports, or the S3 object. */
  readonly location: string;
  readonly stored: boolean;
  readonly found: boolean;
}

/** Stores `--source` where CVT's backend would have, or checks that a page is already there. */
async function placeReport(context: CliContext, idEnvio: string, source: string | undefined): Promise<ReportPlacement> {
  const key = offlineReportKey(idEnvio);
  const html = source === undefined ? undefined : await context.readInput(source);
  if (html !== undefined && html.trim() === '') throw new UserError(`--source ${source}: the file is empty`);
  const storage = await context.service('reportStorage');
  const location = storage.locate(key);
  if (html !== undefined) {
    await storage.put(key, html, { idEnvio });
    return { key, location, stored: true, found: true };
  }
  return { key, location, stored: false, found: (await storage.head(key)) !== undefined };
}
