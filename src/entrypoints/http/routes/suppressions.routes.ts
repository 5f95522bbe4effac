import { Router } from 'express';
import { maskPhone } from '../../../domain/phone/masking.ts';
import { limitQuerySchema } from '../../contracts/admin.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse } from '../../shared/http-errors.ts';
import { presentSuppression } from '../../shared/presenters.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { sendResponse } from '../send-response.ts';

/** `GET /api/suppressions`, `PUT|DELETE /api/suppressions/:phone` (admin): the numbers that receive nothing. */
export function suppressionsRoutes(deps: HttpDependencies): Router {
  const router = Router();
  router.get('/api/suppressions', async (request, response) => {
    const query = limitQuerySchema.safeParse(request.query);
    if (!query.success) return sendResponse(response, errorResponse('invalid_query', describeIssues(query.error)));
    const entries = await deps.manageSuppressions.list(query.data.limit);
    response.json({ items: entries.map(presentSuppression) });
  });
  router.put('/api/suppressions/:phone', async (request, response) => {
    const added = await deps.manageSuppressions.add(String(request.params['phone']));
    if (!added.ok) return sendResponse(response, errorResponse('invalid_phone', added.error));
    // 201 when the number was added now, 200 when it already was on the list (a repeated PUT changes nothing).
    response
      .status(added.value.changed ? 201 : 200)
      .json({ phone: maskPhone(added.value.phone), suppressed: true, changed: added.value.changed });
  });
  router.delete('/api/suppressions/:phone', async (request, response) => {
    const removed = await deps.manageSuppressions.remove(String(request.params['phone']));
    if (!removed.ok) return sendResponse(response, errorResponse('invalid_phone', removed.error));
    if (!removed.value.changed) return sendResponse(response, errorResponse('not_found', 'This number is not on the suppression list.'));
    response.status(204).end();
  });
  return router;
}
