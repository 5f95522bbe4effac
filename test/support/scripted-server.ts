import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A loopback server that answers every request with `answer` (JSON unless the body is a string), for answers no fake produces. */
export async function startScriptedServer(answer: ScriptedAnswer): Promise<LoopbackServer> {
  return startLoopbackServer((_request, response) => {
    const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
    const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    response.writeHead(answer.status, { 'content-type': type, ...answer.headers });
    response.end(text);
  });
}

/** A port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = await startLoopbackServer(() => undefined);
  await server.close();
  return server.url;
}
