import type { Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from '../../application/ports/logger.port.ts';
import { secretsMatch } from '../shared/webhook-auth.ts';
import { clearCookie, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies.ts';
import { html } from './html.ts';
import { notice, page } from './layout.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { randomToken, type ConsoleSession, type ConsoleSessions } from './sessions.ts';

const LOGIN_FORM_MS = 60 * 60 * 1_000;

export interface AuthOptions {
  readonly adminToken: string | undefined;
  readonly sessions: ConsoleSessions;
  readonly throttle: LoginThrottle;
  readonly logger: Logger;
}

function loginPage(request: Request, response: Response, status: number, message?: string): void {
  // The login form's CSRF token is a cookie and a field that must match (no session exists yet).
  const csrf = randomToken();
  setCookie(request, response, LOGIN_CSRF_COOKIE, csrf, LOGIN_FORM_MS, '/admin/login');
  response.status(status).send(
    page(
      { title: 'Ingresar' },
      html`<div class="login card">
        <h1>Consola de operación</h1>
        ${message === undefined ? '' : notice('bad', message)}
        <form method="post" action="/admin/login">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <div class="field">
            <label for="token">Token de administración</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus />
          </div>
          <button type="submit">Ingresar</button>
        </form>
        <p class="muted">
          Es el <span class="mono">ADMIN_TOKEN</span> del servicio; <span class="mono">npm start</span> lo muestra la primera vez.
        </p>
      </div>`,
    ),
  );
}

function formField(request: Request, name: string): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** `GET/POST /admin/login`, `POST /admin/logout`. */
export function authRoutes(router: Router, options: AuthOptions): void {
  const { sessions, throttle } = options;
  router.get('/login', (request, response) => {
    if (sessions.find(readCookie(request, SESSION_COOKIE), new Date()) !== undefined) return response.redirect(303, '/admin');
    loginPage(request, response, 200);
  });

  router.post('/login', (request, response) => {
    const now = new Date();
    const cookieCsrf = readCookie(request, LOGIN_CSRF_COOKIE);
    const fieldCsrf = formField(request, '_csrf');
    if (cookieCsrf === undefined || fieldCsrf === undefined || !secretsMatch(fieldCsrf, cookieCsrf)) {
      return loginPage(request, response, 403, 'El formulario venció o no es válido. Vuelva a intentarlo.');
    }
    const address = request.ip ?? 'unknown';
    const waitMs = throttle.waitMs(address, now);
    if (waitMs > 0) {
      response.setHeader('Retry-After', String(Math.ceil(waitMs / 1_000)));
      return loginPage(
        request,
        response,
        429,
        `Demasiados intentos fallidos. Espere ${Math.ceil(waitMs / 1_000)} s antes de volver a intentar.`,
      );
    }
    const token = formField(request, 'token') ?? '';
    if (options.adminToken === undefined || !secretsMatch(token, options.adminToken)) {
      throttle.failed(address, now);
      options.logger.warn('console login refused', { address });
      return loginPage(request, response, 401, 'El token no es correcto.');
    }
    throttle.succeeded(address);
    const session = sessions.open(now);
    clearCookie(request, response, LOGIN_CSRF_COOKIE, '/admin/login');
    setCookie(request, response, SESSION_COOKIE, session.id, sessions.lifetimeMs);
    options.logger.info('console login', { address });
    response.redirect(303, '/admin');
  });
}

/** Every other console route needs a session; a fragment request (live parts) is told 401 instead of redirected. */
export function requireSession(sessions: ConsoleSessions): RequestHandler {
  return (request, response, next) => {
    const session = sessions.find(readCookie(request, SESSION_COOKIE), new Date());
    if (session === undefined) {
      if (request.header('x-console-fragment') === '1') {
        response.status(401).send('');
        return;
      }
      response.redirect(303, '/admin/login');
      return;
    }
    response.locals['session'] = session;
    next();
  };
}

export function sessionOf(response: Response): ConsoleSession {
  return response.locals['session'] as ConsoleSession;
}

/** Every state-changing request carries the session's CSRF token in its `_csrf` field. */
export function requireCsrf(): RequestHandler {
  return (request, response, next) => {
    if (request.method === 'GET' || request.method === 'HEAD') return next();
    const session = sessionOf(response);
    const field = formField(request, '_csrf');
    if (field === undefined || !secretsMatch(field, session.csrf)) {
      response.status(403).send(
        page(
          { title: 'Solicitud rechazada', session },
          html`<h1>Solicitud rechazada</h1>
            ${notice('bad', 'Falta el código de seguridad del formulario o no es válido. Vuelva a la página y repita la acción.')}
            <p><a href="/admin">Volver al resumen</a></p>`,
        ),
      );
      return;
    }
    next();
  };
}

export function logoutRoute(router: Router, sessions: ConsoleSessions): void {
  router.post('/logout', (request, response) => {
    sessions.close(sessionOf(response).id);
    clearCookie(request, response, SESSION_COOKIE);
    response.redirect(303, '/admin/login');
  });
}
