import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';

/** An API Gateway REST API (payload 1.0) event, body base64-encoded as API Gateway does for binary media types. */
export function restApiEvent(options: {
  path: string;
  pathParameters: Record<string, string>;
  body: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}): APIGatewayProxyEvent {
  return {
    resource: '/api/mw/whatsapp/{clientId}',
    path: options.path,
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', ...options.headers },
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    body: Buffer.from(options.body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** An HTTP API (payload 2.0) event. */
export function httpApiEvent(options: {
  path: string;
  pathParameters: Record<string, string>;
  body: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /api/mw/whatsapp/{clientId}',
    rawPath: options.path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    queryStringParameters: options.query,
    pathParameters: options.pathParameters,
    requestContext: {
      http: { method: 'POST', path: options.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    } as APIGatewayProxyEventV2['requestContext'],
    body: options.body,
    isBase64Encoded: false,
  };
}

export const hubSignature = (secret: string, body: string) => `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;

/** An SQS event as Lambda's event source mapping delivers it. */
export function sqsEvent(
  records: readonly { messageId: string; body: string; receiptHandle?: string; receiveCount?: number }[],
  queueArn = 'arn:aws:sqs:us-east-1:000000000000:q',
): SQSEvent {
  return {
    Records: records.map((record): SQSRecord => ({
      messageId: record.messageId,
      receiptHandle: record.receiptHandle ?? `handle-${record.messageId}`,
      body: record.body,
      attributes: {
        ApproximateReceiveCount: String(record.receiveCount ?? 1),
        SentTimestamp: String(Date.now()),
        SenderId: 'cvt-backend',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
    })),
  };
}
