/** What happened to a delivery, in the order it happened: its history for operators. */
const DELIVERY_EVENT_TYPES = [
  'recorded',
  'claimed',
  'attempt-failed',
  'waiting',
  'sent',
  'delivered',
  'read',
  'expired',
  'requeued',
  'failed',
  'suppressed',
] as const;
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

export interface DeliveryEvent {
  readonly at: Date;
  readonly type: DeliveryEventType;
  /** A short English detail (cause, provider and message id); never a phone number in clear. */
  readonly detail: string;
}
