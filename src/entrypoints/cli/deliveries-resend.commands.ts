import type { Command } from 'commander';
import { RESENDABLE_STATUSES } from '../../domain/deliveries/delivery.ts';
import { JOBS } from '../../domain/deliveries/job.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';
import { describeIssues } from '../contracts/parse-json.ts';
import { presentDeliveryHistory } from '../shared/presenters.ts';
import type { CliContext } from './cli-context.ts';
import { textTable } from './text-table.ts';
import { adminSchemas } from './lazy-contracts.ts';
import { UserError } from './user-error.ts';

interface ResendOptions {
  readonly id?: string[];
  readonly status?: string;
  readonly job?: string;
  readonly client?: string;
  readonly since?: string;
  readonly until?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

const OPTION_NAMES: Readonly<Record<string, string>> = { ids: 'id', clientId: 'client', dryRun: 'dry-run' };

/** `deliveries resend` and `deliveries show <id>` (issue 10 §3, §4), as POST /api/deliveries/resend and GET /api/deliveries/:id. */
export function registerDeliveryResendCommands(deliveries: Command, context: CliContext): void {
  deliveries
    .command('resend')
    .description('Send failed or expired deliveries again (keeping their id and history; attempts start over)')
    .option('--id <id>', 'this delivery (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--status <status>', `only this status: ${RESENDABLE_STATUSES.join(', ')}`)
    .option('--job <job>', `only this job: ${JOBS.join(', ')}`)
    .option('--client <id>', "only this client's deliveries")
    .option('--since <time>', 'recorded at or after this ISO time')
    .option('--until <time>', 'recorded at or before this ISO time')
    .option('--dry-run', 'only count what would be requeued')
    .option('--json', 'print JSON, as POST /api/deliveries/resend does')
    .action(async (options: ResendOptions) => {
      // The admin API's own validation, so both accept exactly the same requests.
      const { resendSchema } = await adminSchemas();
      const request = resendSchema.safeParse({
        ids: options.id,
        status: options.status,
        job: options.job,
        clientId: options.client,
        since: options.since,
        until: options.until,
        dryRun: options.dryRun === true,
      });
      if (!request.success)
        throw new UserError(
          describeIssues(request.error).replace(
            /\b(ids|clientId|status|job|since|until|dryRun)(\.\d+)?:/gu,
            (_, key: string) => `--${OPTION_NAMES[key] ?? key}:`,
          ),
        );
      const resend = await context.service('resendDeliveries');
      const { requeued, ids } = await resend.execute(request.data);
      if (options.json) return context.printJson({ requeued });
      const verb = request.data.dryRun ? 'would be requeued (dry run, nothing changed)' : 'requeued';
      context.print(`${requeued} ${requeued === 1 ? 'delivery' : 'deliveries'} ${verb}`, ...ids.map((id) => `  ${id}`));
    });

  deliveries
    .command('show <id>')
    .description('One delivery and its history, oldest first, as GET /api/deliveries/:id shows it')
    .option('--json', 'print JSON, as GET /api/deliveries/:id does')
    .action(async (id: string, options: { json?: boolean }) => {
      const { deliveryIdSchema } = await adminSchemas();
      const parsed = deliveryIdSchema.safeParse(id);
      if (!parsed.success) throw new UserError(`not a delivery id: ${maskPhonesInText(id)}`);
      const found = await (await context.service('queryDeliveries')).withHistory(parsed.data);
      if (found === undefined) throw new UserError(`no delivery has the id ${parsed.data}`);
      const shown = presentDeliveryHistory(found.delivery, found.events);
      if (options.json) return context.printJson(shown);
      const { events, ...fields } = shown as { events: { at: string; type: string; detail: string }[] } & Record<string, unknown>;
      context.print(
        ...Object.entries(fields).map(([key, value]) => `${key}: ${value === null ? '' : String(value)}`),
        '',
        ...(events.length === 0
          ? ['no history']
          : textTable(
              ['AT', 'EVENT', 'DETAIL'],
              events.map((event) => [event.at, event.type, event.detail]),
            )),
      );
    });
}
