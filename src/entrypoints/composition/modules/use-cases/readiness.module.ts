import { resolve } from 'node:path';
import { FolderWriteProbe } from '../../../../adapters/fs/fs.write-probe.ts';
import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../../../application/ports/delivery-ledger.port.ts';
import type { JobQueue } from '../../../../application/ports/job-queue.port.ts';
import type { MessagingPort } from '../../../../application/ports/messaging.port.ts';
import type { ReadinessProbe } from '../../../../application/ports/readiness.port.ts';
import type { ReportStorage } from '../../../../application/ports/report-storage.port.ts';
import { CheckReadiness } from '../../../../application/use-cases/check-readiness.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

const READINESS_TIMEOUT_MS = 3_000;

/** Whether this process can do its work: the store, the provider, the remote stores and the data folder. */
export const readinessModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('readinessProbes').toResolvedValue(
      (
        config: AppConfig,
        ledger: DeliveryLedger,
        messaging: MessagingPort,
        clock: Clock,
        reports: ReportStorage,
        queue: JobQueue,
      ): ReadinessProbe[] => [
        { name: 'store', check: async () => (await ledger.due(clock.now(), 1), { ok: true, detail: 'reachable' }) },
        {
          name: 'provider',
          check: async () => {
            const session = await messaging.session();
            return { ok: session.ready, detail: session.detail };
          },
        },
        // Remote report stores and queues (S3, SQS) say themselves whether they answer.
        ...[reports as object, queue as object].filter(isReadinessProbe),
        // What lives in DATA_DIR (the embedded database, report files) answers reads on a full disk, not writes.
        ...(usesDataDir(config) ? [new FolderWriteProbe(resolve(config.DATA_DIR))] : []),
      ],
      ['config', 'deliveryLedger', 'messaging', 'clock', 'reportStorage', 'jobQueue'],
    );
    bind('checkReadiness').toResolvedValue(
      (probes: ReadinessProbe[]) => new CheckReadiness(probes, READINESS_TIMEOUT_MS),
      ['readinessProbes'],
    );
  };

function usesDataDir(config: AppConfig): boolean {
  return config.STORE === 'sqlite' || config.QUEUE === 'local' || config.REPORT_STORE === 'fs';
}

function isReadinessProbe(candidate: object): candidate is ReadinessProbe {
  return 'check' in candidate && typeof candidate.check === 'function' && 'name' in candidate && typeof candidate.name === 'string';
}
