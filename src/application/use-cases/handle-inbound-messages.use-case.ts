import { optChangeConfirmation } from '../../domain/messages/opt-out.message.ts';
import { optChangeOf, type OptWords } from '../../domain/opt-out/opt-out-words.ts';
import { maskPhone } from '../../domain/phone/masking.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { ConversationWindows } from '../ports/conversation-windows.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { InboundMessage, MarketingPreference } from '../ports/receipt-source.port.ts';
import type { ReplyPort } from '../ports/reply.port.ts';
import type { SuppressionList } from '../ports/suppression-list.port.ts';

export interface HandleInboundMessagesDeps {
  readonly suppressions: SuppressionList;
  readonly windows: ConversationWindows;
  readonly replies: ReadonlyMap<string, ReplyPort>;
  readonly words: OptWords;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface InboundOutcome {
  readonly optedOut: number;
  readonly optedIn: number;
}

/**
 * What contacts write to us (issue 13 §2): every message opens their 24-hour window; an opt-out word puts
 * the number on the suppression list, an opt-in word takes it off. A change is confirmed once, through the
 * provider the word came from: a repeated webhook or a second "BAJA" changes nothing and says nothing.
 */
export class HandleInboundMessages {
  readonly #deps: HandleInboundMessagesDeps;

  constructor(deps: HandleInboundMessagesDeps) {
    this.#deps = deps;
  }

  async execute(provider: string, messages: readonly InboundMessage[]): Promise<InboundOutcome> {
    const { suppressions, windows, words, logger } = this.#deps;
    let optedOut = 0;
    let optedIn = 0;
    for (const message of messages) {
      await windows.recordInbound(message.from, message.at);
      const change = optChangeOf(message.text, words);
      if (change === null) continue;
      const changed =
        change === 'opt-out'
          ? await suppressions.add({ phone: message.from, since: this.#deps.clock.now(), source: 'inbound', provider })
          : await suppressions.remove(message.from);
      if (!changed) continue;
      if (change === 'opt-out') optedOut++;
      else optedIn++;
      logger.info(change === 'opt-out' ? 'contact opted out' : 'contact opted in', { provider, phone: maskPhone(message.from) });
      await this.#confirm(provider, message.from as PhoneNumber, optChangeConfirmation(change));
    }
    return { optedOut, optedIn };
  }

  /**
   * WhatsApp's marketing stop (docs/contracts/providers/cloudapi.md §5): the number is suppressed for every
   * job, as a BAJA would be, without a confirmation (the contact wrote nothing to us). "resume" lifts only
   * a suppression that came from WhatsApp's stop, never a BAJA or an operator's.
   */
  async marketingPreferences(provider: string, preferences: readonly MarketingPreference[]): Promise<void> {
    const { suppressions, clock, logger } = this.#deps;
    for (const preference of preferences) {
      const changed =
        preference.value === 'stop'
          ? await suppressions.add({ phone: preference.from, since: clock.now(), source: 'marketing-stop', provider })
          : await suppressions.remove(preference.from, 'marketing-stop');
      if (changed)
        logger.info(preference.value === 'stop' ? 'contact stopped marketing messages' : 'contact resumed marketing messages', {
          provider,
          phone: maskPhone(preference.from),
          signal: preference.signal,
        });
    }
  }

  /** A confirmation that cannot go out is logged, never retried: the list has changed either way. */
  async #confirm(provider: string, to: PhoneNumber, text: string): Promise<void> {
    const port = this.#deps.replies.get(provider);
    if (port === undefined) {
      this.#deps.logger.warn('opt-out confirmation not sent: the provider cannot reply with free text', { provider });
      return;
    }
    try {
      const sent = await port.reply(to, text);
      if (!sent.ok) this.#deps.logger.warn('opt-out confirmation not sent', { provider, error: sent.error.message });
    } catch (error) {
      this.#deps.logger.error('opt-out confirmation failed', { provider, error });
    }
  }
}
