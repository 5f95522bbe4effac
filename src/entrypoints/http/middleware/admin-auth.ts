import type { RequestHandler } from 'express';
import { errorResponse } from '../../shared/http-errors.ts';
import { secretsMatch } from '../../shared/webhook-auth.ts';
import { sendResponse } from '../send-response.ts';

/** `Authorization: Bearer {ADMIN_TOKEN}` on every admin route; without a configured token, they stay closed. */
export function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (request, response, next) => {
    const match = /^Bearer\s+(\S+)$/iu.exec(request.header('authorization') ?? '');
    if (adminToken === undefined || match === null || !secretsMatch(match[1]!, adminToken)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      sendResponse(response, errorResponse('unauthorized'));
      return;
    }
    next();
  };
}
