import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { ClientDirectory } from '../../../../application/ports/client-directory.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { NewsletterSource } from '../../../../application/ports/newsletter-source.port.ts';
import type { OperatorAlerts } from '../../../../application/ports/operator-alerts.port.ts';
import type { BoundedReportRenderer } from '../../../../application/ports/bounded-report-renderer.port.ts';
import type { ReportStorage } from '../../../../application/ports/report-storage.port.ts';
import type { DeliveryIntake } from '../../../../application/services/delivery-intake.ts';
import type { NewsletterRunLog } from '../../../../application/ports/newsletter-run-log.port.ts';
import { RecordedNewsletterRuns } from '../../../../application/use-cases/recorded-newsletter-runs.use-case.ts';
import { RunNewsletters } from '../../../../application/use-cases/run-newsletters.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import { previewImage } from './report-images.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Job 1.2: Meltwater's newsletters, downloaded, written as report pages and recorded run by run. */
export const newslettersModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('runNewsletters').toResolvedValue(
      (
        config: AppConfig,
        directory: ClientDirectory,
        source: NewsletterSource,
        renderer: BoundedReportRenderer,
        storage: ReportStorage,
        intake: DeliveryIntake,
        logger: Logger,
      ) =>
        new RunNewsletters({
          directory,
          source,
          renderer,
          storage,
          intake,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          publicMediaBaseUrl: config.PUBLIC_MEDIA_BASE_URL,
          previewImageUrl: previewImage(config),
          concurrency: config.NEWSLETTER_CONCURRENCY,
        }),
      ['config', 'clientDirectory', 'newsletterSource', 'reportRenderer', 'reportStorage', 'deliveryIntake', 'logger'],
    );
    bind('newsletterRuns').toResolvedValue(
      (run: RunNewsletters, log: NewsletterRunLog, alerts: OperatorAlerts, clock: Clock, logger: Logger) =>
        new RecordedNewsletterRuns({ run, log, alerts, clock, logger }),
      ['runNewsletters', 'newsletterRunLog', 'operatorAlerts', 'clock', 'logger'],
    );
  };
