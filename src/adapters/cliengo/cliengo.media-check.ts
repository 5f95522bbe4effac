import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import type { TemplateMedia } from '../../domain/messages/job-templates.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { firstHeader, httpCall } from '../http-support/http-call.ts';
import { judgeMediaHead, MEDIA_RULES } from './cliengo.media-rules.ts';

/** Long enough to spare a HEAD per message of a burst, short enough to notice a replaced file soon. */
export const MEDIA_VERDICT_TTL_MS = 5 * 60_000;

interface Verdict {
  readonly outcome: Result<TemplateMedia, SendFailure>;
  /** A link that did not answer may answer later: only real answers are remembered. */
  readonly lasting: boolean;
}

/**
 * Checks a template's media link the way Cliengo does before it sends (docs/contracts/providers/cliengo.md), so a link Cliengo
 * would refuse fails here, permanently and named after Cliengo's own code, instead of costing a call
 * per recipient. Verdicts are kept per link for a few minutes; concurrent sends share one HEAD.
 */
export class CliengoMediaCheck {
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #verdicts = new Map<string, { until: number; verdict: Promise<Verdict> }>();

  constructor(options: { timeoutMs: number; clock: Clock; logger: Logger }) {
    this.#timeoutMs = options.timeoutMs;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  async check(media: TemplateMedia): Promise<Result<TemplateMedia, SendFailure>> {
    const now = this.#clock.now().getTime();
    const key = `${media.type} ${media.link}`;
    const known = this.#verdicts.get(key);
    if (known !== undefined && known.until > now) return (await known.verdict).outcome;
    const verdict = this.#judge(media);
    this.#verdicts.set(key, { until: now + MEDIA_VERDICT_TTL_MS, verdict });
    const { outcome, lasting } = await verdict;
    if (!lasting) this.#verdicts.delete(key);
    return outcome;
  }

  async #judge(media: TemplateMedia): Promise<Verdict> {
    const rule = MEDIA_RULES[media.type];
    const shown = withoutQuery(media.link);
    // HEAD, as Cliengo checks the link: the shared call reads no body from it and follows no redirect.
    const answer = await httpCall({
      method: 'HEAD',
      url: media.link,
      headers: { 'user-agent': 'cvt-whatsapp' },
      timeoutMs: this.#timeoutMs,
    });
    if (answer.kind !== 'answer') {
      // Only the code for a network failure: an error's message could quote the signed link.
      const why = answer.kind === 'timeout' ? answer.detail : (answer.code ?? 'network error');
      this.#logger.warn('cliengo media link did not answer HEAD', { link: shown, why });
      return {
        outcome: err(
          sendFailure('unavailable', `the template's media link ${shown} did not answer HEAD (${why}); Cliengo would refuse it`),
        ),
        lasting: false,
      };
    }
    const head = {
      status: answer.status,
      contentType: firstHeader(answer.headers, 'content-type'),
      contentLength: firstHeader(answer.headers, 'content-length'),
    };
    if (head.status >= 500) {
      return {
        outcome: err(sendFailure('unavailable', `the template's media link ${shown} answered HEAD with HTTP ${head.status}`)),
        lasting: false,
      };
    }
    const judged = judgeMediaHead(rule, head);
    if (judged.ok) return { outcome: ok(media), lasting: true };
    const refusal = judged.error;
    this.#logger.error('cliengo would refuse the template media link; nothing is sent with it', { link: shown, code: refusal.code });
    return {
      outcome: err(
        sendFailure('rejected', `media link refused before sending, as Cliengo would (${refusal.code}): ${refusal.reason} (${shown})`),
      ),
      lasting: true,
    };
  }
}

/** A signed link carries its credential in the query; failures show the rest only. */
function withoutQuery(link: string): string {
  try {
    const url = new URL(link);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid link)';
  }
}
