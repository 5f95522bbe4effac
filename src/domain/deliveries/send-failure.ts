/**
 * Why a provider did not take a message. `retryable` decides between trying again later and
 * marking the delivery failed; the message never carries a credential.
 */
export type SendFailureKind =
  | 'rate_limited'
  | 'unavailable'
  | 'not_ready'
  | 'timeout'
  | 'invalid_recipient'
  /** The recipient told WhatsApp to stop our messages (Cloud API 131050): failed, and the number suppressed. */
  | 'opted_out'
  | 'template_rejected'
  | 'unauthorized'
  | 'rejected';

export interface SendFailure {
  readonly kind: SendFailureKind;
  readonly retryable: boolean;
  readonly message: string;
  /** The provider asked us to wait at least this long (429 Retry-After). */
  readonly retryAfterMs?: number;
}

const RETRYABLE: Record<SendFailureKind, boolean> = {
  rate_limited: true,
  unavailable: true,
  not_ready: true,
  timeout: true,
  invalid_recipient: false,
  opted_out: false,
  template_rejected: false,
  unauthorized: false,
  rejected: false,
};

export function sendFailure(kind: SendFailureKind, message: string, retryAfterMs?: number): SendFailure {
  return retryAfterMs === undefined
    ? { kind, retryable: RETRYABLE[kind], message }
    : { kind, retryable: RETRYABLE[kind], message, retryAfterMs };
}
