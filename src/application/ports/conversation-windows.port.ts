/**
 * When each contact last wrote to us: WhatsApp lets free text reach them for 24 h after that
 * (docs/contracts/providers/cloudapi.md §4.4). Kept with the other stores so that every process (webhook, dispatcher) sees it.
 */
export interface ConversationWindows {
  /** Keeps the latest time: a late, redelivered inbound message never shortens a window. */
  recordInbound(phone: string, at: Date): Promise<void>;
  lastInboundAt(phone: string): Promise<Date | undefined>;
}
