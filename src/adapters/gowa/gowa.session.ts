import type { SessionState } from '../../application/ports/messaging.port.ts';
import type { HttpAnswer, HttpNoAnswer } from '../http-support/http-call.ts';
import { safeText } from '../http-support/safe-text.ts';
import { gowaEnvelope } from './gowa.errors.ts';

/**
 * Reads `GET /app/status` (docs/contracts/providers/gowa.md §5): `results.is_logged_in === true` is the only "can send"; a
 * connected but logged-out device is waiting for a QR scan. `/health` would not do: it answers OK
 * whether or not WhatsApp is connected.
 */
export function sessionFromStatus(answer: HttpAnswer | HttpNoAnswer, secrets: readonly string[]): SessionState {
  if (answer.kind !== 'answer') return { ready: false, detail: `gowa unreachable: ${safeText(answer.detail, secrets)}` };
  const envelope = gowaEnvelope(answer.json);
  if (envelope === undefined) {
    if (answer.status === 401)
      return { ready: false, detail: 'gowa refused the credentials (HTTP 401): check GOWA_USERNAME and GOWA_PASSWORD' };
    // /app/status exists since v7.1.0 (docs/contracts/providers/gowa.md §5).
    if (answer.status === 404)
      return { ready: false, detail: 'gowa has no /app/status here: check GOWA_BASE_URL (gateway v7.1.0 or later)' };
    return { ready: false, detail: `gowa answered HTTP ${answer.status} to the status check` };
  }
  if (envelope.code !== 'SUCCESS') {
    return { ready: false, detail: `gowa answered HTTP ${answer.status}: ${safeText(`${envelope.code}: ${envelope.message}`, secrets)}` };
  }
  if (envelope.results?.['is_logged_in'] === true) return { ready: true, detail: 'gowa: the WhatsApp device is logged in' };
  if (envelope.results?.['is_connected'] === true)
    return { ready: false, detail: 'gowa: connected but not logged in: scan the QR code (GET /app/login)' };
  return { ready: false, detail: 'gowa: the WhatsApp device is disconnected and not logged in: reconnect or log it in again' };
}
