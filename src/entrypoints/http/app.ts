import express, { type Express } from 'express';
import { consoleRouter } from '../console/console-router.ts';
import type { HttpDependencies } from './http-dependencies.ts';
import { createMetrics } from './http-metrics.ts';
import { requireAdmin } from './middleware/admin-auth.ts';
import { documentedContentEncodings } from './middleware/content-encoding.ts';
import { errorHandler, notFound } from './middleware/error-handler.ts';
import { requestLog } from './middleware/request-log.ts';
import { assetsRoutes } from './routes/assets.routes.ts';
import { clientsRoutes } from './routes/clients.routes.ts';
import { deliveriesRoutes } from './routes/deliveries.routes.ts';
import { jobsRoutes } from './routes/jobs.routes.ts';
import { meltwaterWebhookRoutes } from './routes/meltwater-webhook.routes.ts';
import { operationsRoutes } from './routes/operations.routes.ts';
import { redriveRoutes } from './routes/redrive.routes.ts';
import { runsRoutes } from './routes/runs.routes.ts';
import { suppressionsRoutes } from './routes/suppressions.routes.ts';
import { receiptsRoutes } from './routes/receipts.routes.ts';
import { reportPagesRoutes } from './routes/report-pages.routes.ts';

/** Every route of docs/contracts/product.md §1, §6 and §7. */
export function createHttpApp(deps: HttpDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  const metrics = createMetrics({ ledger: deps.ledger, deadLetters: deps.deadLetters, runs: deps.newsletterRunLog });
  app.use(requestLog(deps.logger, metrics));
  app.use((_request, response, next) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  // The webhook and the admin API; receipts read a body they cannot decode as empty (receipts.routes.ts).
  app.use(['/api', '/whatsapp'], documentedContentEncodings);
  // The webhook before the operations routes (/healthz, /readyz, /metrics), which share none of its paths: it is the busiest route.
  app.use(meltwaterWebhookRoutes(deps));
  app.use(operationsRoutes(deps, metrics));
  app.use(receiptsRoutes(deps));
  app.use(reportPagesRoutes(deps));
  app.use('/admin', consoleRouter(deps));
  app.use(assetsRoutes(deps.assetsDirectory));

  // The webhook above answers its own /api route; everything else under /api is admin.
  app.use('/api', requireAdmin(deps.adminToken));
  app.use(clientsRoutes(deps));
  app.use(deliveriesRoutes(deps));
  app.use(jobsRoutes(deps));
  app.use(redriveRoutes(deps));
  app.use(runsRoutes(deps));
  app.use(suppressionsRoutes(deps));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
