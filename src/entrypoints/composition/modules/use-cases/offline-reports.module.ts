import type { ClientDirectory } from '../../../../application/ports/client-directory.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { BoundedReportRenderer } from '../../../../application/ports/bounded-report-renderer.port.ts';
import type { ReportStorage } from '../../../../application/ports/report-storage.port.ts';
import type { DeliveryIntake } from '../../../../application/services/delivery-intake.ts';
import { ProcessOfflineReport } from '../../../../application/use-cases/process-offline-report.use-case.ts';
import { DEFAULT_ASSETS } from '../../../shared/default-assets.ts';
import type { AppConfig } from '../../load-config.ts';
import { headerImage, previewImage } from './report-images.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Job 1.3: CVT's offline reports (`whatsapp-informes`), written as report pages. */
export const offlineReportsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('processOfflineReport').toResolvedValue(
      (
        config: AppConfig,
        storage: ReportStorage,
        renderer: BoundedReportRenderer,
        intake: DeliveryIntake,
        directory: ClientDirectory,
        logger: Logger,
      ) =>
        new ProcessOfflineReport({
          storage,
          renderer,
          intake,
          directory,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          publicMediaBaseUrl: config.PUBLIC_MEDIA_BASE_URL,
          headerImageUrl: headerImage(config),
          footerImageUrl: config.REPORT_FOOTER_IMAGE_URL ?? `${config.PUBLIC_MEDIA_BASE_URL}/${DEFAULT_ASSETS.footer}`,
          previewImageUrl: previewImage(config),
        }),
      ['config', 'reportStorage', 'reportRenderer', 'deliveryIntake', 'clientDirectory', 'logger'],
    );
  };
