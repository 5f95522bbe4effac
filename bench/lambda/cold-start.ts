import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { buildOne, LAMBDA_HANDLERS } from '../../scripts/build.ts';
import { startEmptyMongod } from '../../test/support/empty-mongod.ts';
import { startFauxqs } from '../../test/support/fauxqs.ts';
import { spawnNode, waitForLine } from '../lib/processes.ts';
import { check, type BenchReport } from '../lib/report.ts';
import { median, round } from '../lib/stats.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { coldStartScript } from './cold-start-script.ts';
import { coldStartEnvironment } from './environment.ts';
import { harmlessEvent, type LambdaName } from './invocations.ts';

const RUNS = 10;
const REFERENCE = 'sqs-reference';
const REFERENCE_BUNDLE = resolve('dist/bench', REFERENCE, 'index.mjs');
/**
 * For information: the SQS reference plus what the report functions alone need (the S3 client, worker threads;
 * bench/lambda/report-reference.handler.ts). Their start over it is what our code adds to those needs.
 */
const REPORT_REFERENCE = 'report-reference';
const REPORT_REFERENCE_BUNDLE = resolve('dist/bench', REPORT_REFERENCE, 'index.mjs');
const REPORT_FUNCTIONS: readonly LambdaName[] = ['newsletter-run', 'offline-reports'];
/** Every bundle within this ratio of the reference's start (issue: light Lambdas). */
const TARGET_RATIO = 1.2;
/**
 * As deployed on AWS (deploy/template.yaml): STORE=mongodb. The functions whose bench event builds the container
 * without a query start this way against a closed port, which fails at once if anything queries (the start
 * then never finishes, and the bench fails).
 */
const MONGODB_ENV = { STORE: 'mongodb', MONGODB_URI: 'mongodb://127.0.0.1:9/controles?serverSelectionTimeoutMS=1' };
const MONGODB_SUBJECTS: readonly LambdaName[] = ['meltwater-webhook', 'offline-reports', 'offline-alerts', 'dispatcher', 'receipts'];
/**
 * newsletter-run lists its clients and dispatch-sweep reads the ledger on every invocation: with MongoDB their
 * start loads the driver and connects. No MongoDB server runs here: they run against an empty one on 127.0.0.1
 * (test/support/empty-mongod.ts), for information (the issue exempts what cannot start without the driver).
 */
const QUERYING_SUBJECTS: readonly LambdaName[] = ['newsletter-run', 'dispatch-sweep'];

interface Start {
  /** Spawn to the child's line, measured here. */
  readonly wallMs: number;
  /** Measured in the child, from its own start. */
  readonly importedMs: number;
  readonly builtMs: number;
  /** User + system CPU time of the whole process, measured inside: what a loaded machine disturbs least. */
  readonly cpuMs: number;
}

/** Benchmark 4: each Lambda bundle's size, and the time to import it and build its container, against an empty Node start. */
export async function coldStartBench(): Promise<BenchReport> {
  const fauxqs = await startFauxqs();
  const mongod = await startEmptyMongod();
  const dataDir = tempDir('lambda');
  try {
    const env = await coldStartEnvironment(fauxqs, dataDir.path);
    for (const [entry, outfile] of [
      ['bench/lambda/sqs-reference.handler.ts', REFERENCE_BUNDLE],
      ['bench/lambda/report-reference.handler.ts', REPORT_REFERENCE_BUNDLE],
    ] as const)
      await buildOne({ entry, outfile, minify: true, split: true, oneSharedChunk: true });
    const names: Subject[] = [null, REFERENCE, REPORT_REFERENCE, ...LAMBDA_HANDLERS];
    const starts = new Map<Subject, Start[]>(names.map((name) => [name, []]));
    const mongodbStarts = new Map<LambdaName, Start[]>([...MONGODB_SUBJECTS, ...QUERYING_SUBJECTS].map((name) => [name, []]));
    // Round 0 warms the file cache and creates the SQLite file; rounds alternate so that noise hits all alike.
    for (let round = 0; round <= RUNS; round++) {
      for (const name of names) {
        const start = await coldStart(name, env);
        if (round > 0) starts.get(name)!.push(start);
      }
      for (const name of MONGODB_SUBJECTS) {
        const start = await coldStart(name, { ...env, ...MONGODB_ENV });
        if (round > 0) mongodbStarts.get(name)!.push(start);
      }
      for (const name of QUERYING_SUBJECTS) {
        const start = await coldStart(name, { ...env, STORE: 'mongodb', MONGODB_URI: mongod.uri });
        if (round > 0) mongodbStarts.get(name)!.push(start);
      }
    }
    const empty = median(starts.get(null)!.map((start) => start.wallMs));
    const referenceRuns = starts.get(REFERENCE)!;
    const reference = {
      bytes: bytesImported(REFERENCE_BUNDLE),
      wallMs: median(referenceRuns.map((start) => start.wallMs)),
      importMs: median(referenceRuns.map((start) => start.importedMs)),
      cpuMs: median(referenceRuns.map((start) => start.cpuMs)),
    };
    const reportReferenceRuns = starts.get(REPORT_REFERENCE)!;
    const reportReference = {
      bytes: bytesImported(REPORT_REFERENCE_BUNDLE),
      wallMs: median(reportReferenceRuns.map((start) => start.wallMs)),
      cpuMs: median(reportReferenceRuns.map((start) => start.cpuMs)),
    };
    const reportReferenceBaseline = {
      value: round(reportReference.wallMs, 1),
      unit: 'ms',
      what: `SQS + S3 clients + worker threads (${(reportReference.bytes / 1e6).toFixed(2)} MB)`,
    };
    const summary = (name: LambdaName, runs: readonly Start[]) => ({
      name,
      bytes: bytesImported(bundlePath(name)),
      wallMs: median(runs.map((start) => start.wallMs)),
      importMs: median(runs.map((start) => start.importedMs)),
      buildMs: median(runs.map((start) => start.builtMs - start.importedMs)),
      cpuMs: median(runs.map((start) => start.cpuMs)),
    });
    const mongodbBundles = MONGODB_SUBJECTS.map((name) => summary(name, mongodbStarts.get(name)!));
    const queryingBundles = QUERYING_SUBJECTS.map((name) => summary(name, mongodbStarts.get(name)!));
    const bundles = LAMBDA_HANDLERS.map((name) => summary(name, starts.get(name)!));
    return {
      id: 'lambda',
      title: '4. Lambda cold start',
      checks: [
        ...bundles.map((bundle) =>
          check(
            bundle.name,
            { value: round(reference.wallMs, 1), unit: 'ms', what: `SQS-client-only bundle (${(reference.bytes / 1e6).toFixed(2)} MB)` },
            { value: round(bundle.wallMs, 1), unit: 'ms', what: `import ${(bundle.bytes / 1e6).toFixed(2)} MB + build container` },
            { of: 'ratio', comparison: '<=', value: TARGET_RATIO },
          ),
        ),
        ...mongodbBundles.map((bundle) =>
          check(
            `${bundle.name}, STORE=mongodb`,
            { value: round(reference.wallMs, 1), unit: 'ms', what: `SQS-client-only bundle (${(reference.bytes / 1e6).toFixed(2)} MB)` },
            { value: round(bundle.wallMs, 1), unit: 'ms', what: 'import + build container, as on AWS' },
            { of: 'ratio', comparison: '<=', value: TARGET_RATIO },
          ),
        ),
        check(
          "the report functions' needs alone (S3 client, worker threads)",
          { value: round(reference.wallMs, 1), unit: 'ms', what: `SQS-client-only bundle (${(reference.bytes / 1e6).toFixed(2)} MB)` },
          reportReferenceBaseline,
          null,
        ),
        ...bundles
          .filter((bundle) => REPORT_FUNCTIONS.includes(bundle.name))
          .map((bundle) =>
            check(
              `${bundle.name}, over its needs alone`,
              reportReferenceBaseline,
              { value: round(bundle.wallMs, 1), unit: 'ms', what: `import ${(bundle.bytes / 1e6).toFixed(2)} MB + build container` },
              null,
            ),
          ),
        ...queryingBundles.map((bundle) =>
          check(
            `${bundle.name}, STORE=mongodb, its first query`,
            { value: round(reference.wallMs, 1), unit: 'ms', what: `SQS-client-only bundle (${(reference.bytes / 1e6).toFixed(2)} MB)` },
            {
              value: round(bundle.wallMs, 1),
              unit: 'ms',
              what: 'import + build container + load the driver, connect, query (an empty MongoDB)',
            },
            null,
          ),
        ),
      ],
      details: {
        runs: RUNS,
        emptyStartMs: empty,
        reference: {
          ...reference,
          wallMs: round(reference.wallMs, 1),
          importMs: round(reference.importMs, 1),
          cpuMs: round(reference.cpuMs, 1),
        },
        reportReference: { ...reportReference, wallMs: round(reportReference.wallMs, 1), cpuMs: round(reportReference.cpuMs, 1) },
        bundles: bundles.map((bundle) => ({
          ...bundle,
          importMs: round(bundle.importMs, 1),
          buildMs: round(bundle.buildMs, 1),
          cpuMs: round(bundle.cpuMs, 1),
        })),
        mongodb: [...mongodbBundles, ...queryingBundles].map((bundle) => ({
          ...bundle,
          importMs: round(bundle.importMs, 1),
          buildMs: round(bundle.buildMs, 1),
          cpuMs: round(bundle.cpuMs, 1),
        })),
      },
      notes: [
        `A fresh Node ${process.version} process per start, timed from spawn to the line it prints once done: it imports dist/lambda/<name>/index.mjs and invokes the handler once with an event that builds its whole container and returns (a webhook for a malformed client id, an SQS batch without records, a run without clients…). Baseline: the same program with a reference bundle (bench/lambda/sqs-reference.handler.ts, built with the deployables' esbuild settings) that only imports and constructs SQSClient; an empty Node start is recorded beside it (${round(empty, 1)} ms), as an absolute figure proved machine-bound.`,
        `Median of ${RUNS} starts each, alternating, after one warm-up round. The figure is each bundle's start over the reference's (target: at most ${TARGET_RATIO} ×). Import and container times, measured inside: ${bundles.map((bundle) => `${bundle.name} ${round(bundle.importMs, 0)} + ${round(bundle.buildMs, 0)} ms`).join(', ')}.`,
        `CPU time per start, user + system measured in each process (median, the same starts; what a loaded machine disturbs least, for information): reference ${round(reference.cpuMs, 1)} ms; ${[...bundles, ...mongodbBundles.map((bundle) => ({ ...bundle, name: `${bundle.name} (mongodb)` }))].map((bundle) => `${bundle.name} ${(bundle.cpuMs / reference.cpuMs).toFixed(2)} ×`).join(', ')}.`,
        `Report functions, for information: newsletter-run and offline-reports need two things no other function does and every invocation of offline-reports uses, the S3 client and worker threads (the render pool). A second reference (bench/lambda/report-reference.handler.ts) imports and constructs those besides the SQS client, and nothing of ours; its row says what the two needs cost over the SQS reference, and each report function's row what our code adds on top of them (CPU per start: ${REPORT_FUNCTIONS.map((name) => `${name} ${(bundles.find((bundle) => bundle.name === name)!.cpuMs / reportReference.cpuMs).toFixed(2)} ×`).join(', ')} of it).`,
        'STORE=sqlite against a prepared file, QUEUE=sqs and REPORT_STORE=s3 pointing at fauxqs, WHATSAPP_PROVIDER=gowa (not called) with basic auth and a webhook secret, as README shows it set up.',
        `"STORE=mongodb" checks: the same starts with the store AWS uses (deploy/template.yaml), for the functions whose event builds the container without a query (${MONGODB_SUBJECTS.join(', ')}): the MongoDB driver is loaded on the first query. newsletter-run and dispatch-sweep query on every invocation, so on AWS their cold start includes loading the driver and connecting: their rows (for information) run against an empty MongoDB on 127.0.0.1 that speaks the wire protocol (test/support/empty-mongod.ts).`,
      ],
    };
  } finally {
    dataDir.remove();
    await mongod.close();
    await fauxqs.close();
  }
}

/** A function of ours, a reference bundle, or (null) an empty Node start. */
type Subject = LambdaName | typeof REFERENCE | typeof REPORT_REFERENCE | null;

/**
 * The bytes of a bundle's entry and of the chunks it imports statically, from its metafile (scripts/build.ts
 * writes `index.meta.json` beside it): what importing it reads, before any family imported on demand. Since what a
 * start reads is one chunk, the entry file itself only re-exports the handler.
 */
function bytesImported(bundle: string): number {
  const { outputs } = JSON.parse(readFileSync(bundle.replace(/\.mjs$/u, '.meta.json'), 'utf8')) as Metafile;
  const read = new Set([relative(process.cwd(), bundle)]);
  for (const path of read)
    for (const imported of outputs[path]!.imports)
      if (imported.kind === 'import-statement' && imported.path in outputs) read.add(imported.path);
  return [...read].reduce((sum, path) => sum + outputs[path]!.bytes, 0);
}

function bundlePath(name: LambdaName): string {
  return resolve('dist/lambda', name, 'index.mjs');
}

async function coldStart(name: Subject, env: Record<string, string>): Promise<Start> {
  const script =
    name === null
      ? coldStartScript(null, null)
      : name === REFERENCE
        ? coldStartScript(pathToFileURL(REFERENCE_BUNDLE).href, {})
        : name === REPORT_REFERENCE
          ? coldStartScript(pathToFileURL(REPORT_REFERENCE_BUNDLE).href, {})
          : coldStartScript(pathToFileURL(bundlePath(name)).href, harmlessEvent(name));
  const started = performance.now();
  const child = spawnNode(['--input-type=module', '-e', script], env);
  const line = await waitForLine(child, /^COLD-START (.+)$/u);
  const wallMs = performance.now() - started;
  await child.exited;
  const { imported, built, cpu } = JSON.parse(line) as { imported: number; built: number; cpu: number };
  return { wallMs, importedMs: imported, builtMs: built, cpuMs: cpu };
}
