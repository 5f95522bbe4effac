import type { NewsletterFetchFailure, NewsletterSource } from '../../application/ports/newsletter-source.port.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { readCapped } from '../http-support/read-capped.ts';
import type { MeltwaterNewsletterConfig } from './meltwater.config.ts';

const MAX_REDIRECTS = 3;

/**
 * Downloads published newsletters from Meltwater (with Node's own fetch: no HTTP library in the bundle). The URL is built from configuration only, and
 * redirects are followed only on the same host, so a distribution id can never make the service
 * fetch something else. Slow or oversized answers are cut off.
 */
export class MeltwaterNewsletterSource implements NewsletterSource {
  readonly #config: MeltwaterNewsletterConfig;
  readonly #host: string;

  constructor(config: MeltwaterNewsletterConfig) {
    this.#config = config;
    this.#host = new URL(config.MELTWATER_NEWSLETTER_URL).host;
  }

  async fetch(distributionId: string): Promise<Result<string, NewsletterFetchFailure>> {
    if (!/^[A-Za-z0-9]+$/u.test(distributionId)) return err({ reason: 'invalid distribution id' });
    const signal = AbortSignal.timeout(this.#config.NEWSLETTER_TIMEOUT_MS);
    let url = this.#config.MELTWATER_NEWSLETTER_URL.replaceAll('{accountId}', this.#config.MELTWATER_ACCOUNT_ID).replaceAll(
      '{distributionId}',
      distributionId,
    );
    try {
      for (let redirects = 0; ; redirects++) {
        const response = await fetch(url, { signal, redirect: 'manual', headers: { accept: 'text/html', 'user-agent': 'cvt-whatsapp' } });
        if (response.status >= 300 && response.status < 400) {
          await response.body?.cancel();
          const next = this.#redirectTarget(url, response.headers.get('location') ?? undefined);
          if (!next.ok) return next;
          if (redirects >= MAX_REDIRECTS) return err({ reason: 'too many redirects' });
          url = next.value;
          continue;
        }
        if (response.status !== 200 || response.body === null) {
          await response.body?.cancel();
          return err({ reason: `Meltwater answered HTTP ${response.status}` });
        }
        return await this.#readCapped(response.body);
      }
    } catch (error) {
      if (signal.aborted) return err({ reason: `download took longer than ${this.#config.NEWSLETTER_TIMEOUT_MS} ms` });
      return err({ reason: `download failed: ${describeFailure(error)}` });
    }
  }

  #redirectTarget(from: string, location: string | undefined): Result<string, NewsletterFetchFailure> {
    if (typeof location !== 'string') return err({ reason: 'redirect without a location' });
    const target = new URL(location, from);
    if (target.host !== this.#host || !/^https?:$/u.test(target.protocol)) {
      return err({ reason: `refused a redirect to another host (${target.host})` });
    }
    return ok(target.toString());
  }

  async #readCapped(body: ReadableStream<Uint8Array>): Promise<Result<string, NewsletterFetchFailure>> {
    const { text, truncated } = await readCapped(body, this.#config.NEWSLETTER_MAX_BYTES);
    // A cut newsletter would lose news and its fingerprint would not match the whole one: refuse it.
    return truncated ? err({ reason: `newsletter larger than ${this.#config.NEWSLETTER_MAX_BYTES} bytes` }) : ok(text);
  }
}

/** fetch says only `fetch failed`; the reason (ECONNREFUSED, a reset) is its cause. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `${cause.code}${typeof cause.message === 'string' ? `: ${cause.message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
