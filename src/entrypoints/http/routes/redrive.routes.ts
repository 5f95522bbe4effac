import express, { Router } from 'express';
import { isInboundQueue } from '../../../application/ports/job-queue.port.ts';
import { redriveBodySchema } from '../../contracts/operations.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse, MAX_BODY_BYTES } from '../../shared/http-errors.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { sendResponse } from '../send-response.ts';

/** Dead letters back to their queue once their cause is fixed (issue 10 §3), embedded or on SQS alike. */
export function redriveRoutes(deps: HttpDependencies): Router {
  const router = Router();
  const json = express.json({ limit: MAX_BODY_BYTES, type: () => true });
  router.post('/api/queues/:queue/dead-letters/redrive', json, async (request, response) => {
    const queue = String(request.params['queue']);
    if (!isInboundQueue(queue))
      return sendResponse(response, errorResponse('not_found', `No queue is named ${JSON.stringify(queue.slice(0, 40))}.`));
    const body = redriveBodySchema.safeParse(request.body);
    if (!body.success) return sendResponse(response, errorResponse('invalid_body', describeIssues(body.error)));
    const redriven = await deps.deadLetterRedrive.redrive(queue, body.data.ids);
    deps.logger.info('dead letters redriven', { queue, redriven, chosen: body.data.ids?.length ?? 'all' });
    response.json({ redriven });
  });
  return router;
}
