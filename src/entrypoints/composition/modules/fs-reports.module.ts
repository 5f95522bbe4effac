import { join, resolve } from 'node:path';
import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { FsReportStorage } from '../../../adapters/fs/fs.report-storage.adapter.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';

export const fsReportsModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind }) => {
    bind('reportStorage')
      .toResolvedValue((config: AppConfig) => new FsReportStorage(join(resolve(config.DATA_DIR), 'reports')), ['config'])
      .inSingletonScope();
  });
