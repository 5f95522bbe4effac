import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../../application/ports/logger.port.ts';
import { errorResponse } from '../../shared/http-errors.ts';
import { sendResponse } from '../send-response.ts';

interface BodyParserError {
  type?: string;
  status?: number;
}

const CLIENT_ID_ROUTES = /^\/(?:api\/mw\/whatsapp|whatsapp|api\/clients)\//u;

/** The one place where exceptions become HTTP answers: bad bodies are the client's, anything else ours. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    // Express could not decode a path parameter (`/api/clients/%`): answered as that route answers a bad id.
    if (error instanceof URIError)
      return sendResponse(response, errorResponse(CLIENT_ID_ROUTES.test(request.path) ? 'invalid_client_id' : 'not_found'));
    const { type, status } = (error ?? {}) as BodyParserError;
    if (type === 'entity.too.large') return sendResponse(response, errorResponse('payload_too_large'));
    if (type === 'entity.parse.failed') return sendResponse(response, errorResponse('invalid_body', 'The body is not valid JSON.'));
    if (type === 'encoding.unsupported' || type === 'charset.unsupported')
      return sendResponse(response, errorResponse('unsupported_media_type'));
    if (typeof status === 'number' && status >= 400 && status < 500) return sendResponse(response, errorResponse('invalid_body'));
    const requestId = String(response.locals['requestId'] ?? '');
    logger.error('request failed', { requestId, error });
    sendResponse(response, errorResponse('internal_error', undefined, { requestId }));
  };
}

export const notFound: RequestHandler = (_request, response) => {
  sendResponse(response, errorResponse('not_found'));
};
