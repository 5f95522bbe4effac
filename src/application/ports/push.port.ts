import type { Result } from '../../domain/shared/result.ts';
import type { ProviderFailure, SentMessage } from './messaging.port.ts';

export interface PushNotification {
  /** Stable per delivery, for providers that deduplicate by key. */
  readonly deliveryId: string;
  readonly deviceId: string;
  readonly heading: string;
  readonly content: string;
  /** Where the app opens when the notification is tapped. */
  readonly targetUrl: string;
}

/**
 * Push notifications to CVT's mobile app, which the old offline-alerts function sent next to
 * WhatsApp. Like {@link MessagingPort}, it never throws for what the provider did: failures come back
 * classified, without credentials.
 */
export interface PushPort {
  readonly provider: string;
  notify(notification: PushNotification): Promise<Result<SentMessage, ProviderFailure>>;
}
