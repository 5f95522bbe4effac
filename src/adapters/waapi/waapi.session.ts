import type { SessionState } from '../../application/ports/messaging.port.ts';
import type { HttpAnswer, HttpNoAnswer } from '../http-support/http-call.ts';
import { asRecord, asString } from '../http-support/json-value.ts';
import { safeText } from '../http-support/safe-text.ts';

/** What an operator should do about each instance state (docs/contracts/providers/waapi.md §6, waapi-php-sdk README). */
const STATE_HINTS: Readonly<Record<string, string>> = {
  booting: 'the session is starting',
  loading_screen: 'WhatsApp Web is loading',
  qr: 'scan the QR code in the Waapi dashboard',
  authenticated: 'logged in, WhatsApp Web is still loading',
  auth_failure: 'the QR login failed or WhatsApp Web is down: log in again',
  disconnected: 'the session dropped: reconnect it in the Waapi dashboard',
};

/**
 * Reads `GET /instances/{id}/client/status`. The state is `clientStatus.instanceStatus` (OpenAPI schema
 * `instanceClientStatus`; waapi-php-sdk src/Resources/InstanceClientStatus.php), whose own `status`
 * is only success/error; a `clientStatus.status` holding a state word is read too. Only `ready` sends.
 */
export function sessionFromStatus(answer: HttpAnswer | HttpNoAnswer, instanceId: string, secrets: readonly string[]): SessionState {
  if (answer.kind !== 'answer') return { ready: false, detail: `waapi unreachable: ${safeText(answer.detail, secrets)}` };
  if (answer.status === 401 || answer.status === 403) return { ready: false, detail: `waapi refused the token (HTTP ${answer.status})` };
  if (answer.status === 404)
    return { ready: false, detail: `waapi instance ${instanceId} does not exist or does not belong to this token` };
  const body = asRecord(answer.json);
  if (answer.status < 200 || answer.status >= 300 || body === undefined) {
    return { ready: false, detail: `waapi answered HTTP ${answer.status} to the status check` };
  }
  const client = asRecord(body['clientStatus']);
  const state = asString(client?.['instanceStatus']) ?? stateWord(client?.['status']);
  if (state === 'ready') return { ready: true, detail: `waapi instance ${instanceId} is ready` };
  if (state !== undefined) {
    const hint = Object.hasOwn(STATE_HINTS, state) ? STATE_HINTS[state] : 'not ready to send';
    return { ready: false, detail: `waapi instance ${instanceId} is ${safeText(state, secrets)}: ${hint}` };
  }
  const said = safeText(asString(body['message']) ?? asString(client?.['message']) ?? '', secrets);
  return { ready: false, detail: `waapi did not report the instance state${said === '' ? '' : ` (${said})`}` };
}

const stateWord = (value: unknown): string | undefined => {
  const word = asString(value);
  return word === 'success' || word === 'error' ? undefined : word;
};
