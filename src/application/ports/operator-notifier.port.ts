import type { Result } from '../../domain/shared/result.ts';

/** A notice for operators, in Spanish, complete on its own. */
export interface OperatorNotice {
  readonly text: string;
  /** Providers down when the notice was written: a notifier that sends through WhatsApp avoids them. */
  readonly providersDown: readonly string[];
}

/**
 * Where operators hear about incidents: an incoming webhook of their chat, a WhatsApp number. `notify`
 * says why when the notice did not go out (never the address or a credential); the notices service logs
 * that and tries again later, as it does when a notifier throws.
 */
export interface OperatorNotifier {
  /** For logs: which channel, never its address or a phone number in clear. */
  readonly name: string;
  notify(notice: OperatorNotice): Promise<Result<void, string>>;
}
