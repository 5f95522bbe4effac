import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { HttpMetrics } from '../http-metrics.ts';

/**
 * One JSON line per request. The path is logged without its query (which may carry the webhook
 * token); the logger masks phone numbers anywhere else.
 */
export function requestLog(logger: Logger, metrics: HttpMetrics): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const requestId = request.header('x-request-id')?.slice(0, 100) ?? randomUUID();
    response.locals['requestId'] = requestId;
    response.setHeader('x-request-id', requestId);
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = (request.route as { path?: string | string[] } | undefined)?.path;
      const route = (Array.isArray(path) ? path[0] : path) ?? 'unmatched';
      metrics.observe(request.method, route, response.statusCode, seconds);
      logger.info('request', {
        requestId,
        method: request.method,
        path: request.path,
        route,
        status: response.statusCode,
        durationMs: Math.round(seconds * 1000),
      });
    });
    next();
  };
}
