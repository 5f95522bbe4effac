import type { TypedContainerModule } from '@inversifyjs/strongly-typed';
import type { AppConfig } from '../config.schema.ts';
import type { ServiceMap } from '../service-map.ts';
import { outboxModule } from './outbox.module.ts';

/** One line per provider: its id and the module that binds `messaging` for it. */
export const MESSAGING_PROVIDERS: Record<AppConfig['WHATSAPP_PROVIDER'], () => TypedContainerModule<ServiceMap>> = {
  outbox: outboxModule,
};
