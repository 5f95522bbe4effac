import type { Job } from '../../domain/deliveries/job.ts';

/**
 * What operators must hear about (issue: nothing lost to a provider outage). The sending pipeline and the
 * jobs raise these as they happen; the notices service behind the port decides what becomes a notice
 * (once per incident, after a grace period, above a threshold) and sends it. Raising never throws and
 * never waits for a notifier: the pipeline must not slow down or fail because a notice could not go out.
 */
export type OperatorEvent =
  /** Raised on every look while a provider stays unavailable; `since` is when this incident began. */
  | {
      readonly kind: 'provider-unavailable';
      readonly provider: string;
      /** The underlying cause, e.g. `waapi session not ready (qr)`, `ECONNREFUSED`, `HTTP 503`. */
      readonly cause: string;
      readonly since: Date;
      /** Deliveries waiting for this provider now. */
      readonly waiting: number;
    }
  /** Raised once when a provider that was unavailable answers again. */
  | { readonly kind: 'provider-recovered'; readonly provider: string; readonly since: Date; readonly waiting: number }
  /** A delivery reached a final status other than sent: failed for that message, or expired while it waited. */
  | { readonly kind: 'delivery-given-up'; readonly status: 'failed' | 'expired'; readonly job: Job; readonly at: Date }
  /** A newsletter run ended with failures. */
  | {
      readonly kind: 'newsletter-run-failed';
      readonly runId: string;
      readonly failed: readonly { readonly distributionId: string; readonly reason: string }[];
    }
  /** Meta paused or disabled a template (or approved it again): the jobs that use it wait meanwhile. */
  | {
      readonly kind: 'template-status-changed';
      readonly provider: string;
      readonly template: string;
      readonly event: string;
      readonly jobs: readonly string[];
      readonly at: Date;
    }
  /**
   * A provider call that sends many paid messages at once (a Chat-Tonic campaign) lost its answer: it may
   * have gone out, so it is not retried and its deliveries failed; someone must check the provider's
   * history (`reference` names the call there) before resending.
   */
  | {
      readonly kind: 'answer-lost';
      readonly provider: string;
      readonly job: Job;
      readonly recipients: number;
      readonly reference: string;
      readonly at: Date;
    }
  /** A queue message was moved to its dead letters. */
  | { readonly kind: 'dead-lettered'; readonly queue: string; readonly reason: string };

export interface OperatorAlerts {
  raise(event: OperatorEvent): void;
}
