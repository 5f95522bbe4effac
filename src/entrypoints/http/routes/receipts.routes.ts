import express, { Router, type RequestHandler } from 'express';
import { errorResponse, MAX_BODY_BYTES } from '../../shared/http-errors.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { hasDocumentedContentEncoding } from '../middleware/content-encoding.ts';
import { sendResponse } from '../send-response.ts';

/**
 * `POST /webhooks/waapi|gowa|botmaker|cloudapi`: delivery and read receipts, and contacts' messages. Whatever the body, a provider that
 * passed its secret check gets a 2xx, because providers stop calling a webhook that keeps failing.
 */
export function receiptsRoutes(deps: HttpDependencies): Router {
  const router = Router();
  // Meta verifies a callback URL before using it: the challenge back as plain text, or 403 (docs/contracts/providers/cloudapi.md §3.1).
  router.get('/webhooks/:provider', (request, response) => {
    const source = deps.receiptSources.get(String(request.params['provider']));
    if (source?.verifySubscription === undefined)
      return sendResponse(response, errorResponse('not_found', 'No provider in use here verifies this URL.'));
    const check = source.verifySubscription(
      Object.fromEntries(Object.entries(request.query).map(([name, value]) => [name, typeof value === 'string' ? value : undefined])),
    );
    if (!check.ok) return sendResponse(response, errorResponse('forbidden', 'The verify token does not match.'));
    response.status(200).type('text/plain').send(check.value);
  });
  router.post('/webhooks/:provider', receiptBody(), async (request, response) => {
    const source = deps.receiptSources.get(String(request.params['provider']));
    if (source === undefined)
      return sendResponse(response, errorResponse('not_found', 'No provider in use here posts receipts to this URL.'));
    const outcome = await deps.recordReceipts.execute(source, {
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      ),
      query: Object.fromEntries(
        Object.entries(request.query).map(([name, value]) => [name, typeof value === 'string' ? value : undefined]),
      ),
      rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    });
    if (!outcome.ok) return sendResponse(response, errorResponse('unauthorized'));
    response.status(200).json({ received: outcome.value.received, matched: outcome.value.matched });
  });
  return router;
}

/**
 * The raw body; one that cannot be read (a content coding Node cannot undo, a corrupt gzip) is read as
 * empty, so the secret check still decides between 401 and the 2xx a malformed receipt gets. Only an
 * oversized body is refused (413).
 */
function receiptBody(): RequestHandler {
  const rawBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  return (request, response, next) => {
    if (!hasDocumentedContentEncoding(request.headers['content-encoding'])) {
      request.body = Buffer.alloc(0);
      return next();
    }
    rawBody(request, response, (error?: unknown) => {
      if (error === undefined || (error as { type?: string }).type === 'entity.too.large') return next(error);
      request.body = Buffer.alloc(0);
      next();
    });
  };
}
