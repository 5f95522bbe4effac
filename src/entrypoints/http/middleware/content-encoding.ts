import type { RequestHandler } from 'express';
import { errorResponse } from '../../shared/http-errors.ts';
import { sendResponse } from '../send-response.ts';

/** The codings README documents; the body parser would also undo zstd, which is not among them. */
const DOCUMENTED = new Set(['identity', 'gzip', 'x-gzip', 'deflate', 'br']);

export function hasDocumentedContentEncoding(header: string | undefined): boolean {
  if (header === undefined) return true;
  return header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .every((coding) => coding === '' || DOCUMENTED.has(coding));
}

/** A body in a coding README does not document is refused (415) before it is read. */
export const documentedContentEncodings: RequestHandler = (request, response, next) => {
  if (hasDocumentedContentEncoding(request.headers['content-encoding'])) return next();
  // The body is left unread: the connection is closed after the answer rather than drained.
  response.setHeader('connection', 'close');
  sendResponse(response, errorResponse('unsupported_media_type', 'The Content-Encoding must be gzip, deflate or br.'));
};
