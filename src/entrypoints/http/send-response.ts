import type { Response } from 'express';
import type { HttpResponse } from '../shared/http-errors.ts';

export function sendResponse(response: Response, result: HttpResponse): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  response.status(result.status).json(result.body);
}
