import { persistenceModules } from '../composition/modules/families.ts';
import { deliveryIntakeModule } from '../composition/modules/use-cases/delivery-intake.module.ts';
import { meltwaterAlertsModule } from '../composition/modules/use-cases/meltwater-alerts.module.ts';
import { handleMeltwaterWebhook, type MeltwaterWebhookSettings } from '../shared/meltwater-webhook-request.ts';
import { PerKeyRateLimit } from '../shared/per-key-rate-limit.ts';
import { lastPathSegment } from './api-gateway.ts';
import { httpLambda } from './http-lambda.ts';
import { lambdaContainer } from './lambda-container.ts';

const services = lambdaContainer({
  providers: false,
  settings: ['MELTWATER_HOOK_SECRET', 'WEBHOOK_RATE_LIMIT_PER_MINUTE', 'WEBHOOK_MAX_MENTIONS', 'WEBHOOK_MAX_DELIVERIES'],
  modules: async (config) => [...(await persistenceModules(config)), deliveryIntakeModule(), meltwaterAlertsModule()],
});

let settings: MeltwaterWebhookSettings | undefined;

/** docs/contracts/product.md §1.1 behind API Gateway (REST v1 or HTTP v2): accept, record, hand over to the dispatch queue. */
export const handler = httpLambda(services, async (container, request) => {
  const config = container.get('config');
  // Kept across the invocations a warm container serves, so the limit counts them all.
  settings ??= {
    webhookToken: config.MELTWATER_WEBHOOK_TOKEN,
    hookSecret: config.MELTWATER_HOOK_SECRET,
    rateLimit: new PerKeyRateLimit(config.WEBHOOK_RATE_LIMIT_PER_MINUTE),
    maxMentions: config.WEBHOOK_MAX_MENTIONS,
  };
  return handleMeltwaterWebhook(
    {
      clientId: request.pathParameters['clientId'] ?? lastPathSegment(request.path),
      rawBody: request.rawBody,
      token: request.query['token'] ?? request.headers['x-webhook-token'],
      signature: request.headers['x-hub-signature'],
    },
    settings,
    container.get('acceptMeltwaterAlert'),
  );
});
