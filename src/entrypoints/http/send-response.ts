import type { Response } from 'express';
import type { HttpResponse } from '../shared/http-errors.ts';

export function sendResponse(response: Response, result: HttpResponse): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  response.status(result.status).json(result.body);
}

/**
 * The same answer written to Node's response directly, for the webhook's hot path: Express's `send` would
 * hash the body for an ETag that no caller of a POST revalidates against. Node sets Content-Length.
 */
export function sendJsonAnswer(response: Response, result: HttpResponse): void {
  response.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(result.body));
}
