import { load } from 'cheerio';
import { Htmlparser2ReportRenderer } from '../../src/adapters/htmlparser2/htmlparser2.report-renderer.adapter.ts';
import { newsletterFingerprint } from '../../src/domain/newsletter/fingerprint.ts';
import { newsletterTitle } from '../../src/domain/newsletter/newsletter-page.ts';
import { median } from '../lib/stats.ts';
import { bigNewsletter } from './big-newsletter.ts';

export interface NewsletterFigures {
  readonly bytes: number;
  readonly items: number;
  readonly iterations: number;
  readonly baselineMs: readonly number[];
  readonly serviceMs: readonly number[];
  readonly baselineMedianMs: number;
  readonly serviceMedianMs: number;
  /** The service's steps alone, median ms: they add up to about serviceMedianMs. */
  readonly stepsMedianMs: Readonly<Record<string, number>>;
}

const ITERATIONS = 15;
const WARMUP = 3;
const { html, items } = bigNewsletter(1_000_000);
const renderer = new Htmlparser2ReportRenderer();

/** What RunNewsletters does with a downloaded newsletter whose news changed: read (the one parse), fingerprint, render CVT's page. */
const steps = {
  read: () => renderer.readNewsletter(html),
  fingerprint: (document: ReturnType<typeof renderer.readNewsletter>) => newsletterFingerprint(document.items),
  page: (document: ReturnType<typeof renderer.readNewsletter>) =>
    document.page({
      title: newsletterTitle(document.title),
      description: `${document.items.length} noticias: ${document.items[0]!.headline}`,
      url: 'https://media.controles.co.cr/informesmw/6734a46da330314a4cd0c3da.html',
      imageUrl: null,
    }),
};
const stepTimes: Record<string, number[]> = { read: [], fingerprint: [], page: [] };
const timed = <T>(name: string, work: () => T): T => {
  const started = performance.now();
  const value = work();
  stepTimes[name]!.push(performance.now() - started);
  return value;
};
const service = (): number => {
  const document = timed('read', steps.read);
  const fingerprint = timed('fingerprint', () => steps.fingerprint(document));
  if (document.items.length !== items) throw new Error(`read ${document.items.length} items of ${items}`);
  return fingerprint.length + timed('page', () => steps.page(document)).length;
};
const baseline = (): number => load(html).html().length;

/** Each run starts from a collected heap, so that one side's garbage is never collected on the other's time. */
const time = (work: () => number): number => {
  globalThis.gc?.();
  const started = performance.now();
  work();
  return performance.now() - started;
};

for (let index = 0; index < WARMUP; index++) {
  time(baseline);
  time(service);
}
for (const list of Object.values(stepTimes)) list.length = 0;
const baselineMs: number[] = [];
const serviceMs: number[] = [];
for (let index = 0; index < ITERATIONS; index++) {
  baselineMs.push(time(baseline));
  serviceMs.push(time(service));
}
const figures: NewsletterFigures = {
  bytes: Buffer.byteLength(html),
  items,
  iterations: ITERATIONS,
  baselineMs,
  serviceMs,
  baselineMedianMs: median(baselineMs),
  serviceMedianMs: median(serviceMs),
  stepsMedianMs: Object.fromEntries(Object.entries(stepTimes).map(([name, times]) => [name, median(times)])),
};
process.send!(figures, () => process.exit(0));
