import type { PushNotification, PushPort } from '../../src/application/ports/push.port.ts';

/** A push provider that takes every notification and remembers it. */
export class RecordingPush implements PushPort {
  readonly provider = 'recording-push';
  readonly sent: PushNotification[] = [];

  async notify(notification: PushNotification) {
    this.sent.push(notification);
    return { ok: true as const, value: { provider: this.provider, providerMessageId: `push-${this.sent.length}` } };
  }
}
