import express, { Router } from 'express';
import { MAX_BODY_BYTES } from '../../shared/http-errors.ts';
import { handleMeltwaterWebhook } from '../../shared/meltwater-webhook-request.ts';
import { PerKeyRateLimit } from '../../shared/per-key-rate-limit.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { sendJsonAnswer } from '../send-response.ts';

/** docs/contracts/product.md §1.1, at the documented route and at the form of CVT's old document. */
export function meltwaterWebhookRoutes(deps: HttpDependencies): Router {
  const router = Router();
  // The raw bytes are kept: X-Hub-Signature is computed over them, not over re-serialised JSON.
  const rawBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  const settings = {
    webhookToken: deps.webhookToken,
    hookSecret: deps.hookSecret,
    rateLimit: new PerKeyRateLimit(deps.webhookRateLimitPerMinute),
    maxMentions: deps.webhookMaxMentions,
  };
  router.post(['/api/mw/whatsapp/:clientId', '/whatsapp/:clientId'], rawBody, async (request, response) => {
    // Express parses the query again at each read of `request.query`.
    const queryToken = request.query['token'];
    const token = typeof queryToken === 'string' ? queryToken : request.header('x-webhook-token');
    const result = await handleMeltwaterWebhook(
      {
        clientId: String(request.params['clientId']),
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        token,
        signature: request.header('x-hub-signature'),
      },
      settings,
      deps.acceptMeltwaterAlert,
    );
    sendJsonAnswer(response, result);
  });
  return router;
}
