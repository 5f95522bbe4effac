import express, { Router } from 'express';
import { isInboundQueue, type InboundQueue } from '../../../application/ports/job-queue.port.ts';
import { maskPhonesInText } from '../../../domain/phone/masking.ts';
import { err, ok, type Result } from '../../../domain/shared/result.ts';
import { limitQuerySchema, newsletterRunSchema } from '../../contracts/admin.schema.ts';
import { parseOfflineAlertsBody } from '../../contracts/offline-alerts.schema.ts';
import { parseOfflineReportBody } from '../../contracts/offline-report.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { errorResponse, MAX_BODY_BYTES } from '../../shared/http-errors.ts';
import type { HttpDependencies } from '../http-dependencies.ts';
import { sendResponse } from '../send-response.ts';

/** What each inbound queue accepts; a body that can never be processed is refused before it is queued. */
/** The entries that will be skipped, or why the body can never be processed. */
const VALIDATORS: Record<InboundQueue, (body: string) => Result<readonly unknown[], string>> = {
  'offline-reports': (body) => {
    const parsed = parseOfflineReportBody(body);
    return parsed.ok ? ok([]) : err(parsed.error);
  },
  'offline-alerts': (body) => {
    const parsed = parseOfflineAlertsBody(body);
    return parsed.ok ? ok(parsed.value.invalid) : err(parsed.error);
  },
};

/** Triggers of the jobs: a newsletter run now, and CVT's queue bodies for runs without SQS. */
export function jobsRoutes(deps: HttpDependencies): Router {
  const router = Router();
  router.post('/api/reports/run', express.json({ limit: MAX_BODY_BYTES, type: () => true }), async (request, response) => {
    const body = newsletterRunSchema.safeParse(request.body);
    if (!body.success) return sendResponse(response, errorResponse('invalid_body', describeIssues(body.error)));
    const summary = await deps.newsletterRuns.execute(
      'api',
      body.data.distributionIds === undefined ? {} : { distributionIds: body.data.distributionIds },
    );
    response.json(summary);
  });

  const text = express.text({ type: () => true, limit: MAX_BODY_BYTES });
  router.post('/api/queues/:queue', text, async (request, response) => {
    const queue = String(request.params['queue']);
    if (!isInboundQueue(queue))
      return sendResponse(response, errorResponse('not_found', `No queue is named ${JSON.stringify(queue.slice(0, 40))}.`));
    const body = typeof request.body === 'string' ? request.body : '';
    const validation = VALIDATORS[queue](body);
    if (!validation.ok) return sendResponse(response, errorResponse('invalid_body', validation.error));
    const messageId = await deps.submitQueueMessage.execute(queue, body);
    response.status(202).json({ queued: true, queue, messageId, ...(validation.value.length > 0 ? { skipped: validation.value } : {}) });
  });

  router.get('/api/queues/:queue/dead-letters', async (request, response) => {
    const queue = String(request.params['queue']);
    if (!isInboundQueue(queue) || deps.deadLetters === null) return sendResponse(response, errorResponse('not_found'));
    const query = limitQuerySchema.safeParse(request.query);
    if (!query.success) return sendResponse(response, errorResponse('invalid_query', describeIssues(query.error)));
    const deadLetters = await deps.deadLetters.deadLetters(queue, query.data.limit);
    // The body is shown as CVT sent it but for phone numbers, which never leave masked.
    response.json({
      items: deadLetters.map((letter) => ({ ...letter, body: maskPhonesInText(letter.body), deadAt: letter.deadAt.toISOString() })),
    });
  });
  return router;
}
