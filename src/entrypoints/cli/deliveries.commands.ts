import type { Command } from 'commander';
import { DELIVERY_STATUSES, type Delivery } from '../../domain/deliveries/delivery.ts';
import { JOBS } from '../../domain/deliveries/job.ts';
import { maskPhone, maskPhonesInText } from '../../domain/phone/masking.ts';
import { describeIssues } from '../contracts/parse-json.ts';
import { presentDelivery } from '../shared/presenters.ts';
import type { CliContext } from './cli-context.ts';
import { shortTime, textTable } from './text-table.ts';
import { adminSchemas } from './lazy-contracts.ts';
import { UserError } from './user-error.ts';

interface ListOptions {
  readonly client?: string;
  readonly status?: string;
  readonly job?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

/** The schema's field names as the options that fill them, for error messages. */
const OPTION_NAMES: Readonly<Record<string, string>> = { clientId: 'client', status: 'status', job: 'job', limit: 'limit' };

/** `deliveries list`: the delivery record, newest first, as GET /api/deliveries shows it. */
export function registerDeliveryCommands(deliveries: Command, context: CliContext): void {
  deliveries
    .command('list')
    .description('List deliveries, newest first')
    .option('--client <id>', "only this client's deliveries ('unknown': those of no single client)")
    .option('--status <status>', `only this status: ${DELIVERY_STATUSES.join(', ')}`)
    .option('--job <job>', `only this job: ${JOBS.join(', ')}`)
    .option('--limit <n>', 'at most this many (1 to 1000)', '50')
    .option('--json', 'print JSON, as GET /api/deliveries does')
    .action(async (options: ListOptions) => {
      // The admin API's own validation, so both accept exactly the same filters.
      const { deliveriesQuerySchema } = await adminSchemas();
      const filter = deliveriesQuerySchema.safeParse({
        clientId: options.client,
        status: options.status,
        job: options.job,
        limit: options.limit,
      });
      if (!filter.success)
        throw new UserError(
          describeIssues(filter.error).replace(/\b(clientId|status|job|limit):/gu, (_, key: string) => `--${OPTION_NAMES[key] ?? key}:`),
        );
      const queryDeliveries = await context.service('queryDeliveries');
      const items = await queryDeliveries.list(filter.data);
      if (options.json) context.printJson({ items: items.map(presentDelivery) });
      else context.print(...deliveryTable(items));
    });
}

function deliveryTable(items: readonly Delivery[]): string[] {
  if (items.length === 0) return ['no deliveries'];
  return textTable(
    ['TIME', 'JOB', 'STATUS', 'RECIPIENT', 'ATTEMPTS', 'LAST ERROR'],
    items.map((delivery) => [
      shortTime(delivery.createdAt),
      delivery.job,
      delivery.status,
      maskPhone(delivery.recipient),
      String(delivery.attempts),
      delivery.lastError === null ? '' : maskPhonesInText(delivery.lastError),
    ]),
  );
}
