import { sha256Hex } from '../shared/sha256.ts';
import type { Job } from './job.ts';
import type { OutgoingMessage } from './message.ts';

/**
 * `expired`: waited longer than its job's maximum age (or a newer version replaced it); distinct from `failed`.
 * `suppressed`: the recipient asked to stop receiving messages (BAJA); recorded, never sent, never retried.
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'expired', 'suppressed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** Statuses after which a delivery is never sent again. */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['sent', 'delivered', 'read', 'failed', 'expired', 'suppressed'];

/** The only statuses an operator may send again: a delivery the provider took is never resent. */
export const RESENDABLE_STATUSES = ['failed', 'expired'] as const;
export type ResendableStatus = (typeof RESENDABLE_STATUSES)[number];

/** How a delivery reaches its recipient: a WhatsApp message, or a push notification to CVT's app. */
const CHANNELS = ['whatsapp', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One message to one recipient for one event: the unit that is sent at most once. */
export interface DeliveryRequest {
  readonly job: Job;
  /** Identifies the event within its job: a Meltwater mention, a newsletter version, a report, a note. */
  readonly eventKey: string;
  readonly clientId: string | null;
  readonly channel: Channel;
  /** An E.164 phone number on WhatsApp; a device id for push. */
  readonly recipient: string;
  readonly message: OutgoingMessage;
}

export interface Delivery extends DeliveryRequest {
  readonly id: string;
  readonly status: DeliveryStatus;
  readonly provider: string | null;
  readonly providerMessageId: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly nextAttemptAt: Date;
  /** The provider this delivery waits for while it is unavailable; null when it is not waiting. */
  readonly waitingFor: string | null;
  readonly waitingSince: Date | null;
  /** When it last entered the queue (recorded, or requeued by an operator): its age is counted from here. */
  readonly queuedAt: Date;
}

/** A delivery as it is recorded: queued and due at once, no attempt yet, waiting for nothing. */
export function queuedDelivery(id: string, request: DeliveryRequest, now: Date): Delivery {
  return {
    id,
    job: request.job,
    eventKey: request.eventKey,
    clientId: request.clientId,
    channel: request.channel,
    recipient: request.recipient,
    message: request.message,
    status: 'queued',
    provider: null,
    providerMessageId: null,
    attempts: 0,
    lastError: null,
    createdAt: new Date(now),
    updatedAt: new Date(now),
    nextAttemptAt: new Date(now),
    waitingFor: null,
    waitingSince: null,
    queuedAt: new Date(now),
  };
}

/**
 * The same job, event and recipient always give the same id, so a repeated or concurrent input
 * lands on the record that already exists instead of creating a second one. The id also serves as
 * the idempotency key offered to providers.
 */
export function deliveryIdOf(request: Pick<DeliveryRequest, 'job' | 'eventKey' | 'channel' | 'recipient'>): string {
  const recipient = request.channel === 'whatsapp' ? request.recipient : `${request.channel}:${request.recipient}`;
  return sha256Hex(`${request.job}\n${request.eventKey}\n${recipient}`).slice(0, 32);
}
