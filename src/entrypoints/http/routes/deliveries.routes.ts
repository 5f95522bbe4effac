import express, { Router } from 'express';
import { deliveriesQuerySchema, deliveryIdSchema, limitQuerySchema, resendSchema } from '../../contracts/admin.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse, MAX_BODY_BYTES } from '../../shared/http-errors.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { presentDelivery, presentDeliveryHistory } from '../../shared/presenters.ts';
import { sendResponse } from '../send-response.ts';

/** The delivery record, and what the `outbox` provider recorded in place of sending. */
export function deliveriesRoutes(deps: HttpDependencies): Router {
  const router = Router();
  router.get('/api/deliveries', async (request, response) => {
    const query = deliveriesQuerySchema.safeParse(request.query);
    if (!query.success) return sendResponse(response, errorResponse('invalid_query', describeIssues(query.error)));
    const deliveries = await deps.queryDeliveries.list(query.data);
    response.json({ items: deliveries.map(presentDelivery) });
  });

  // Issue 10 §3: failed or expired deliveries back in the queue, by id or filter; `dryRun` only counts.
  router.post('/api/deliveries/resend', express.json({ limit: MAX_BODY_BYTES, type: () => true }), async (request, response) => {
    const body = resendSchema.safeParse(request.body);
    if (!body.success) return sendResponse(response, errorResponse('invalid_body', describeIssues(body.error)));
    const { requeued } = await deps.resendDeliveries.execute(body.data);
    response.json({ requeued });
  });

  // Issue 10 §4: one delivery with its history.
  router.get('/api/deliveries/:id', async (request, response) => {
    const id = deliveryIdSchema.safeParse(request.params.id);
    if (!id.success) return sendResponse(response, errorResponse('delivery_not_found'));
    const found = await deps.queryDeliveries.withHistory(id.data);
    if (found === undefined) return sendResponse(response, errorResponse('delivery_not_found'));
    response.json(presentDeliveryHistory(found.delivery, found.events));
  });

  router.get('/api/outbox', async (request, response) => {
    if (deps.outbox === null) return sendResponse(response, errorResponse('outbox_disabled'));
    const query = limitQuerySchema.safeParse(request.query);
    if (!query.success) return sendResponse(response, errorResponse('invalid_query', describeIssues(query.error)));
    const entries = await deps.outbox.list(query.data.limit);
    response.json({
      items: entries.map((entry) => ({ to: entry.to, text: entry.text, template: entry.template, at: entry.at.toISOString() })),
    });
  });
  return router;
}
