import { Router } from 'express';
import type { HttpDependencies } from '../http-dependencies.ts';

const PAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.html$/u;

/**
 * Pages are sanitised when stored; the policy header is a second fence in case something slipped
 * through: no script runs, no form submits, nothing frames the page.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src * data:; style-src 'unsafe-inline' *; font-src *; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const NOT_FOUND_PAGE =
  '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<title>Informe no encontrado</title></head><body><p>El informe que busca no existe o ya no está disponible.</p></body></html>';

/** The report pages clients open from WhatsApp, served from the report store at the same keys as S3. */
export function reportPagesRoutes(deps: HttpDependencies): Router {
  const router = Router();
  router.get(['/informes/:file', '/informesmw/:file'], async (request, response) => {
    const folder = request.path.startsWith('/informesmw/') ? 'informesmw' : 'informes';
    const file = String(request.params['file']);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('Referrer-Policy', 'no-referrer');
    const stored = PAGE_FILE.test(file) ? await deps.reportStorage.get(`${folder}/${file}`) : undefined;
    if (stored === undefined) {
      response.status(404).send(NOT_FOUND_PAGE);
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.status(200).send(stored.html);
  });
  return router;
}
