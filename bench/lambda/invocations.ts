import type { LAMBDA_HANDLERS } from '../../scripts/build.ts';

export type LambdaName = (typeof LAMBDA_HANDLERS)[number];

/**
 * For each function, an event that makes its handler build its whole container (every service it
 * resolves on a real invocation) and then return at once without sending anything: a webhook for a
 * malformed client id, a receipt for a provider nobody uses, an SQS batch with no record, a run with no
 * client, a sweep of an empty ledger.
 */
export function harmlessEvent(name: LambdaName): unknown {
  switch (name) {
    case 'meltwater-webhook':
      return httpEvent('/api/mw/whatsapp/not-a-client-id', { clientId: 'not-a-client-id' });
    case 'receipts':
      return httpEvent('/webhooks/nobody', { provider: 'nobody' });
    case 'offline-reports':
    case 'offline-alerts':
    case 'dispatcher':
      return { Records: [] };
    case 'newsletter-run':
    case 'dispatch-sweep':
      return {};
  }
}

function httpEvent(path: string, pathParameters: Record<string, string>): unknown {
  return {
    version: '2.0',
    routeKey: 'POST /bench',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters,
    requestContext: { http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' } },
    body: '{}',
    isBase64Encoded: false,
  };
}
