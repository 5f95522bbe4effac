import { phoneOwners } from '../../domain/clients/phone-owners.ts';
import { whatsappRecipients } from '../../domain/clients/whatsapp-recipients.ts';
import type { DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { offlineReportMessage } from '../../domain/messages/offline-report.message.ts';
import { offlineReportKey, offlineReportSourceKey, publicReportUrl } from '../../domain/reports/report-keys.ts';
import { unavailableReportPage } from '../../domain/reports/unavailable-report-page.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { ClientDirectory } from '../ports/client-directory.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { BoundedReportRenderer } from '../ports/bounded-report-renderer.port.ts';
import type { ReportStorage } from '../ports/report-storage.port.ts';
import type { DeliveryIntake } from '../services/delivery-intake.ts';

/** The body of a `whatsapp-informes` message (docs/contracts/product.md §1.3). */
export interface OfflineReportRequest {
  readonly idEnvio: string;
  readonly subject: string;
  readonly destinatarios: readonly unknown[];
}

export interface OfflineReportProcessed {
  readonly recipients: number;
  readonly queued: number;
  readonly duplicates: number;
}

/** The report's HTML is not (yet) where CVT's backend writes it before queuing the message. */
interface ReportNotFound {
  readonly kind: 'report_not_found';
  readonly retryable: true;
  readonly message: string;
}

/** The report cannot be made into CVT's page within the render limits; trying again will not change that. */
interface ReportUnrenderable {
  readonly kind: 'report_unrenderable';
  readonly retryable: false;
  readonly message: string;
}

/** There was no time left to render the report (the invocation's budget): another receive will. */
interface ReportNotRenderedYet {
  readonly kind: 'report_not_rendered_yet';
  readonly retryable: true;
  readonly message: string;
}

export type OfflineReportFailure = ReportNotFound | ReportUnrenderable | ReportNotRenderedYet;

export interface ProcessOfflineReportDeps {
  readonly storage: ReportStorage;
  readonly renderer: BoundedReportRenderer;
  readonly intake: DeliveryIntake;
  /** The body names no client: each recipient's delivery is filed under the client whose contact it is. */
  readonly directory: ClientDirectory;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
  readonly publicMediaBaseUrl: string;
  readonly headerImageUrl: string | null;
  readonly footerImageUrl: string | null;
  /** The link preview's image (`og:image`); the header image when absent. */
  readonly previewImageUrl?: string | null;
}

/**
 * Job 1.3: turn the report CVT stored into CVT's responsive page, at the same key the link points
 * to, and send the link to the WhatsApp recipients. Processing a message twice stores the same page
 * and sends nothing twice.
 */
export class ProcessOfflineReport {
  readonly #deps: ProcessOfflineReportDeps;

  constructor(deps: ProcessOfflineReportDeps) {
    this.#deps = deps;
  }

  async execute(request: OfflineReportRequest): Promise<Result<OfflineReportProcessed, OfflineReportFailure>> {
    const log = this.#deps.logger.child({ job: 'offline-report', idEnvio: request.idEnvio });
    const { recipients, rejected } = whatsappRecipients(request.destinatarios, this.#deps.defaultCountryCode);
    if (rejected.length > 0) log.warn('invalid WhatsApp recipients skipped', { rejected });

    const key = offlineReportKey(request.idEnvio);
    const link = publicReportUrl(this.#deps.publicMediaBaseUrl, key);
    const source = await this.#source(request.idEnvio);
    if (source === undefined) {
      if (recipients.length === 0) {
        log.info('no WhatsApp recipient in the message');
        return ok({ recipients: 0, queued: 0, duplicates: 0 });
      }
      const message = `the report ${key} does not exist (looked at ${this.#deps.storage.locate(key)})`;
      return err({ kind: 'report_not_found', retryable: true, message });
    }
    // Rendered even when nobody is to be sent the link: the source must never stay public as it came.
    // Rendering is deterministic: processing the message again writes the very same page.
    const page = await this.#deps.renderer.offlineReportPage(source, {
      title: request.subject,
      url: link,
      headerImageUrl: this.#deps.headerImageUrl,
      footerImageUrl: this.#deps.footerImageUrl,
      previewImageUrl: this.#deps.previewImageUrl ?? null,
    });
    if (!page.ok && page.error.retryable === true) {
      return err({ kind: 'report_not_rendered_yet', retryable: true, message: `the report ${key} was not rendered: ${page.error.reason}` });
    }
    if (!page.ok) {
      await this.#deps.storage.put(key, unavailableReportPage(request.subject, link), {
        idEnvio: request.idEnvio,
        generatedBy: 'offline-report',
      });
      log.warn('offline report could not be rendered; its public page now says it is unavailable', { reason: page.error.reason });
      return err({
        kind: 'report_unrenderable',
        retryable: false,
        message: `the report ${key} could not be rendered: ${page.error.reason}`,
      });
    }
    await this.#deps.storage.put(key, page.value, { idEnvio: request.idEnvio, generatedBy: 'offline-report' });
    if (recipients.length === 0) {
      log.info('no WhatsApp recipient in the message; the page is stored, nothing is sent');
      return ok({ recipients: 0, queued: 0, duplicates: 0 });
    }

    const message = offlineReportMessage(request.subject, link);
    const ownerOf = phoneOwners(await this.#deps.directory.list(), this.#deps.defaultCountryCode);
    const requests: DeliveryRequest[] = recipients.map((recipient) => ({
      job: 'offline-report',
      eventKey: request.idEnvio,
      clientId: ownerOf(recipient),
      channel: 'whatsapp',
      recipient,
      message,
    }));
    const outcome = await this.#deps.intake.submit(requests);
    log.info('offline report processed', { recipients: recipients.length, ...outcome });
    return ok({ recipients: recipients.length, ...outcome });
  }

  /**
   * The report as CVT's backend wrote it. The page we store replaces it at the same key (that is where
   * the link points), so the source is first copied aside; a page found at the key is never wrapped
   * again but rendered anew from that copy.
   */
  async #source(idEnvio: string): Promise<string | undefined> {
    const { storage, renderer } = this.#deps;
    const stored = await storage.get(offlineReportKey(idEnvio));
    if (stored === undefined) return undefined;
    if (!(await renderer.isGeneratedPage(stored.html))) {
      await storage.put(offlineReportSourceKey(idEnvio), stored.html, { idEnvio });
      return stored.html;
    }
    return (await storage.get(offlineReportSourceKey(idEnvio)))?.html ?? stored.html;
  }
}
