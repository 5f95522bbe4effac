import 'reflect-metadata';
import { persistenceModules } from '../composition/modules/families.ts';
import { messagingModule } from '../composition/modules/messaging.module.ts';
import { useCasesModule } from '../composition/modules/use-cases.module.ts';
import { errorResponse } from '../shared/http-errors.ts';
import { lastPathSegment } from './api-gateway.ts';
import { httpLambda } from './http-lambda.ts';
import { lambdaContainer } from './lambda-container.ts';

const services = lambdaContainer({
  providers: true,
  modules: (config) => [...persistenceModules(config), messagingModule(), useCasesModule()],
});

/** `POST /webhooks/{provider}`: delivery and read receipts, acknowledged whatever their body once the secret checks. */
export const handler = httpLambda(services, async (container, request) => {
  const provider = request.pathParameters['provider'] ?? lastPathSegment(request.path);
  const source = container.get('receiptSources').get(provider);
  if (source === undefined) return errorResponse('not_found', 'No provider in use here posts receipts to this URL.');
  const outcome = await container
    .get('recordReceipts')
    .execute(source, { headers: request.headers, query: request.query, rawBody: request.rawBody });
  if (outcome.kind === 'unauthorized') return errorResponse('unauthorized');
  return { status: 200, body: { received: outcome.received, matched: outcome.matched } };
});
