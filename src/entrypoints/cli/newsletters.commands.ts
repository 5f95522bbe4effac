import type { Command } from 'commander';
import type { NewsletterOutcome, NewsletterProgress, NewsletterRunSummary } from '../../application/use-cases/run-newsletters.use-case.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';
import { describeIssues } from '../contracts/parse-json.ts';
import type { CliContext } from './cli-context.ts';
import { drainDueDeliveries, type DrainOutcome } from './drain-deliveries.ts';
import { plural } from './text-table.ts';
import { adminSchemas } from './lazy-contracts.ts';
import { UserError } from './user-error.ts';

interface RunOptions {
  readonly distribution?: string[];
  readonly wait: boolean;
  readonly json?: boolean;
}

/** `newsletters run`: job 1.2 now, instead of waiting for 08:00 or 16:00. */
export function registerNewsletterCommands(newsletters: Command, context: CliContext): void {
  newsletters
    .command('run')
    .description(
      'Check every Meltwater newsletter now, queue the new ones and follow their sends to the end with a progress line; ' +
        'exits with 1 when one failed or a distribution asked for is unknown',
    )
    .option('--distribution <id...>', 'only these Meltwater distribution ids')
    .option('--no-wait', 'only queue the messages; the running server sends them (follow them with deliveries list)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: RunOptions) => {
      const { newsletterRunSchema } = await adminSchemas();
      const request = newsletterRunSchema.safeParse({ distributionIds: options.distribution });
      if (!request.success) throw new UserError(`--distribution ${describeIssues(request.error)}`);
      const services = await context.services();
      const progress: NewsletterProgress[] = [];
      const summary = await services.get('newsletterRuns').execute('cli', {
        ...(request.data.distributionIds === undefined ? {} : { distributionIds: request.data.distributionIds }),
        onProgress: (step) => {
          progress.push(step);
          if (!options.json) context.print(progressLine(step));
        },
      });
      if (!options.json) context.print(...summaryLines(summary));
      const sending = options.json ? undefined : context.progressLine();
      const dispatch = options.wait ? await drainDueDeliveries(services, (step) => sending?.update(sendingLine(step))) : null;
      sending?.end();

      if (options.json) context.printJson({ ...summary, progress, dispatch });
      else context.print(...dispatchLines(dispatch));
      if (summary.failed.length > 0 || (summary.unknownDistributionIds?.length ?? 0) > 0) context.fail();
    });
}

function progressLine(step: NewsletterProgress): string {
  const client = step.clientName === null ? `client ${step.clientId}` : `${step.clientName} (${step.clientId})`;
  return `${client}, distribution ${step.distributionId}: ${maskPhonesInText(outcomeText(step.outcome))}`;
}

function outcomeText(outcome: NewsletterOutcome): string {
  switch (outcome.status) {
    case 'sent':
      return `queued for ${plural(outcome.queued, 'contact')}${outcome.changed ? '' : ' (same newsletter, new contacts)'}`;
    case 'unchanged':
      return 'unchanged';
    case 'skipped':
      return `skipped: ${outcome.reason}`;
    case 'failed':
      return `failed: ${outcome.reason}`;
  }
}

function summaryLines(summary: NewsletterRunSummary): string[] {
  const detail = (entries: readonly { distributionId: string; reason: string }[]) =>
    entries.map((entry) => `  ${entry.distributionId}: ${maskPhonesInText(entry.reason)}`);
  return [
    `checked: ${summary.checked}`,
    `queued: ${summary.sent}`,
    `unchanged: ${summary.unchanged}`,
    `failed: ${summary.failed.length}`,
    ...detail(summary.failed),
    ...(summary.skipped.length > 0 ? [`skipped: ${summary.skipped.length}`, ...detail(summary.skipped)] : []),
    ...unknownLines(summary.unknownDistributionIds ?? []),
    ...(summary.checked === 0 && summary.unknownDistributionIds === undefined
      ? ['no client has a Meltwater distribution (a <distributionId>@meltwater.com user)']
      : []),
  ];
}

function unknownLines(unknown: readonly string[]): string[] {
  if (unknown.length === 0) return [];
  return [`unknown distributions: ${unknown.length} (no client has them; see clients list)`, ...unknown.map((id) => `  ${id}`)];
}

function sendingLine(progress: DrainOutcome): string {
  return `sending ${plural(progress.total, 'message')}: ${progress.sent} sent, ${progress.waiting} waiting, ${progress.failed} failed`;
}

function dispatchLines(dispatch: DrainOutcome | null): string[] {
  if (dispatch === null) {
    return [
      'messages queued; the running server sends them',
      'follow them with: npx cvt-whatsapp deliveries list --job meltwater-newsletter',
    ];
  }
  const lines = [
    `messages sent: ${dispatch.sent}`,
    `messages failed: ${dispatch.failed}`,
    ...(dispatch.suppressed > 0 ? [`messages not sent (number suppressed): ${dispatch.suppressed}`] : []),
    `messages waiting for a retry: ${dispatch.waiting}`,
  ];
  if (dispatch.waiting > 0) lines.push('the running server sends those waiting for a retry');
  return lines;
}
