import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import type { ServiceMap } from '../service-map.ts';

/** Push notifications for offline alerts: off unless OneSignal is configured. */
export const pushModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind }) => {
    bind('push').toConstantValue(null);
  });
