import { join, resolve } from 'node:path';
import { FsReportStorage } from '../../../adapters/fs/fs.report-storage.adapter.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

export const fsReportsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('reportStorage').toResolvedValue(
      (config: AppConfig) => new FsReportStorage(join(resolve(config.DATA_DIR), 'reports')),
      ['config'],
    );
  };
