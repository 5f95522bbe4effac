import type { Clock } from '../../application/ports/clock.port.ts';
import type { PushPort } from '../../application/ports/push.port.ts';
import { ONESIGNAL_DEFAULT_BASE_URLS, type OneSignalConfig } from './onesignal.config.ts';
import { OneSignalPush } from './onesignal.push.adapter.ts';

/** Push notifications are off (null) unless both the app id and the API key are set. */
export function createOneSignalPush(settings: OneSignalConfig, runtime: { timeoutMs: number; clock: Clock }): PushPort | null {
  const { ONESIGNAL_APP_ID, ONESIGNAL_API_KEY, ONESIGNAL_API, ONESIGNAL_BASE_URL } = settings;
  if (ONESIGNAL_APP_ID === undefined || ONESIGNAL_API_KEY === undefined) return null;
  return new OneSignalPush(
    {
      ONESIGNAL_APP_ID,
      ONESIGNAL_API_KEY,
      ONESIGNAL_API,
      ONESIGNAL_BASE_URL: ONESIGNAL_BASE_URL ?? ONESIGNAL_DEFAULT_BASE_URLS[ONESIGNAL_API],
    },
    runtime,
  );
}
