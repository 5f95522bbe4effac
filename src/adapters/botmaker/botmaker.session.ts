import type { SessionState } from '../../application/ports/messaging.port.ts';
import type { Clock } from '../../application/ports/clock.port.ts';
import { callBotmaker } from './botmaker.http.ts';

/** GET /channels allows one request per second (v2 spec); readiness probes may come far more often. */
const CHECK_EVERY_MS = 60_000;

export interface SessionCheckOptions {
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly channelId: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
}

/**
 * Botmaker has no session to lose: the official API sends whenever the token is good. So the provider is
 * ready unless Botmaker refuses the token; anything else (an outage, a rate limit) is left for sends to
 * report. The answer is kept for a minute, and concurrent callers share one check.
 */
export class BotmakerSessionCheck {
  readonly #options: SessionCheckOptions;
  #last: { readonly at: number; readonly state: Promise<SessionState> } | undefined;

  constructor(options: SessionCheckOptions) {
    this.#options = options;
  }

  state(): Promise<SessionState> {
    const now = this.#options.clock.now().getTime();
    if (this.#last === undefined || now - this.#last.at >= CHECK_EVERY_MS) this.#last = { at: now, state: this.#check() };
    return this.#last.state;
  }

  async #check(): Promise<SessionState> {
    const { baseUrl, accessToken, channelId, timeoutMs } = this.#options;
    const call = await callBotmaker('GET', `${baseUrl}/channels`, accessToken, undefined, timeoutMs);
    if (!call.ok) return { ready: true, detail: `botmaker: channels not checked (${call.error.message})` };
    const { status, json } = call.value;
    if (status === 401 || status === 403) return { ready: false, detail: `botmaker: the access token is refused (HTTP ${status})` };
    if (status < 200 || status >= 300) return { ready: true, detail: `botmaker: channels not checked (HTTP ${status})` };
    const line = channelId.replace(/^\+/u, '');
    const listed = channelsOf(json).some((channel) => channel.id === channelId || channel.number === line);
    return {
      ready: true,
      detail: listed
        ? `botmaker: API reachable, channel ${channelId} listed`
        : `botmaker: API reachable, but channel ${channelId} is not among the token's channels; check BOTMAKER_CHANNEL_ID`,
    };
  }
}

/** `ChannelsListResponse`: read loosely, an `items` list or a bare list of `{id, number, …}`. */
function channelsOf(json: unknown): { id?: string; number?: string }[] {
  const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null ? (json as { items?: unknown }).items : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      ...(typeof entry['id'] === 'string' ? { id: entry['id'] } : {}),
      ...(typeof entry['number'] === 'string' ? { number: entry['number'].replace(/^\+/u, '') } : {}),
    }));
}
