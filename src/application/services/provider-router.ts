import { err } from '../../domain/shared/result.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { MessagingPort, ProviderMessage, SessionState, SendResult } from '../ports/messaging.port.ts';

export interface ProviderRouterDeps {
  /** Every provider that may send, by id. */
  readonly providers: ReadonlyMap<string, MessagingPort>;
  readonly primary: string;
  /** Takes over when the chosen provider is unavailable (circuit open, or its quick retries ran out). */
  readonly fallback: string | null;
  /** The provider a client's messages go through, when it is not the primary one (at once when it is known). */
  readonly providerFor: (clientId: string | null) => string | null | Promise<string | null>;
  readonly logger: Logger;
}

/**
 * Chooses the provider of each message: the client's own when it has one, else the configured one;
 * and hands a message the chosen provider could not take, for a reason that may pass, to the fallback.
 * The result names the provider that actually sent, so the delivery record says it.
 */
export class ProviderRouter implements MessagingPort {
  readonly #deps: ProviderRouterDeps;
  readonly sendMany?: (messages: readonly ProviderMessage[]) => Promise<SendResult[]>;

  constructor(deps: ProviderRouterDeps) {
    if (!deps.providers.has(deps.primary)) throw new Error(`the primary provider ${deps.primary} is not configured`);
    if (deps.fallback !== null && !deps.providers.has(deps.fallback))
      throw new Error(`the fallback provider ${deps.fallback} is not configured`);
    this.#deps = deps;
    if ([...deps.providers.values()].some((provider) => provider.sendMany !== undefined))
      this.sendMany = (messages) => this.#sendMany(messages);
  }

  get provider(): string {
    return this.#deps.primary;
  }

  send(message: ProviderMessage): Promise<SendResult> {
    const own = this.#deps.providerFor(message.clientId);
    if (own instanceof Promise) return own.then((provider) => this.#sendThrough(this.#chosen(message.clientId, provider), message));
    return this.#sendThrough(this.#chosen(message.clientId, own), message);
  }

  session(): Promise<SessionState> {
    return this.#provider(this.#deps.primary).session();
  }

  /** Messages of one event: those of clients sharing a batching provider go in one call, the rest one by one. */
  async #sendMany(messages: readonly ProviderMessage[]): Promise<SendResult[]> {
    const byProvider = new Map<string, number[]>();
    for (const [index, message] of messages.entries()) {
      const chosen = this.#chosen(message.clientId, await this.#deps.providerFor(message.clientId));
      byProvider.set(chosen, [...(byProvider.get(chosen) ?? []), index]);
    }
    const results: SendResult[] = new Array(messages.length);
    for (const [chosen, indexes] of byProvider) {
      const provider = this.#provider(chosen);
      const group = indexes.map((index) => messages[index]!);
      const batch = provider.sendMany !== undefined && group.length >= Math.max(2, provider.minBatch ?? 2);
      const sent = batch ? await provider.sendMany!(group) : await Promise.all(group.map((message) => provider.send(message)));
      for (const [position, index] of indexes.entries()) {
        results[index] = await this.#withFallback(chosen, messages[index]!, sent[position]!);
      }
    }
    return results;
  }

  /**
   * With nothing to hand over to, the provider's own promise: no frame of ours kept alive while it answers,
   * for each send in flight (bench/notes/fanout.md, "Peak RSS").
   */
  #sendThrough(chosen: string, message: ProviderMessage): Promise<SendResult> {
    let sending: Promise<SendResult>;
    try {
      sending = this.#provider(chosen).send(message);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const { fallback } = this.#deps;
    if (fallback === null || fallback === chosen) return sending;
    return sending.then((result) => (result.ok ? result : this.#withFallback(chosen, message, result)));
  }

  async #withFallback(chosen: string, message: ProviderMessage, result: SendResult): Promise<SendResult> {
    const { fallback, logger } = this.#deps;
    if (result.ok || !result.error.retryable || fallback === null || fallback === chosen) return result;
    const second = await this.#provider(fallback).send(message);
    logger.warn('provider unavailable, message handed to the fallback', {
      deliveryId: message.deliveryId,
      provider: chosen,
      fallback,
      error: `${result.error.kind}: ${result.error.message}`,
      fallbackSent: second.ok,
    });
    if (second.ok) return second;
    return err({
      ...result.error,
      message: `${result.error.message}; fallback ${fallback}: ${second.error.kind}: ${second.error.message}`,
    });
  }

  #chosen(clientId: string | null, own: string | null): string {
    if (own !== null && this.#deps.providers.has(own)) return own;
    if (own !== null) this.#deps.logger.warn('client provider is not configured; the primary sends instead', { clientId, provider: own });
    return this.#deps.primary;
  }

  #provider(id: string): MessagingPort {
    return this.#deps.providers.get(id)!;
  }
}
