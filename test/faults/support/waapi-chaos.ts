import { jsonAnswer } from '../../support/fakes/fake-http.ts';
import { startWaapiFake, type StartedWaapiFake } from '../../support/fakes/waapi.fake.ts';
import { startChaosProxy, type ChaosFault, type ChaosProxy } from './chaos-proxy.ts';

/** How long the service waits for Waapi in these runs; the proxy's `timeout` fault holds calls longer. */
export const WAAPI_TIMEOUT_MS = 500;

export interface ChaoticWaapi {
  readonly waapi: StartedWaapiFake;
  readonly proxy: ChaosProxy;
  /** The service's settings: Waapi through the proxy, no pacing, quick durable retries. */
  readonly env: Record<string, string>;
  /** Numbers the provider took, as E.164, in order (a number twice is a duplicate). */
  received(): string[];
  close(): Promise<void>;
}

/** The Waapi fake behind a chaos proxy that speaks Waapi's own error formats (Laravel's bodies, the 200 with an error inside). */
export async function startChaoticWaapi(options: {
  share: number;
  faults: readonly ChaosFault[];
  seed: number;
  /**
   * How long the service waits for an answer. Short where the `timeout` fault is drawn; elsewhere long, since
   * on a loaded machine a short wait gives up on answers that did come, which repeats sends no fault caused.
   */
  timeoutMs?: number;
}): Promise<ChaoticWaapi> {
  const { timeoutMs = WAAPI_TIMEOUT_MS, ...chaos } = options;
  const waapi = await startWaapiFake();
  const proxy = await startChaosProxy({
    upstream: waapi.url,
    ...chaos,
    holdMs: timeoutMs * 4,
    isSend: (method, path) => method === 'POST' && path.endsWith('/client/action/send-message'),
    answers: {
      server_error: jsonAnswer(500, { message: 'Server Error' }),
      rate_limited: jsonAnswer(429, { message: 'Too Many Attempts.' }, { 'retry-after': '1' }),
      inner_error: jsonAnswer(200, { status: 'error', message: 'instance not ready' }),
      permanent_error: jsonAnswer(200, { status: 'success', data: { status: 'error', message: 'incorrect chatId format.' } }),
    },
  });
  return {
    waapi,
    proxy,
    env: {
      WHATSAPP_PROVIDER: 'waapi',
      ...waapi.env,
      WAAPI_BASE_URL: `${proxy.url}/api/v1`,
      WAAPI_MIN_INTERVAL_MS: '0',
      WAAPI_JITTER_MS: '0',
      WAAPI_TIMEOUT_MS: String(timeoutMs),
      WHATSAPP_RECIPIENT_SPACING_MS: '0',
      WHATSAPP_BREAKER_HALF_OPEN_MS: '1000',
      DISPATCH_CONCURRENCY: '8',
      DISPATCH_RETRY_BASE_MS: '50',
      DISPATCH_RETRY_MAX_MS: '1000',
      DISPATCH_MAX_ATTEMPTS: '12',
    },
    received: () => waapi.fake.accepted().map((message) => message.to),
    close: async () => {
      await proxy.close();
      await waapi.close();
    },
  };
}
