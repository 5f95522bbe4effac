import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

// Apart from families.ts: a bundle split in chunks keeps every module a kept file imports on demand, so
// the functions that keep no report pages must not import this file.
/** REPORT_STORE: where report pages are kept. */
export async function reportStoreModule(config: AppConfig): Promise<ContainerModule<ServiceMap>> {
  return config.REPORT_STORE === 's3'
    ? (await import('./s3-reports.module.ts')).s3ReportsModule(config.s3)
    : (await import('./fs-reports.module.ts')).fsReportsModule();
}
