import { createS3ReportStorage, type S3ReportStorage } from '../../../adapters/s3/s3.report-storage.adapter.ts';
import type { S3Config } from '../../../adapters/s3/s3.config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/** REPORT_STORE=s3: report pages in the bucket, at the keys the links point to. */
export const s3ReportsModule =
  (settings: S3Config): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    bind('reportStorage').toResolvedValue(() => createS3ReportStorage(settings));
    onDeactivation('reportStorage', (storage) => (storage as S3ReportStorage).close());
  };
