import type { PhoneNumber } from '../../domain/phone/phone-number.ts';

export interface OutboxEntry {
  readonly to: PhoneNumber;
  readonly text: string;
  readonly template: { readonly name: string; readonly params: Readonly<Record<string, string>> } | null;
  readonly at: Date;
}

/** What the `outbox` provider recorded instead of sending: the embedded default's window on messages. */
export interface OutboxReader {
  list(limit: number): Promise<OutboxEntry[]>;
}
