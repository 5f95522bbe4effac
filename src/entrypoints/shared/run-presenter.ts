import type { NewsletterRun } from '../../application/ports/newsletter-run-log.port.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';

/** A newsletter run as the API shows it; a reason may quote a provider or Meltwater, so numbers in it are masked. */
export function presentNewsletterRun(run: NewsletterRun) {
  return {
    id: run.id,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    checked: run.checked,
    sent: run.sent,
    unchanged: run.unchanged,
    failed: run.failed.map((failure) => ({ distributionId: failure.distributionId, reason: maskPhonesInText(failure.reason) })),
  };
}
