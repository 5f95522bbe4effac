import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

const PUSH_TIMEOUT_MS = 10_000;

/** Push notifications for offline alerts: OneSignal when configured (its adapter imported only then), otherwise none. */
export async function pushModule(config: AppConfig): Promise<ContainerModule<ServiceMap>> {
  if (config.ONESIGNAL_APP_ID === undefined || config.ONESIGNAL_API_KEY === undefined)
    return ({ bind }) => bind('push').toConstantValue(null);
  const { createOneSignalPush } = await import('../../../adapters/onesignal/onesignal.provider.ts');
  return ({ bind }) => {
    bind('push').toResolvedValue(
      (clock: ServiceMap['clock']) => createOneSignalPush(config, { timeoutMs: PUSH_TIMEOUT_MS, clock }),
      ['clock'],
    );
  };
}
