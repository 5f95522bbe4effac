import type { Context } from 'aws-lambda';
import type { NewsletterRunSummary } from '../../application/use-cases/run-newsletters.use-case.ts';
import { plainNewsletterRun } from '../contracts/newsletter-run.plain.ts';
import { persistenceModules } from '../composition/modules/families.ts';
import { reportStoreModule } from '../composition/modules/report-store-family.ts';
import { newsletterSourceModule } from '../composition/modules/newsletter-source.module.ts';
import { rendererModule } from '../composition/modules/renderer.module.ts';
import { deliveryIntakeModule } from '../composition/modules/use-cases/delivery-intake.module.ts';
import { newslettersModule } from '../composition/modules/use-cases/newsletters.module.ts';
import { remainingBudgetMs, startInvocation } from './invocation-budget.ts';
import { lambdaContainer } from './lambda-container.ts';
import { RENDERING_SETTINGS } from './lambda-settings.ts';

const services = lambdaContainer({
  providers: false,
  settings: [
    ...RENDERING_SETTINGS,
    'NEWSLETTER_CONCURRENCY',
    'MELTWATER_ACCOUNT_ID',
    'MELTWATER_NEWSLETTER_URL',
    'NEWSLETTER_TIMEOUT_MS',
    'NEWSLETTER_MAX_BYTES',
  ],
  modules: async (config) => [
    ...(await persistenceModules(config)),
    await reportStoreModule(config),
    rendererModule({ remainingBudgetMs }),
    newsletterSourceModule(),
    deliveryIntakeModule(),
    newslettersModule(),
  ],
});

/**
 * docs/contracts/product.md §1.2 on EventBridge Scheduler's 08:00 and 16:00 America/Costa_Rica: every newsletter, or
 * only `{"distributionIds": [...]}` when invoked with them. One failing newsletter is in the summary; only
 * an outage throws, so that the scheduler retries.
 */
export async function handler(event: unknown, context?: Context): Promise<NewsletterRunSummary> {
  startInvocation(context);
  const container = await services();
  const distributionIds = (await runRequest(isRunRequest(event) ? event : undefined))?.distributionIds;
  // EventBridge's schedule, or an operator invoking the function by hand with distribution ids.
  const trigger = distributionIds === undefined ? 'schedule' : 'api';
  const summary = await container.get('newsletterRuns').execute(trigger, distributionIds === undefined ? {} : { distributionIds });
  container.get('logger').info('newsletter run finished', { summary });
  return summary;
}

/** A scheduled event (`detail-type: Scheduled Event`, or the Scheduler's own input) asks for a full run. */
function isRunRequest(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'distributionIds' in event;
}

/** The run's request as admin.schema.ts reads it, its schema built only for a request the plain reader leaves undecided; undefined when refused. */
async function runRequest(event: unknown): Promise<{ distributionIds?: string[] } | undefined> {
  const plain = plainNewsletterRun(event);
  if (plain !== undefined) return plain;
  const parsed = (await import('../contracts/contract-schemas.ts')).newsletterRunSchema.safeParse(event);
  return parsed.success ? parsed.data : undefined;
}
