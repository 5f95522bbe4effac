/**
 * The one table of HTTP errors, used by the Express server and the Lambda HTTP handlers alike. Every
 * error body is `{"error": "<code>", "message": "<sentence>"}` (docs/contracts/product.md §1.1).
 */
export const HTTP_ERRORS = {
  invalid_client_id: { status: 400, message: 'The client id must be 24 hexadecimal characters.' },
  invalid_body: { status: 400, message: 'The body is not valid.' },
  invalid_query: { status: 400, message: 'The query parameters are not valid.' },
  invalid_phone: { status: 400, message: 'The phone number is not valid.' },
  unauthorized: { status: 401, message: 'Missing or invalid credentials.' },
  forbidden: { status: 403, message: 'Refused.' },
  client_not_found: { status: 404, message: 'No client has this id.' },
  not_found: { status: 404, message: 'Nothing here.' },
  delivery_not_found: { status: 404, message: 'No delivery has this id.' },
  outbox_disabled: { status: 404, message: 'The outbox is only kept when WHATSAPP_PROVIDER=outbox.' },
  read_only_directory: { status: 405, message: 'Clients are managed in CVT\u2019s own database in this deployment.' },
  payload_too_large: { status: 413, message: 'The body is larger than 1 MiB.' },
  unsupported_media_type: { status: 415, message: 'The body must be JSON.' },
  rate_limited: { status: 429, message: 'Too many requests; try again later.' },
  internal_error: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
  not_ready: { status: 503, message: 'The service is not ready.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export interface HttpResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function errorResponse(code: HttpErrorCode, message?: string, extra: Record<string, unknown> = {}): HttpResponse {
  const { status, message: standard } = HTTP_ERRORS[code];
  return { status, body: { error: code, message: message ?? standard, ...extra } };
}

export const MAX_BODY_BYTES = 1024 * 1024;
