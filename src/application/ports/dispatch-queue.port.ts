/**
 * Tells the dispatcher that deliveries are waiting. The ledger is the source of truth, so
 * publishing an id twice, or an id that was already sent, is harmless.
 */
export interface DispatchQueue {
  publish(deliveryIds: readonly string[]): Promise<void>;
}
