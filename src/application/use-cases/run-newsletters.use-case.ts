import { profileOf, type ClientProfile } from '../../domain/clients/client.ts';
import type { DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { newsletterMessage } from '../../domain/messages/newsletter.message.ts';
import { newsletterFingerprint } from '../../domain/newsletter/fingerprint.ts';
import { newsletterDescription, newsletterTitle } from '../../domain/newsletter/newsletter-page.ts';
import { checkMeltwaterNewsletter } from '../../domain/newsletter/newsletter-structure.ts';
import { newsletterKey, publicReportUrl } from '../../domain/reports/report-keys.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { ClientDirectory } from '../ports/client-directory.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { NewsletterSource } from '../ports/newsletter-source.port.ts';
import type { BoundedReportRenderer } from '../ports/bounded-report-renderer.port.ts';
import type { ReportStorage } from '../ports/report-storage.port.ts';
import type { DeliveryIntake } from '../services/delivery-intake.ts';

export type NewsletterOutcome =
  | { readonly status: 'sent'; readonly queued: number; readonly changed: boolean }
  | { readonly status: 'unchanged' }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

export interface NewsletterProgress {
  readonly clientId: string;
  readonly clientName: string | null;
  readonly distributionId: string;
  readonly outcome: NewsletterOutcome;
}

export interface NewsletterRunSummary {
  readonly checked: number;
  readonly sent: number;
  readonly unchanged: number;
  readonly failed: readonly { readonly distributionId: string; readonly reason: string }[];
  readonly skipped: readonly { readonly distributionId: string; readonly reason: string }[];
  /** Distributions asked for by id that no client has: present only when there are some. */
  readonly unknownDistributionIds?: readonly string[];
}

export interface RunNewslettersOptions {
  /** Only these distributions (all when absent). */
  readonly distributionIds?: readonly string[];
  readonly onProgress?: (progress: NewsletterProgress) => void;
}

export interface RunNewslettersDeps {
  readonly directory: ClientDirectory;
  readonly source: NewsletterSource;
  readonly renderer: BoundedReportRenderer;
  readonly storage: ReportStorage;
  readonly intake: DeliveryIntake;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
  readonly publicMediaBaseUrl: string;
  readonly previewImageUrl: string | null;
  /** Newsletters downloaded at the same time. */
  readonly concurrency: number;
}

interface Subscription {
  readonly profile: ClientProfile;
  readonly distributionId: string;
}

/**
 * Job 1.2: for every client with a Meltwater distribution, fetch the newsletter, and when its news
 * is new to a contact, store CVT's responsive copy and send that contact the link. One newsletter's
 * failure is recorded in the summary and never stops the others.
 */
export class RunNewsletters {
  readonly #deps: RunNewslettersDeps;

  constructor(deps: RunNewslettersDeps) {
    this.#deps = deps;
  }

  async execute(options: RunNewslettersOptions = {}): Promise<NewsletterRunSummary> {
    const { subscriptions, unknown } = await this.#subscriptions(options.distributionIds);
    const downloads = new Map<string, Promise<NewsletterVersion>>();
    const outcomes = await mapWithConcurrency(subscriptions, this.#deps.concurrency, async (subscription) => {
      const outcome = await this.#deliver(subscription, downloads);
      options.onProgress?.({
        clientId: subscription.profile.id,
        clientName: subscription.profile.name,
        distributionId: subscription.distributionId,
        outcome,
      });
      return { distributionId: subscription.distributionId, outcome };
    });
    const summary = summarise(outcomes);
    if (unknown.length === 0) return summary;
    this.#deps.logger.warn('newsletter run asked for distributions no client has', { unknownDistributionIds: unknown });
    return { ...summary, unknownDistributionIds: unknown };
  }

  async #subscriptions(only: readonly string[] | undefined): Promise<{ subscriptions: Subscription[]; unknown: string[] }> {
    const clients = await this.#deps.directory.withNewsletters();
    const known = new Set<string>();
    const subscriptions = clients.flatMap((client) => {
      const profile = profileOf(client, this.#deps.defaultCountryCode);
      for (const distributionId of profile.meltwaterDistributionIds) known.add(distributionId);
      return profile.meltwaterDistributionIds
        .filter((distributionId) => only === undefined || only.includes(distributionId))
        .map((distributionId) => ({ profile, distributionId }));
    });
    const unknown = [...new Set(only ?? [])].filter((distributionId) => !known.has(distributionId));
    return { subscriptions, unknown };
  }

  async #deliver(subscription: Subscription, downloads: Map<string, Promise<NewsletterVersion>>): Promise<NewsletterOutcome> {
    const { profile, distributionId } = subscription;
    const log = this.#deps.logger.child({ job: 'meltwater-newsletter', clientId: profile.id, distributionId });
    if (profile.contacts.length === 0) return { status: 'skipped', reason: 'the client has no WhatsApp contact' };
    try {
      // Two clients may share a distribution: it is downloaded and stored once per run.
      let download = downloads.get(distributionId);
      if (download === undefined) {
        download = this.#publish(distributionId);
        downloads.set(distributionId, download);
      }
      const version = await download;
      if (!version.ok) {
        log.warn('newsletter not sent', { reason: version.error.reason });
        return { status: 'failed', reason: version.error.reason };
      }
      const { fingerprint, link, title, changed } = version.value;
      const message = newsletterMessage(link, title, profile.name);
      const requests: DeliveryRequest[] = profile.contacts.map((contact) => ({
        job: 'meltwater-newsletter',
        eventKey: `${distributionId}:${fingerprint.slice(0, 16)}`,
        clientId: profile.id,
        channel: 'whatsapp',
        recipient: contact.phone,
        message,
      }));
      const { queued } = await this.#deps.intake.submit(requests);
      log.info('newsletter checked', { changed, queued });
      return queued > 0 ? { status: 'sent', queued, changed } : { status: 'unchanged' };
    } catch (error) {
      log.error('newsletter run failed for this distribution', { error });
      return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Downloads a newsletter and stores CVT's copy when its news changed since the stored one. */
  async #publish(distributionId: string): Promise<NewsletterVersion> {
    const fetched = await this.#deps.source.fetch(distributionId);
    if (!fetched.ok) return err({ reason: fetched.error.reason });
    const read = await this.#deps.renderer.readNewsletter(fetched.value);
    if (!read.ok) return err({ reason: `the newsletter could not be read: ${read.error.reason}` });
    const document = read.value;
    // Whatever else the newsletter URL answers with (an error or login page, another site) is never published.
    const meltwater = checkMeltwaterNewsletter(document.structure);
    if (!meltwater.ok) return err({ reason: meltwater.error });

    const fingerprint = newsletterFingerprint(document.items);
    const key = newsletterKey(distributionId);
    const link = publicReportUrl(this.#deps.publicMediaBaseUrl, key);
    const stored = await this.#deps.storage.head(key);
    const changed = stored?.['fingerprint'] !== fingerprint;
    if (changed) {
      const page = await document.page({
        title: newsletterTitle(document.title),
        description: newsletterDescription(document.items.map((item) => item.headline)),
        url: link,
        imageUrl: this.#deps.previewImageUrl,
      });
      if (!page.ok) return err({ reason: `the newsletter's page could not be rendered: ${page.error.reason}` });
      await this.#deps.storage.put(key, page.value, { fingerprint, distributionId, items: String(document.items.length) });
    }
    return ok({ fingerprint, link, title: document.title, changed });
  }
}

/** The newsletter's current version as stored for CVT, or why it cannot be published. */
type NewsletterVersion = Result<
  { readonly fingerprint: string; readonly link: string; readonly title: string | null; readonly changed: boolean },
  { readonly reason: string }
>;

function summarise(outcomes: readonly { distributionId: string; outcome: NewsletterOutcome }[]): NewsletterRunSummary {
  const failed: { distributionId: string; reason: string }[] = [];
  const skipped: { distributionId: string; reason: string }[] = [];
  let sent = 0;
  let unchanged = 0;
  for (const { distributionId, outcome } of outcomes) {
    if (outcome.status === 'sent') sent++;
    else if (outcome.status === 'unchanged') unchanged++;
    else if (outcome.status === 'failed') failed.push({ distributionId, reason: outcome.reason });
    else skipped.push({ distributionId, reason: outcome.reason });
  }
  return { checked: outcomes.length, sent, unchanged, failed, skipped };
}

async function mapWithConcurrency<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
