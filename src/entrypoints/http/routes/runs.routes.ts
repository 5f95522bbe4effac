import { Router } from 'express';
import { runsQuerySchema } from '../../contracts/operations.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse } from '../../shared/http-errors.ts';
import { presentNewsletterRun } from '../../shared/run-presenter.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { sendResponse } from '../send-response.ts';

/** `GET /api/reports/runs?limit=`: the newsletter runs, newest first (issue 10 §5). */
export function runsRoutes(deps: HttpDependencies): Router {
  const router = Router();
  router.get('/api/reports/runs', async (request, response) => {
    const query = runsQuerySchema.safeParse(request.query);
    if (!query.success) return sendResponse(response, errorResponse('invalid_query', describeIssues(query.error)));
    const runs = await deps.newsletterRunLog.recent(query.data.limit);
    response.json({ items: runs.map(presentNewsletterRun) });
  });
  return router;
}
