import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_HANDLERS } from '../../scripts/build.ts';
import { PROVIDER_IDS } from '../../src/entrypoints/composition/providers/provider-ids.ts';

interface Metafile {
  outputs: Record<
    string,
    {
      inputs: Record<string, { bytesInOutput: number }>;
      imports: { path: string; kind: string; external?: boolean }[];
      entryPoint?: string;
      bytes: number;
    }
  >;
}

/**
 * Budgets of the minified bundles, in bytes, as measured when they were set (with ~10% room): the entry
 * and its chunks, all deployed. The MongoDB driver is most of the base (every function reads the ledger);
 * the S3 client and the render worker (htmlparser2, 95 KB since issue 14; cheerio and parse5 made it 406 KB)
 * are the rest of the HTML ones. A bundle growing past its budget fails here, to be looked at rather than
 * shipped.
 */
const BUDGETS: Record<(typeof LAMBDA_HANDLERS)[number], number> = {
  'meltwater-webhook': 1_300_000,
  'newsletter-run': 1_650_000,
  'offline-reports': 1_650_000,
  'offline-alerts': 1_300_000,
  dispatcher: 1_350_000,
  'dispatch-sweep': 1_300_000,
  receipts: 1_350_000,
};

/** What each function may carry beyond the common core. */
const ALLOWED: Record<(typeof LAMBDA_HANDLERS)[number], { html: boolean; providers: boolean; s3: boolean }> = {
  'meltwater-webhook': { html: false, providers: false, s3: false },
  'newsletter-run': { html: true, providers: false, s3: true },
  'offline-reports': { html: true, providers: false, s3: true },
  'offline-alerts': { html: false, providers: false, s3: false },
  dispatcher: { html: false, providers: true, s3: false },
  'dispatch-sweep': { html: false, providers: false, s3: false },
  receipts: { html: false, providers: true, s3: false },
};

/** The function's code files: the entry and the chunks beside it, and the render worker where it renders. */
/** The use cases each handler resolves: its bundle holds those and no other (composition/modules/use-cases/). */
const USE_CASES: Record<(typeof LAMBDA_HANDLERS)[number], readonly string[]> = {
  'meltwater-webhook': ['accept-meltwater-alert'],
  'newsletter-run': ['recorded-newsletter-runs', 'run-newsletters'],
  'offline-reports': ['process-offline-report'],
  'offline-alerts': ['process-offline-alerts'],
  dispatcher: ['dispatch-delivery'],
  'dispatch-sweep': ['expire-stale-deliveries', 'sweep-due-deliveries'],
  receipts: ['handle-inbound-messages', 'record-receipts'],
};

function outputsOf(name: string): Metafile['outputs'] {
  const metas = ['index', 'render-worker']
    .map((bundle) => `dist/lambda/${name}/${bundle}.meta.json`)
    .filter((path) => existsSync(path))
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as Metafile);
  return Object.fromEntries(metas.flatMap((meta) => Object.entries(meta.outputs)).filter(([path]) => path.endsWith('.mjs')));
}

function inputsOf(outputs: Metafile['outputs'][string][]): string[] {
  return outputs.flatMap((output) => Object.keys(output.inputs));
}

/**
 * The adapter families a function runs with in AWS (deploy/template.yaml: STORE=mongodb, QUEUE=sqs,
 * REPORT_STORE=s3): families.ts imports the chosen ones on demand, when the container is built.
 */
const FAMILIES_IN_AWS = /src\/entrypoints\/composition\/modules\/(mongodb-store|sqs-queue|s3-reports)\.module\.ts$/u;

/**
 * What a cold start reads: the entry, the chunks of the families chosen in AWS, and what they import
 * statically; not the chunks imported on demand later (other environments' credential sources).
 */
function loadedAtStart(name: string, outputs: Metafile['outputs']): Metafile['outputs'][string][] {
  const families = Object.entries(outputs)
    .filter(([, output]) => output.entryPoint !== undefined && FAMILIES_IN_AWS.test(output.entryPoint))
    .map(([path]) => path);
  const loaded = new Set([`dist/lambda/${name}/index.mjs`, ...families]);
  for (const path of loaded) {
    for (const imported of outputs[path]!.imports)
      if (imported.kind === 'import-statement' && imported.path in outputs) loaded.add(imported.path);
  }
  return [...loaded].map((path) => outputs[path]!);
}

/** The CommonJS modules a split bundle imports on demand (`import()`), as paths in their package. */
function commonJsImportedOnDemand(metafile: string): string[] {
  const { inputs, outputs } = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile & { inputs: Record<string, { format?: string }> };
  const commonJs = new Map(
    Object.entries(outputs)
      .filter(([, output]) => output.entryPoint !== undefined && inputs[output.entryPoint]?.format === 'cjs')
      .map(([path, output]) => [path, output.entryPoint!]),
  );
  const importedOnDemand = Object.values(outputs).flatMap((output) =>
    output.imports
      .filter((imported) => imported.kind === 'dynamic-import' && commonJs.has(imported.path))
      .map((imported) => commonJs.get(imported.path)!),
  );
  return [...new Set(importedOnDemand)].map((entry) => entry.replace(/^.*node_modules\//u, ''));
}

describe('the CLI bundle', () => {
  it('imports on demand no CommonJS module but the MongoDB driver, which mongodb.driver.ts unwraps (evanw/esbuild#3245)', () => {
    expect(commonJsImportedOnDemand('dist/cli/main.meta.json')).toEqual(['mongodb/lib/index.js']);
  });
});

describe('Lambda bundles', () => {
  for (const name of LAMBDA_HANDLERS) {
    describe(name, () => {
      const outputs = outputsOf(name);
      const inputs = inputsOf(Object.values(outputs));
      const has = (pattern: RegExp) => inputs.some((input) => pattern.test(input));

      it('exists where the SAM template points, as index.mjs exporting a handler', () => {
        expect(existsSync(`dist/lambda/${name}/index.mjs`)).toBe(true);
        expect(readFileSync(`dist/lambda/${name}/index.mjs`, 'utf8')).toMatch(/export\s*\{[^}]*\bhandler\b/u);
      });

      it(`stays within its size budget (${BUDGETS[name]} bytes)`, () => {
        const bytes = Object.keys(outputs).reduce((sum, path) => sum + statSync(path).size, 0);
        expect(bytes).toBeLessThanOrEqual(BUDGETS[name]);
      });

      it("leaves the AWS SDK's credential sources for other environments out of what a cold start reads", () => {
        const atStart = inputsOf(loadedAtStart(name, outputs));
        expect(atStart.some((input) => /node_modules\/@aws-sdk\/credential-provider-env\//u.test(input))).toBe(true);
        expect(
          atStart.filter((input) =>
            /node_modules\/@aws-sdk\/(credential-provider-(sso|ini|process|web-identity|login)|nested-clients)\//u.test(input),
          ),
        ).toEqual([]);
      });

      it('leaves the MongoDB driver out of what a cold start reads: its adapters load it on their first query', () => {
        const atStart = inputsOf(loadedAtStart(name, outputs));
        expect(atStart.some((input) => input.startsWith('src/adapters/mongodb/'))).toBe(true);
        expect(atStart.filter((input) => /node_modules\/(mongodb|bson)\//u.test(input))).toEqual([]);
        expect(has(/node_modules\/mongodb\//u)).toBe(true);
      });

      it("checks its settings at start without building every setting's zod schema, or loading croner for the schedule's", () => {
        const atStart = inputsOf(loadedAtStart(name, outputs));
        // config.schema.ts builds the adapters' schemas when imported: only a value the plain checks leave undecided loads it.
        expect(atStart.some((input) => input.endsWith('src/entrypoints/composition/setting-checks.ts'))).toBe(true);
        expect(atStart.filter((input) => /src\/entrypoints\/composition\/config\.schema\.ts$|node_modules\/croner\//u.test(input))).toEqual(
          [],
        );
        expect(has(/src\/entrypoints\/composition\/config\.schema\.ts$/u)).toBe(true);
      });

      it("leaves out the AWS SDK's browser user-agent parser, which Node never loads", () => {
        expect(has(/node_modules\/bowser\//u)).toBe(false);
      });

      it("imports Node's built-ins through require, never as ES modules (whose namespace runs every lazy getter)", () => {
        const imports = Object.values(outputs).flatMap((output) => output.imports);
        expect(imports.filter((imported) => imported.external === true && imported.kind !== 'require-call')).toEqual([]);
      });

      it('carries only the use cases its handler resolves, and no reflection-based container', () => {
        const useCases = new Set(inputs.flatMap((input) => /src\/application\/use-cases\/(.+)\.use-case\.ts$/u.exec(input)?.[1] ?? []));
        expect([...useCases].sort()).toEqual(USE_CASES[name]);
        expect(has(/node_modules\/(inversify|@inversifyjs|reflect-metadata)\//u)).toBe(false);
      });

      it("reads at a cold start in AWS's configuration only the entry, one chunk of all it shares, esbuild's helpers and a file per family", () => {
        const families = Object.values(outputs).filter(
          (output) => output.entryPoint !== undefined && FAMILIES_IN_AWS.test(output.entryPoint),
        );
        const read = loadedAtStart(name, outputs);
        const others = read.filter((output) => output.entryPoint === undefined && Object.keys(output.inputs).length > 0);
        expect(others, 'the chunks of modules read at start, beside the entry and the families').toHaveLength(1);
        expect(read).toHaveLength(families.length + 3);
      });

      it('imports on demand no CommonJS module but the MongoDB driver, which mongodb.driver.ts unwraps: split in chunks, esbuild hands one over as its default alone (evanw/esbuild#3245)', () => {
        expect(commonJsImportedOnDemand(`dist/lambda/${name}/index.meta.json`)).toEqual(['mongodb/lib/index.js']);
      });

      it('reads at a cold start no chunk that only hands over Node built-ins: each importing file has its own shim', () => {
        const atStart = new Set(loadedAtStart(name, outputs));
        const shimsOnly = Object.entries(outputs).filter(([, output]) => {
          const chunkInputs = Object.keys(output.inputs);
          return (
            atStart.has(output) && chunkInputs.length > 0 && chunkInputs.every((input) => input.startsWith('builtin-through-require:'))
          );
        });
        expect(shimsOnly.map(([path]) => path)).toEqual([]);
      });

      it('reads at a cold start only ASCII files: V8 holds a file with any other character as a two-byte string, twice its size', () => {
        const atStart = new Set(loadedAtStart(name, outputs));
        const wide = Object.entries(outputs)
          .filter(([path, output]) => atStart.has(output) && /[^\x00-\x7f]/u.test(readFileSync(path, 'utf8')))
          .map(([path]) => path);
        expect(wide).toEqual([]);
      });

      it('carries no Express, no server, worker, HTTP or CLI code', () => {
        expect(has(/node_modules\/express\//u)).toBe(false);
        expect(has(/src\/entrypoints\/(server|worker|http|cli)\//u)).toBe(false);
        expect(has(/src\/entrypoints\/workers\//u)).toBe(false);
        expect(has(/node_modules\/(prom-client|commander)\//u)).toBe(false);
      });

      it('parses HTML only in its render worker, never in the thread that answers', () => {
        const main = inputsOf([outputs[`dist/lambda/${name}/index.mjs`]!]);
        expect(main.some((input) => /node_modules\/(cheerio|parse5|htmlparser2)\//u.test(input))).toBe(false);
        expect(existsSync(`dist/lambda/${name}/render-worker.mjs`)).toBe(ALLOWED[name].html);
      });

      it('carries the HTML parser, the WhatsApp providers and the S3 client only where it uses them', () => {
        const allowed = ALLOWED[name];
        expect(has(/node_modules\/htmlparser2\//u)).toBe(allowed.html);
        // The HTML parser is htmlparser2 alone: cheerio and parse5 are the tests' stand-in for a browser.
        expect(has(/node_modules\/(cheerio|parse5|css-select)\//u)).toBe(false);
        // Their settings schemas are everywhere (configuration is checked whole); their adapters are not.
        // Every provider of the catalog, each on its own: a new one is checked without touching this test.
        const carried = PROVIDER_IDS.filter((id) => has(new RegExp(`src/adapters/${id}/(?!.*\\.config\\.ts$)`, 'u')));
        expect(carried).toEqual(allowed.providers ? PROVIDER_IDS : []);
        expect(has(/node_modules\/@aws-sdk\/client-s3\//u)).toBe(allowed.s3);
      });

      it("carries the schemas of the AWS operations it sends and of the clients' errors, not of every operation", () => {
        // Every S3 operation's schema was 66 KB of each report function; SQS's all of them, 25 KB
        // (scripts/build-plugins/aws-sdk-schemas.ts). Observed after: 12.8 KB and 9.1 KB.
        const schemaBytes = (client: string) =>
          Object.values(outputs)
            .flatMap((output) => Object.entries(output.inputs))
            .filter(([input]) => input.includes(`node_modules/@aws-sdk/${client}/dist-es/schemas/`))
            .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
        expect(schemaBytes('client-s3')).toBeLessThanOrEqual(16_000);
        expect(schemaBytes('client-sqs')).toBeLessThanOrEqual(12_000);
      });

      it("reads no provider's adapter at a cold start: the container imports those the configuration uses", () => {
        const atStart = inputsOf(loadedAtStart(name, outputs));
        const read = PROVIDER_IDS.filter((id) =>
          atStart.some((input) => new RegExp(`src/adapters/${id}/(?!.*\\.config\\.ts$)`, 'u').test(input)),
        );
        expect(read).toEqual([]);
      });
    });
  }
});
