import type { Command } from 'commander';
import type { SuppressionSource } from '../../application/ports/suppression-list.port.ts';
import { maskPhone } from '../../domain/phone/masking.ts';
import { describeIssues } from '../contracts/parse-json.ts';
import { presentSuppression } from '../shared/presenters.ts';
import type { CliContext } from './cli-context.ts';
import { shortTime, textTable } from './text-table.ts';
import { adminSchemas } from './lazy-contracts.ts';
import { UserError } from './user-error.ts';

const HOW: Readonly<Record<SuppressionSource, string>> = {
  inbound: 'contact wrote an opt-out word',
  operator: 'operator',
  'marketing-stop': 'contact stopped marketing messages in WhatsApp',
};

/** `suppressions list|add|remove`: the numbers that receive nothing, as /api/suppressions shows them. */
export function registerSuppressionCommands(suppressions: Command, context: CliContext): void {
  suppressions
    .command('list')
    .description('List the numbers that asked to receive nothing, newest first')
    .option('--limit <n>', 'at most this many (1 to 1000)', '50')
    .option('--json', 'print JSON, as GET /api/suppressions does')
    .action(async (options: { limit?: string; json?: boolean }) => {
      const { limitQuerySchema } = await adminSchemas();
      const query = limitQuerySchema.safeParse({ limit: options.limit });
      if (!query.success) throw new UserError(describeIssues(query.error).replace(/\blimit:/gu, '--limit:'));
      const items = await (await context.service('manageSuppressions')).list(query.data.limit);
      if (options.json) context.printJson({ items: items.map(presentSuppression) });
      else if (items.length === 0) context.print('no suppressed numbers');
      else
        context.print(
          ...textTable(
            ['SINCE', 'PHONE', 'HOW', 'PROVIDER'],
            items.map((item) => [shortTime(item.since), maskPhone(item.phone), HOW[item.source], item.provider ?? '-']),
          ),
        );
    });
  suppressions
    .command('add <phone>')
    .description('Stop every message to this number (as if the contact wrote BAJA)')
    .action(async (phone: string) => {
      const added = await (await context.service('manageSuppressions')).add(phone);
      if (!added.ok) throw new UserError(`${maskPhone(phone)}: ${added.error}`);
      context.print(`${maskPhone(added.value.phone)} ${added.value.changed ? 'suppressed' : 'was already suppressed'}`);
    });
  suppressions
    .command('remove <phone>')
    .description('Send to this number again')
    .action(async (phone: string) => {
      const removed = await (await context.service('manageSuppressions')).remove(phone);
      if (!removed.ok) throw new UserError(`${maskPhone(phone)}: ${removed.error}`);
      context.print(
        `${maskPhone(removed.value.phone)} ${removed.value.changed ? 'removed from the suppression list' : 'was not suppressed'}`,
      );
    });
}
