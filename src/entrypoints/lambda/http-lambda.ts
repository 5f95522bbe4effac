import type { APIGatewayProxyResult } from 'aws-lambda';
import type { AppContainer } from '../composition/container.ts';
import { errorResponse, type HttpResponse } from '../shared/http-errors.ts';
import { fromApiGateway, toApiGateway, type ApiGatewayEvent, type LambdaHttpRequest } from './api-gateway.ts';

/**
 * An API Gateway handler around a transport-neutral one. Whatever goes wrong inside answers a JSON 500
 * (API Gateway would turn a thrown error into a bare 502), and is logged.
 */
export function httpLambda(
  services: () => Promise<AppContainer>,
  handle: (container: AppContainer, request: LambdaHttpRequest) => Promise<HttpResponse>,
): (event: ApiGatewayEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    let container: AppContainer | undefined;
    try {
      container = await services();
      return toApiGateway(await handle(container, fromApiGateway(event)));
    } catch (error) {
      if (container === undefined) process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      else container.get('logger').error('request failed', { error });
      return toApiGateway(errorResponse('internal_error'));
    }
  };
}
