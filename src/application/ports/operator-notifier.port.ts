/** A notice for operators, in Spanish, complete on its own. */
export interface OperatorNotice {
  readonly text: string;
  /** Providers down when the notice was written: a notifier that sends through WhatsApp avoids them. */
  readonly providersDown: readonly string[];
}

/**
 * Where operators hear about incidents: an incoming webhook of their chat, a WhatsApp number. `notify`
 * throws when the notice did not go out (with the cause, never the address or a credential); the notices
 * service logs that and tries again later.
 */
export interface OperatorNotifier {
  /** For logs: which channel, never its address or a phone number in clear. */
  readonly name: string;
  notify(notice: OperatorNotice): Promise<void>;
}
