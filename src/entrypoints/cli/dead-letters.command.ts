import type { Command } from 'commander';
import { INBOUND_QUEUES, isInboundQueue } from '../../application/ports/job-queue.port.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';
import { describeIssues } from '../contracts/parse-json.ts';
import type { CliContext } from './cli-context.ts';
import { shortTime, textTable } from './text-table.ts';
import { adminSchemas } from './lazy-contracts.ts';
import { UserError } from './user-error.ts';

/** `dead-letters <queue>`: queue messages that could never be processed, and why. */
export function registerDeadLettersCommand(program: Command, context: CliContext): void {
  const command = program
    .command('dead-letters')
    .description('List the dead-lettered messages of an inbound queue, newest first')
    .argument('<queue>', INBOUND_QUEUES.join(' or '))
    .option('--limit <n>', 'at most this many (1 to 1000)', '50')
    .option('--json', 'print JSON (bodies included, phone numbers masked)')
    .action(async (queue: string, options: { limit: string; json?: boolean }) => {
      if (!isInboundQueue(queue))
        throw new UserError(`unknown queue ${JSON.stringify(queue.slice(0, 40))}: expected ${INBOUND_QUEUES.join(' or ')}`);
      const { limitQuerySchema } = await adminSchemas();
      const query = limitQuerySchema.safeParse({ limit: options.limit });
      if (!query.success) throw new UserError(describeIssues(query.error));
      const deadLetters = await context.service('deadLetterReader');
      if (deadLetters === null) {
        throw new UserError("the queues are SQS here: their dead letters are in each queue's dead-letter queue (see the AWS console)");
      }
      const letters = await deadLetters.deadLetters(queue, query.data.limit);
      if (options.json) {
        context.printJson({
          items: letters.map((letter) => ({
            ...letter,
            body: maskPhonesInText(letter.body),
            reason: maskPhonesInText(letter.reason),
            deadAt: letter.deadAt.toISOString(),
          })),
        });
        return;
      }
      if (letters.length === 0) {
        context.print(`no dead letters on ${queue}`);
        return;
      }
      context.print(
        ...textTable(
          ['TIME', 'ID', 'RECEIVES', 'REASON'],
          letters.map((letter) => [shortTime(letter.deadAt), letter.id, String(letter.receiveCount), maskPhonesInText(letter.reason)]),
        ),
      );
    });
  registerRedriveCommand(command, context);
}

/** `dead-letters redrive <queue> [--id …]`: back to the queue, once their cause is fixed. */
function registerRedriveCommand(deadLetters: Command, context: CliContext): void {
  deadLetters
    .command('redrive')
    .description('Move dead letters back to their queue (all of them, or those named with --id), to be processed again')
    .argument('<queue>', INBOUND_QUEUES.join(' or '))
    .option('--id <id>', 'only this dead letter, by the id the list shows (repeatable)', (id: string, ids: string[] = []) => [...ids, id])
    .action(async (queue: string, { id: ids = [] }: { id?: string[] }) => {
      if (!isInboundQueue(queue))
        throw new UserError(`unknown queue ${JSON.stringify(queue.slice(0, 40))}: expected ${INBOUND_QUEUES.join(' or ')}`);
      const redrive = await context.service('deadLetterRedrive');
      const redriven = await redrive.redrive(queue, ids.length === 0 ? undefined : ids);
      const chosen = ids.length === 0 ? '' : ` of the ${ids.length} named`;
      context.print(`${redriven} dead letter${redriven === 1 ? '' : 's'}${chosen} moved back to ${queue}`);
    });
}
