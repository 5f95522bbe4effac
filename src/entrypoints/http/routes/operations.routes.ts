import { Router } from 'express';
import type { HttpDependencies } from '../http-dependencies.ts';
import type { HttpMetrics } from '../http-metrics.ts';

/** `/healthz` (the process answers), `/readyz` (its dependencies answer), `/metrics` (Prometheus). */
export function operationsRoutes(deps: HttpDependencies, metrics: HttpMetrics): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const readiness = await deps.checkReadiness.execute();
    response.status(readiness.ready ? 200 : 503).json(readiness);
  });
  router.get('/metrics', async (_request, response) => {
    response.setHeader('Content-Type', metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });
  return router;
}
