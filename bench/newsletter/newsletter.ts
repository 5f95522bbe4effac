import { forkForResult } from '../lib/fork-child.ts';
import { check, type BenchReport } from '../lib/report.ts';
import { round } from '../lib/stats.ts';
import type { NewsletterFigures } from './newsletter-child.ts';

/** Benchmark 3: transform and fingerprint of a 1 MB newsletter, against cheerio's own load and serialise. */
export async function newsletterBench(): Promise<BenchReport> {
  const figures = await forkForResult<NewsletterFigures>('bench/newsletter/newsletter-child.ts', [], ['--expose-gc']);
  const steps = Object.entries(figures.stepsMedianMs)
    .map(([name, ms]) => `${name} ${round(ms, 1)} ms`)
    .join(', ');
  return {
    id: 'newsletter',
    title: '3. Newsletter transform + fingerprint (1 MB)',
    checks: [
      check(
        'time per newsletter',
        { value: round(figures.baselineMedianMs, 1), unit: 'ms', what: 'cheerio load(html).html()' },
        { value: round(figures.serviceMedianMs, 1), unit: 'ms', what: 'readNewsletter + fingerprint + page' },
        { of: 'ratio', comparison: '<=', value: 1.5 },
      ),
    ],
    details: { ...figures },
    notes: [
      `A ${(figures.bytes / 1e6).toFixed(2)} MB Meltwater newsletter of ${figures.items} news items (test/support/meltwater-newsletter.ts: layout tables, tracking redirects, open pixel, unsubscribe paragraph).`,
      `Measured: what RunNewsletters does when a newsletter's news changed — Htmlparser2ReportRenderer.readNewsletter (one parse, news items), newsletterFingerprint, NewsletterDocument.page from the same parse (unsubscribe and pixels removed, links unwrapped, sanitised, made fluid, CVT's head). Steps: ${steps}.`,
      "The baseline is unchanged since the service parsed with cheerio: cheerio's own load (parse5, the HTML standard's parser) and serialisation. The service has parsed with htmlparser2 since issue 14 (bench/notes/html-path.md): the ratio compares this service with what a cheerio-based one would start from.",
      `Median of ${figures.iterations} alternating runs per side after 3 warm-up runs each, in one fresh process, each run from a collected heap.`,
    ],
  };
}
