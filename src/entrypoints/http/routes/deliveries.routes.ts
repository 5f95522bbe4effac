import { Router } from 'express';
import { deliveriesQuerySchema, limitQuerySchema } from '../../contracts/admin.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse } from '../../shared/http-errors.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { presentDelivery } from '../../shared/presenters.ts';
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
