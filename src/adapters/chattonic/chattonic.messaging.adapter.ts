import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { OperatorAlerts } from '../../application/ports/operator-alerts.port.ts';
import type { MessagingPort, ProviderMessage, SessionState, SendResult } from '../../application/ports/messaging.port.ts';
import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { templateParameters, type JobTemplate } from '../../domain/messages/job-templates.ts';
import { err, ok } from '../../domain/shared/result.ts';
import { firstHeader, httpCall, prepareHttpCall, type HttpAnswer, type HttpNoAnswer } from '../http-support/http-call.ts';
import { mayHaveArrived } from '../http-support/lost-answer.ts';
import { noAnswerFailure } from '../http-support/no-answer.ts';
import { redactFailure } from '../http-support/redact.ts';
import { retryAfterMs } from '../http-support/retry-after.ts';
import { campaignEntry, campaignFileName, multipartBody } from './chattonic.campaign.ts';
import type { ChattonicConfig } from './chattonic.config.ts';
import { classifyChattonicAnswer, type ChattonicOutcome } from './chattonic.errors.ts';

/** The body of `POST {base}/{appCodename}/{platform}/{accountId}/sendhsm` (docs/contracts/providers/chattonic.md, "Envío de un HSM simple"). */
export interface ChattonicHsm {
  /** "con o sin + adelante, y en forma completa": E.164 as we keep it. */
  readonly id: string;
  readonly hsm: { readonly namespace: string; readonly elementName: string; readonly parameters: readonly string[] };
  /** Our delivery id: kept with the conversation and handed back to the bot if the user answers. */
  readonly flag: string;
  /** "obligatorio, únicamente para GupShup": the client has the users' consent. */
  readonly agreeHSMConsent?: true;
}

/**
 * Sends each job's approved HSM through Chat-Tonic, one call per message or, for the many recipients
 * of one event, one campaign upload. Chat-Tonic posts no receipts to us, so sent stays sent.
 */
export class ChattonicMessaging implements MessagingPort {
  readonly provider = 'chattonic';
  /** Fewer recipients than this go one by one (and each is paced); from it on, a campaign upload. */
  readonly minBatch: number;
  readonly #settings: ChattonicConfig;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #consent: boolean;
  readonly #alerts: OperatorAlerts;

  constructor(settings: ChattonicConfig, runtime: { timeoutMs: number; clock: Clock; logger: Logger; alerts: OperatorAlerts }) {
    this.#settings = settings;
    this.minBatch = settings.CHATTONIC_CAMPAIGN_MIN;
    this.#timeoutMs = runtime.timeoutMs;
    this.#clock = runtime.clock;
    this.#logger = runtime.logger;
    this.#alerts = runtime.alerts;
    this.#consent = settings.CHATTONIC_PLATFORM === 'whatsapp-gupshup';
    prepareHttpCall(settings.CHATTONIC_BASE_URL);
  }

  async send(message: ProviderMessage): Promise<SendResult> {
    const template = this.#templateOf(message);
    if (template === undefined)
      return this.#failed(sendFailure('template_rejected', `no Chat-Tonic template configured for ${message.message.job}`));
    const { CHATTONIC_PLATFORM: platform, CHATTONIC_ACCOUNT_ID: account } = this.#settings;
    const url = `${this.#appUrl()}/${encodeURIComponent(platform)}/${encodeURIComponent(account)}/sendhsm`;
    const outcome = await this.#call(
      'sendhsm',
      url,
      { 'content-type': 'application/json' },
      JSON.stringify(this.#hsmOf(template, message)),
    );
    return outcome.ok ? ok({ provider: this.provider, providerMessageId: outcome.value }) : this.#failed(outcome.error);
  }

  /**
   * The recipients of one event: from CHATTONIC_CAMPAIGN_MIN of them, one campaign upload (docs/contracts/providers/chattonic.md,
   * "Envío de una campaña de HSMs") whose single answer is every message's result; fewer, one call each.
   */
  async sendMany(messages: readonly ProviderMessage[]): Promise<SendResult[]> {
    const job = messages[0]?.message.job;
    const template = messages[0] === undefined ? undefined : this.#templateOf(messages[0]);
    if (
      template === undefined ||
      messages.length < this.#settings.CHATTONIC_CAMPAIGN_MIN ||
      messages.some((message) => message.message.job !== job)
    ) {
      const results: SendResult[] = [];
      for (const message of messages) results.push(await this.send(message));
      return results;
    }
    const outcome = await this.#uploadCampaign(template, messages);
    const result: SendResult = outcome.ok ? ok({ provider: this.provider, providerMessageId: outcome.value }) : this.#failed(outcome.error);
    return messages.map(() => result);
  }

  async session(): Promise<SessionState> {
    return { ready: true, detail: 'chattonic: no session to keep; HSMs need only the app token, which each send checks' };
  }

  #hsmOf(template: JobTemplate, message: ProviderMessage): ChattonicHsm {
    return {
      id: message.to,
      hsm: {
        namespace: this.#namespaceOf(template),
        elementName: template.template,
        parameters: templateParameters(template, message.message.variables).map(([, value]) => value),
      },
      flag: message.deliveryId,
      ...(this.#consent ? { agreeHSMConsent: true as const } : {}),
    };
  }

  async #uploadCampaign(template: JobTemplate, messages: readonly ProviderMessage[]): Promise<ChattonicOutcome> {
    const { CHATTONIC_PLATFORM: platform, CHATTONIC_ACCOUNT_ID: account } = this.#settings;
    const query = new URLSearchParams({ platform, accountId: account, ...(this.#consent ? { agreeHSMConsent: 'true' } : {}) });
    const url = `${this.#appUrl()}/hsm/campaign/upload?${query.toString()}`;
    const namespace = this.#namespaceOf(template);
    const name = campaignFileName(messages[0]!.message.job, messages[0]!.deliveryId);
    const content = JSON.stringify(messages.map((message) => campaignEntry(template, namespace, message)));
    // Where agreeHSMConsent goes for an upload is not said (docs/contracts/providers/chattonic.md lists it with the query parameters): both.
    const form = multipartBody(
      { field: 'upload', name, type: 'application/json', content },
      this.#consent ? { agreeHSMConsent: 'true' } : {},
    );
    const answer = await this.#post(url, { 'content-type': form.contentType }, form.body);
    if (answer.kind !== 'answer' && mayHaveArrived(answer)) return this.#answerLost(name, messages, answer);
    const outcome = this.#outcome('campaign upload', answer);
    if (outcome.ok)
      this.#logger.info('chattonic campaign uploaded', { campaign: name, recipients: messages.length, campaignId: outcome.value });
    else this.#logger.warn('chattonic campaign refused', { campaign: name, recipients: messages.length, kind: outcome.error.kind });
    return outcome;
  }

  /**
   * A campaign is every recipient's paid HSM at once, and Chat-Tonic takes no idempotency key: uploading
   * it again after a lost answer could send each of them a second one. So its deliveries fail (an operator
   * checks Chat-Tonic's campaign history and resends if nothing went out), and operators are told.
   */
  #answerLost(campaign: string, messages: readonly ProviderMessage[], answer: HttpNoAnswer): ChattonicOutcome {
    const job = messages[0]!.message.job;
    this.#logger.error('chattonic campaign upload lost its answer: not retried', {
      campaign,
      recipients: messages.length,
      cause: answer.kind === 'timeout' ? answer.detail : (answer.code ?? answer.detail),
    });
    this.#alerts.raise({
      kind: 'answer-lost',
      provider: this.provider,
      job,
      recipients: messages.length,
      reference: campaign,
      at: this.#clock.now(),
    });
    const cause =
      answer.kind === 'timeout' ? `no answer within ${this.#timeoutMs} ms` : `connection lost (${answer.code ?? answer.detail})`;
    return err(
      sendFailure(
        'rejected',
        `Chat-Tonic campaign ${campaign}: ${cause}; answer lost; check Chat-Tonic's campaign history before resending`,
      ),
    );
  }

  async #call(call: string, url: string, headers: Record<string, string>, body: string | Buffer): Promise<ChattonicOutcome> {
    return this.#outcome(call, await this.#post(url, headers, body));
  }

  #post(url: string, headers: Record<string, string>, body: string | Buffer): Promise<HttpAnswer | HttpNoAnswer> {
    return httpCall({
      method: 'POST',
      url,
      headers: { ...headers, accept: 'application/json', authorization: `Bearer ${this.#settings.CHATTONIC_TOKEN}` },
      body,
      timeoutMs: this.#timeoutMs,
    });
  }

  #outcome(call: string, answer: HttpAnswer | HttpNoAnswer): ChattonicOutcome {
    if (answer.kind !== 'answer')
      return err(noAnswerFailure(`Chat-Tonic ${call}`, answer, this.#timeoutMs, [this.#settings.CHATTONIC_TOKEN]));
    return classifyChattonicAnswer(
      {
        status: answer.status,
        contentType: firstHeader(answer.headers, 'content-type'),
        body: answer.text,
        retryAfterMs: retryAfterMs(answer.headers['retry-after'], this.#clock.now().getTime()),
        location: firstHeader(answer.headers, 'location'),
      },
      call,
    );
  }

  /** Every call's URL starts with the customer's app (docs/contracts/providers/chattonic.md: `/api/v1/{appCodename}/…`). */
  #appUrl(): string {
    return `${this.#settings.CHATTONIC_BASE_URL}/${encodeURIComponent(this.#settings.CHATTONIC_APP_CODENAME)}`;
  }

  #templateOf(message: ProviderMessage): JobTemplate | undefined {
    return this.#settings.CHATTONIC_TEMPLATES[message.message.job];
  }

  /** The template's own namespace, else the account's; blank outside Wavy/Movile (docs/contracts/providers/chattonic.md, "namespace"). */
  #namespaceOf(template: JobTemplate): string {
    return template.namespace ?? this.#settings.CHATTONIC_NAMESPACE ?? '';
  }

  #failed(failure: SendFailure): SendResult {
    return err({ ...redactFailure(failure, [this.#settings.CHATTONIC_TOKEN]), provider: this.provider });
  }
}
