/**
 * How a number came onto the list: the contact's own word (which provider carried it), an operator, or
 * WhatsApp telling us the contact stopped our marketing messages (Cloud API `user_preferences` stop, or
 * error 131050 on a send; docs/contracts/providers/cloudapi.md §5).
 */
export type SuppressionSource = 'inbound' | 'operator' | 'marketing-stop';

export interface Suppression {
  /** E.164. */
  readonly phone: string;
  readonly since: Date;
  readonly source: SuppressionSource;
  /** The provider whose inbound message or signal carried it; null for an operator. */
  readonly provider: string | null;
}

/**
 * The numbers that asked to receive nothing more (issue 13 §2). `add` and `remove` say whether they
 * changed the list, so that a contact is told once per change, however often a webhook is repeated.
 */
export interface SuppressionList {
  add(entry: Suppression): Promise<boolean>;
  /** With `source`, only an entry added that way is removed (WhatsApp's "resume" never undoes a BAJA). */
  remove(phone: string, source?: SuppressionSource): Promise<boolean>;
  has(phone: string): Promise<boolean>;
  /** Newest first. */
  list(limit: number): Promise<Suppression[]>;
}
