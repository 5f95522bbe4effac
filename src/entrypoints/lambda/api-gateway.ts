import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import type { HttpResponse } from '../shared/http-errors.ts';

/** An HTTP request as both API Gateway payload versions deliver it, with the body's exact bytes. */
export interface LambdaHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Lower-case names, as HTTP API v2 gives them; REST API v1 headers are lower-cased here. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
}

export type ApiGatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

const isV2 = (event: ApiGatewayEvent): event is APIGatewayProxyEventV2 => (event as { version?: string }).version === '2.0';

/**
 * Reads REST API (payload 1.0) and HTTP API (payload 2.0) events alike. The body is decoded from base64
 * when flagged, so that signatures are checked over the bytes the sender signed (docs/contracts/aws.md §5).
 */
export function fromApiGateway(event: ApiGatewayEvent): LambdaHttpRequest {
  const body = event.body ?? '';
  const rawBody = Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return isV2(event)
    ? {
        method: event.requestContext.http.method,
        path: event.rawPath,
        pathParameters: event.pathParameters ?? {},
        query: event.queryStringParameters ?? {},
        headers,
        rawBody,
      }
    : {
        method: event.httpMethod,
        path: event.path,
        pathParameters: event.pathParameters ?? {},
        query: event.queryStringParameters ?? {},
        headers,
        rawBody,
      };
}

/** The answer in the shape both payload versions accept: API Gateway turns anything else into a 500. */
export function toApiGateway(response: HttpResponse): APIGatewayProxyResult {
  const plain = typeof response.body === 'string' && response.headers?.['content-type']?.startsWith('text/plain') === true;
  return {
    statusCode: response.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...response.headers },
    // A plain-text answer (Meta's hub.challenge) goes as it is, never JSON-quoted.
    body: plain ? (response.body as string) : JSON.stringify(response.body),
  };
}

/** The last path segment, for routes whose parameter API Gateway did not name (`/whatsapp/{proxy+}`). */
export function lastPathSegment(path: string): string {
  return path.replace(/\/+$/u, '').split('/').at(-1) ?? '';
}
