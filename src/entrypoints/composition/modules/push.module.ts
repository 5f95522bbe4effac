import type { ContainerModule } from '../typed-container.ts';
import { createOneSignalPush } from '../../../adapters/onesignal/onesignal.provider.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';

const PUSH_TIMEOUT_MS = 10_000;

/** Push notifications for offline alerts: OneSignal when configured, otherwise none. */
export const pushModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('push').toResolvedValue(
      (config: AppConfig, clock: Clock) => createOneSignalPush(config, { timeoutMs: PUSH_TIMEOUT_MS, clock }),
      ['config', 'clock'],
    );
  };
