import type { DeliveryEvent } from './delivery-event.ts';

/**
 * The facts of a delivery's latest attempt that its own record still holds, instead of history rows: when it
 * was claimed (and which attempt that was), and when and by whom it was sent. A successful send then writes
 * no history at all; the ledger turns these facts into stored events (`settle`) before it stores any later
 * event, so that they always are the last events of the history and read back in the order they happened.
 */
export interface CurrentAttempt {
  readonly claimedAt: Date | null;
  readonly attempt: number;
  readonly sentAt: Date | null;
  readonly provider: string | null;
  readonly providerMessageId: string | null;
}

/** The events the current attempt's facts stand for, oldest first. */
export function currentAttemptEvents(current: CurrentAttempt): DeliveryEvent[] {
  const events: DeliveryEvent[] = [];
  if (current.claimedAt !== null) events.push(claimedEvent(current.attempt, current.claimedAt));
  if (current.sentAt !== null) events.push(sentEvent(current.provider ?? 'the provider', current.providerMessageId, current.sentAt));
  return events;
}

export function claimedEvent(attempt: number, at: Date): DeliveryEvent {
  return { at, type: 'claimed', detail: `attempt ${attempt}` };
}

function sentEvent(provider: string, providerMessageId: string | null, at: Date): DeliveryEvent {
  return { at, type: 'sent', detail: `sent by ${provider}${providerMessageId === null ? '' : `, message ${providerMessageId}`}` };
}
