import { persistenceModules } from '../composition/modules/families.ts';
import { messagingModule } from '../composition/modules/messaging.module.ts';
import { receiptsModule } from '../composition/modules/use-cases/receipts.module.ts';
import { errorResponse } from '../shared/http-errors.ts';
import { lastPathSegment } from './api-gateway.ts';
import { httpLambda } from './http-lambda.ts';
import { lambdaContainer } from './lambda-container.ts';
import { SENDING_SETTINGS } from './lambda-settings.ts';

const services = lambdaContainer({
  providers: true,
  settings: [...SENDING_SETTINGS, 'OPT_OUT_WORDS', 'OPT_IN_WORDS'],
  modules: async (config) => [...(await persistenceModules(config)), await messagingModule(config), receiptsModule()],
});

/** `GET` (Meta's verification) and `POST /webhooks/{provider}`: delivery and read receipts, contacts' messages, acknowledged whatever their body once the secret checks. */
export const handler = httpLambda(services, async (container, request) => {
  const provider = request.pathParameters['provider'] ?? lastPathSegment(request.path);
  const source = container.get('receiptSources').get(provider);
  if (source === undefined) return errorResponse('not_found', 'No provider in use here posts receipts to this URL.');
  if (request.method === 'GET') {
    // Meta verifies the callback URL: the challenge back as plain text, or 403 (docs/contracts/providers/cloudapi.md §3.1).
    if (source.verifySubscription === undefined) return errorResponse('not_found', 'No provider in use here verifies this URL.');
    const check = source.verifySubscription(request.query);
    if (!check.ok) return errorResponse('forbidden', 'The verify token does not match.');
    return { status: 200, body: check.value, headers: { 'content-type': 'text/plain; charset=utf-8' } };
  }
  const outcome = await container
    .get('recordReceipts')
    .execute(source, { headers: request.headers, query: request.query, rawBody: request.rawBody });
  if (!outcome.ok) return errorResponse('unauthorized');
  return { status: 200, body: { received: outcome.value.received, matched: outcome.value.matched } };
});
