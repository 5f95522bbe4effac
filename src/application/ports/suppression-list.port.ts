/** How a number came onto the list: the contact's own word (which provider carried it), or an operator. */
export type SuppressionSource = 'inbound' | 'operator';

export interface Suppression {
  /** E.164. */
  readonly phone: string;
  readonly since: Date;
  readonly source: SuppressionSource;
  /** The provider whose inbound message carried the word; null for an operator. */
  readonly provider: string | null;
}

/**
 * The numbers that asked to receive nothing more (issue 13 §2). `add` and `remove` say whether they
 * changed the list, so that a contact is told once per change, however often a webhook is repeated.
 */
export interface SuppressionList {
  add(entry: Suppression): Promise<boolean>;
  remove(phone: string): Promise<boolean>;
  has(phone: string): Promise<boolean>;
  /** Newest first. */
  list(limit: number): Promise<Suppression[]>;
}
