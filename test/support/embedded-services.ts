import { Htmlparser2BoundedReportRenderer } from '../../src/adapters/htmlparser2/htmlparser2.bounded-report-renderer.adapter.ts';
import { FsReportStorage } from '../../src/adapters/fs/fs.report-storage.adapter.ts';
import { OutboxMessaging } from '../../src/adapters/outbox/outbox.messaging.adapter.ts';
import { SqliteClientRegistry } from '../../src/adapters/sqlite/sqlite.client-registry.adapter.ts';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import type { NewsletterSource } from '../../src/application/ports/newsletter-source.port.ts';
import type { PushPort } from '../../src/application/ports/push.port.ts';
import type { BoundedReportRenderer } from '../../src/application/ports/bounded-report-renderer.port.ts';
import { DeliveryIntake } from '../../src/application/services/delivery-intake.ts';
import { AcceptMeltwaterAlert } from '../../src/application/use-cases/accept-meltwater-alert.use-case.ts';
import { DispatchDelivery } from '../../src/application/use-cases/dispatch-delivery.use-case.ts';
import { ProcessOfflineAlerts } from '../../src/application/use-cases/process-offline-alerts.use-case.ts';
import { ProcessOfflineReport } from '../../src/application/use-cases/process-offline-report.use-case.ts';
import { RunNewsletters } from '../../src/application/use-cases/run-newsletters.use-case.ts';
import type { Client } from '../../src/domain/clients/client.ts';
import type { ClientId } from '../../src/domain/clients/client-id.ts';
import { err, ok } from '../../src/domain/shared/result.ts';
import { FakeClock } from './fake-clock.ts';
import { MemoryLogger } from './silent-logger.ts';
import { outageDeps } from './outage-deps.ts';

export const PUBLIC_MEDIA = 'https://media.controles.co.cr';
export const APP = 'https://app.controles.co.cr';

/** Newsletters served from memory: a distribution's HTML, or a failure reason. */
export class NewsletterPages implements NewsletterSource {
  readonly pages = new Map<string, string | { failure: string }>();
  fetches = 0;

  async fetch(distributionId: string) {
    this.fetches++;
    const page = this.pages.get(distributionId);
    if (page === undefined) return err({ reason: 'Meltwater answered HTTP 404' });
    return typeof page === 'string' ? ok(page) : err({ reason: page.failure });
  }
}

/** The use cases over the real embedded adapters (SQLite in memory, files in a temp folder, outbox). */
export function embeddedServices(
  reportsDir: string,
  options: { push?: PushPort; renderer?: BoundedReportRenderer; publicMediaBaseUrl?: string; previewImageUrl?: string } = {},
) {
  const media = options.publicMediaBaseUrl ?? PUBLIC_MEDIA;
  const db = openDatabase(':memory:');
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const ledger = new SqliteDeliveryLedger(db);
  const registry = new SqliteClientRegistry(db);
  const storage = new FsReportStorage(reportsDir);
  const renderer = options.renderer ?? new Htmlparser2BoundedReportRenderer({ maxBytes: 5_242_880, maxDepth: 512 });
  const outbox = new OutboxMessaging(':memory:');
  const newsletters = new NewsletterPages();
  const intake = new DeliveryIntake({ ledger, dispatchQueue: { publish: async () => undefined }, clock });
  const common = { intake, logger, defaultCountryCode: '506' };
  const dispatch = new DispatchDelivery({
    ledger,
    messaging: outbox,
    push: options.push ?? null,
    clock,
    logger,
    retryPolicy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
    leaseMs: 30_000,
    random: () => 0.5,
    ...outageDeps({ ledger, clock, logger }),
  });
  return {
    db,
    clock,
    logger,
    ledger,
    registry,
    storage,
    outbox,
    newsletters,
    acceptAlert: new AcceptMeltwaterAlert({ ...common, directory: registry, maxDeliveries: 20_000 }),
    runNewsletters: new RunNewsletters({
      ...common,
      directory: registry,
      source: newsletters,
      renderer,
      storage,
      publicMediaBaseUrl: media,
      previewImageUrl: options.previewImageUrl ?? null,
      concurrency: 3,
    }),
    processReport: new ProcessOfflineReport({
      ...common,
      directory: registry,
      storage,
      renderer,
      publicMediaBaseUrl: media,
      headerImageUrl: `${media}/assets/cvt-header.png`,
      footerImageUrl: `${media}/assets/cvt-footer.png`,
      previewImageUrl: options.previewImageUrl ?? null,
    }),
    processAlerts: new ProcessOfflineAlerts({ ...common, appBaseUrl: APP, pushEnabled: options.push !== undefined }),
    saveClient: (id: string, users: string[], name: string | null = null) =>
      registry.save({ id: id as ClientId, name, provider: null, users } satisfies Client),
    /** Sends everything due, as the dispatcher would, and returns what the outbox received. */
    async sendAll() {
      for (const { id } of await ledger.due(clock.now(), 10_000)) await dispatch.execute(id);
      return outbox.list(10_000);
    },
  };
}
