import { join, resolve } from 'node:path';
import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { OutboxMessaging } from '../../../adapters/outbox/outbox.messaging.adapter.ts';
import type { AppConfig } from '../config.schema.ts';
import type { ServiceMap } from '../service-map.ts';

export const outboxModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind, onDeactivation }) => {
    let outbox: OutboxMessaging | undefined;
    const shared = (config: AppConfig) => (outbox ??= new OutboxMessaging(join(resolve(config.DATA_DIR), 'outbox.db')));
    bind('messaging').toResolvedValue(shared, ['config']).inSingletonScope();
    bind('outbox').toResolvedValue(shared, ['config']).inSingletonScope();
    onDeactivation('messaging', () => outbox?.close());
  });
