import { createHmac } from 'node:crypto';
import type { LAMBDA_HANDLERS } from '../../scripts/build.ts';
import { GOWA_WEBHOOK_SECRET } from './environment.ts';

export type LambdaName = (typeof LAMBDA_HANDLERS)[number];

/**
 * For each function, an event that makes its handler build its whole container (every service it
 * resolves on a real invocation) and then return at once without sending anything: a webhook for a
 * malformed client id, a callback of the provider in use (gowa), signed, that carries no receipt and no
 * message, an SQS batch with no record, a run with no client, a sweep of an empty ledger.
 *
 * The receipts event named a provider nobody uses until 2026-12-03: answered 404 before the function built its
 * receipt and inbound-message services, it measured less than a real callback costs
 * (bench/notes/lean-cli-and-light-lambdas.md, ninth pass).
 */
export function harmlessEvent(name: LambdaName): unknown {
  switch (name) {
    case 'meltwater-webhook':
      return httpEvent('/api/mw/whatsapp/not-a-client-id', { clientId: 'not-a-client-id' });
    case 'receipts':
      return httpEvent('/webhooks/gowa', { provider: 'gowa' }, { 'x-hub-signature-256': signed(EMPTY_BODY) });
    case 'offline-reports':
    case 'offline-alerts':
    case 'dispatcher':
      return { Records: [] };
    case 'newsletter-run':
    case 'dispatch-sweep':
      return {};
  }
}

const EMPTY_BODY = '{}';

/** gowa's signature of a callback body (src/adapters/gowa/gowa.receipts.ts). */
function signed(body: string): string {
  return `sha256=${createHmac('sha256', GOWA_WEBHOOK_SECRET).update(body).digest('hex')}`;
}

function httpEvent(path: string, pathParameters: Record<string, string>, headers: Record<string, string> = {}): unknown {
  return {
    version: '2.0',
    routeKey: 'POST /bench',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    pathParameters,
    requestContext: { http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' } },
    body: EMPTY_BODY,
    isBase64Encoded: false,
  };
}
