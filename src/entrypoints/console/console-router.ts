import express, { Router } from 'express';
import type { HttpDependencies } from '../http/http-dependencies.ts';
import { serveAssets } from './assets.ts';
import { authRoutes, logoutRoute, requireCsrf, requireSession, sessionOf } from './auth.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { LoginThrottle } from './login-throttle.ts';
import { ConsoleNewsletterRuns } from './newsletter-runs.ts';
import { clientsRoutes } from './pages/clients.page.ts';
import { deliveriesRoutes } from './pages/deliveries.page.ts';
import { deliveryRoutes } from './pages/delivery.page.ts';
import { newslettersRoutes } from './pages/newsletters.page.ts';
import { resendRoutes } from './resend.ts';
import { queuesRoutes } from './pages/queues.page.ts';
import { summaryRoutes } from './pages/summary.page.ts';
import { testSendRoutes } from './pages/test-send.page.ts';
import { ConsoleSessions } from './sessions.ts';

/**
 * Scripts and styles only from this origin (no inline code at all), no framing but the console's own
 * newsletter preview, forms only to this origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const IMPORT_BODY_BYTES = 20 * 1024 * 1024;

/** The operator console at /admin (issue 11): server-rendered Spanish pages over the application's use cases. */
export function consoleRouter(deps: HttpDependencies): Router {
  const router = Router();
  const sessions = new ConsoleSessions(deps.consoleSessionHours * 60 * 60 * 1_000);
  const runs = new ConsoleNewsletterRuns(deps.newsletterRuns, deps.newsletterRunLog, deps.manageClients, deps.logger);

  router.use((_request, response, next) => {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    next();
  });
  serveAssets(router);
  // A usuarioclientes export pasted or read into the import form can be several megabytes.
  router.use(express.urlencoded({ extended: false, limit: IMPORT_BODY_BYTES, parameterLimit: 100 }));
  authRoutes(router, {
    adminToken: deps.adminToken,
    sessions,
    throttle: new LoginThrottle(),
    logger: deps.logger.child({ component: 'console' }),
  });

  router.use(requireSession(sessions));
  router.use(requireCsrf());
  logoutRoute(router, sessions);
  summaryRoutes(router, deps, runs);
  const resend = resendRoutes(router, deps);
  deliveriesRoutes(router, deps, resend.list);
  deliveryRoutes(router, deps, resend.detail);
  clientsRoutes(router, deps);
  newslettersRoutes(router, deps, runs, runs);
  queuesRoutes(router, deps);
  testSendRoutes(router, deps);
  router.use((_request, response) => {
    response.status(404).send(
      page(
        { title: 'No encontrado', session: sessionOf(response) },
        html`<h1>Página no encontrada</h1>
          <p><a href="/admin">Ir al resumen</a></p>`,
      ),
    );
  });
  return router;
}
