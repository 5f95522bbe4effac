import 'reflect-metadata';
import { persistenceModules } from '../composition/modules/families.ts';
import { useCasesModule } from '../composition/modules/use-cases.module.ts';
import { handleMeltwaterWebhook } from '../shared/meltwater-webhook.handler.ts';
import { lastPathSegment } from './api-gateway.ts';
import { httpLambda } from './http-lambda.ts';
import { lambdaContainer } from './lambda-container.ts';

const services = lambdaContainer({ providers: false, modules: (config) => [...persistenceModules(config), useCasesModule()] });

/** PRODUCT.md §1.1 behind API Gateway (REST v1 or HTTP v2): accept, record, hand over to the dispatch queue. */
export const handler = httpLambda(services, async (container, request) => {
  const config = container.get('config');
  return handleMeltwaterWebhook(
    {
      clientId: request.pathParameters['clientId'] ?? lastPathSegment(request.path),
      rawBody: request.rawBody,
      token: request.query['token'] ?? request.headers['x-webhook-token'],
      signature: request.headers['x-hub-signature'],
    },
    { webhookToken: config.MELTWATER_WEBHOOK_TOKEN, hookSecret: config.MELTWATER_HOOK_SECRET },
    container.get('acceptMeltwaterAlert'),
  );
});
