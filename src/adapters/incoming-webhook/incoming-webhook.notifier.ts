import type { OperatorNotice, OperatorNotifier } from '../../application/ports/operator-notifier.port.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { excerpt, plainBody } from '../http-support/excerpt.ts';
import { httpCall } from '../http-support/http-call.ts';

const TIMEOUT_MS = 10_000;

/**
 * Notices to a chat's incoming webhook: `POST {"text": "…"}`, the body Slack, Google Chat and Mattermost
 * all accept. The URL is itself the credential (whoever has it may post), so no error names it.
 */
export class IncomingWebhookNotifier implements OperatorNotifier {
  readonly name = 'webhook';
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async notify(notice: OperatorNotice): Promise<Result<void, string>> {
    const outcome = await httpCall({
      method: 'POST',
      url: this.#url,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ text: notice.text }),
      timeoutMs: TIMEOUT_MS,
    });
    if (outcome.kind === 'timeout') return err(`the operators' webhook did not answer: ${outcome.detail}`);
    if (outcome.kind === 'network') return err(`the operators' webhook could not be reached: ${outcome.code ?? 'network error'}`);
    if (outcome.status < 200 || outcome.status > 299) {
      const said = excerpt(plainBody(outcome.text), 120);
      return err(`the operators' webhook answered HTTP ${outcome.status}${said === '' ? '' : `: ${said}`}`);
    }
    return ok(undefined);
  }
}
