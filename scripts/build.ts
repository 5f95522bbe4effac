import { readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { awsSdkSchemasTreeShaken } from './build-plugins/aws-sdk-schemas.ts';

/**
 * Builds the deployables (docs/contracts/product.md §4): `npm run build -- --target server|worker|lambda` (all by
 * default). Each is one esbuild bundle holding only what its entry imports, with its metafile beside it
 * (`<bundle>.meta.json`) for the bundle-budget test.
 */
export const LAMBDA_HANDLERS = [
  'meltwater-webhook',
  'newsletter-run',
  'offline-reports',
  'offline-alerts',
  'dispatcher',
  'dispatch-sweep',
  'receipts',
] as const;

export interface Bundle {
  readonly entry: string;
  readonly outfile: string;
  readonly minify: boolean;
  /** Whether what is only imported dynamically goes to chunks beside the bundle (`chunks/`), read only when reached. */
  readonly split: boolean;
  /** A deployable that never sends: the provider catalog's adapter imports become a module that says so. */
  readonly withoutProviders?: boolean;
  /** What a start reads goes to one chunk, the dependencies' code included (see oneSharedChunk). */
  readonly oneSharedChunk?: boolean;
  /** Modules imported on demand that every start of this deployable imports as deployed: they join the start's one chunk. */
  readonly startFamilies?: readonly string[];
}

/** The Lambda functions that parse pages, and so carry the render worker beside their bundle. */
export const RENDERING_LAMBDAS: readonly (typeof LAMBDA_HANDLERS)[number][] = ['newsletter-run', 'offline-reports'];

/** The Lambda functions that send (their composition loads the messaging module), and so carry the providers' adapters. */
export const SENDING_LAMBDAS: readonly (typeof LAMBDA_HANDLERS)[number][] = ['dispatcher', 'receipts'];

/** Every Lambda function runs with QUEUE=sqs (src/entrypoints/lambda/lambda-container.ts refuses to start otherwise). */
const SQS_FAMILY = 'src/entrypoints/composition/modules/sqs-queue.module.ts';
/** The report functions keep their pages in S3 as deployed (deploy/template.yaml: REPORT_STORE=s3). */
const S3_FAMILY = 'src/entrypoints/composition/modules/s3-reports.module.ts';

/** The render worker (src/entrypoints/render-worker), which `renderWorkerUrl()` expects beside the bundle that runs it. */
const renderWorker = (dir: string, minify: boolean): Bundle => ({
  entry: 'src/entrypoints/render-worker/main.ts',
  outfile: `${dir}/render-worker.mjs`,
  minify,
  split: false,
});

export const TARGETS: Record<'server' | 'worker' | 'lambda' | 'cli', readonly Bundle[]> = {
  server: [
    { entry: 'src/entrypoints/server/main.ts', outfile: 'dist/server/main.mjs', minify: false, split: false },
    renderWorker('dist/server', false),
  ],
  worker: [
    { entry: 'src/entrypoints/worker/main.ts', outfile: 'dist/worker/main.mjs', minify: false, split: false },
    renderWorker('dist/worker', false),
  ],
  // A cold start parses all of its bundle (about 20 ms a MB). The AWS SDK imports the credential sources of
  // other environments (SSO, profiles, web identity, STS…) dynamically, after the environment's own: in
  // chunks, a function started with credentials in its environment never reads them.
  lambda: [
    ...LAMBDA_HANDLERS.map((name) => ({
      entry: `src/entrypoints/lambda/${name}.handler.ts`,
      outfile: `dist/lambda/${name}/index.mjs`,
      minify: true,
      split: true,
      withoutProviders: !SENDING_LAMBDAS.includes(name),
      oneSharedChunk: true,
      startFamilies: RENDERING_LAMBDAS.includes(name) ? [SQS_FAMILY, S3_FAMILY] : [SQS_FAMILY],
    })),
    ...RENDERING_LAMBDAS.map((name) => renderWorker(`dist/lambda/${name}`, true)),
  ],
  // The `cvt-whatsapp` command (bin/cvt-whatsapp.js runs it when built; `npm ci` builds it through `prepare`):
  // one file read and parsed instead of hundreds of TypeScript sources stripped one by one, and each command's
  // code and each adapter family in chunks read only when the command and the configuration reach them.
  cli: [{ entry: 'src/entrypoints/cli/main.ts', outfile: 'dist/cli/main.mjs', minify: true, split: true }, renderWorker('dist/cli', true)],
};

const CHUNKS = 'chunks';

// Bundled CommonJS dependencies still call require() on Node built-ins; ESM output needs one.
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Optional peers of the MongoDB driver (compression, Kerberos, client-side encryption, SOCKS, AWS IAM
 * auth): it requires them only when configured to use them, inside try/catch, so they stay outside.
 */
const OPTIONAL_PEERS = [
  'kerberos',
  '@mongodb-js/zstd',
  'snappy',
  'mongodb-client-encryption',
  'gcp-metadata',
  'socks',
  '@aws-sdk/credential-providers',
  'aws4',
];

/**
 * htmlparser2's entry also re-exports domutils (feeds, queries) and, through it, dom-serializer and a second
 * copy of the entities tables (about 75 KB) that the render worker never uses: it builds its own tree and
 * writes its own HTML. Marking those packages free of side effects lets esbuild drop them when nothing uses
 * what they export.
 */
// esbuild filters are Go regular expressions: no `u` flag.
// eslint-disable-next-line require-unicode-regexp
const UNUSED_BY_THE_HTML_PARSER = /^(domutils|dom-serializer)$/;
const treeShakeHtmlParserExtras: Plugin = {
  name: 'tree-shake-html-parser-extras',
  setup(esbuild) {
    esbuild.onResolve({ filter: UNUSED_BY_THE_HTML_PARSER }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await esbuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * An ES import of a Node built-in makes Node build its namespace by reading every export, lazy getters
 * included: `node:http`'s `WebSocket` loads Node's own copy of undici (about 25 ms of each cold start),
 * `node:process`'s `stdin` sets up standard input, `node:fs`'s `ReadStream` loads the fs streams. Imports of
 * built-ins (static or dynamic, ours and the AWS SDK's) go through the require shim instead, which hands
 * over the same object and runs a getter only when something reads it.
 */
/** Where the sources are: shim paths are relative to it, so that a build does not depend on where it ran. */
const ROOT = join(import.meta.dirname, '..');
// esbuild filters are Go regular expressions: no `u` flag.
// eslint-disable-next-line require-unicode-regexp
const NODE_BUILTIN = new RegExp(`^(node:)?(${builtinModules.join('|')})$`);
// eslint-disable-next-line require-unicode-regexp
const ANY = /.*/;
const builtinsThroughRequire: Plugin = {
  name: 'builtins-through-require',
  setup(esbuild) {
    // One shim per importing file: a shim shared by files in different chunks would be a chunk of its own,
    // one more file for a cold start to read (about 0.45 ms each); Node's require cache hands every shim the
    // same object.
    esbuild.onResolve({ filter: NODE_BUILTIN }, (args) =>
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? {
            path: `${args.path}?from=${relative(ROOT, args.importer)}`,
            namespace: 'builtin-through-require',
            pluginData: {
              builtin: args.path,
              shim: args.kind === 'dynamic-import' ? 'namespace' : onlyNamedImports(args.importer, args.path) ? 'named' : 'commonjs',
            },
          }
        : undefined,
    );
    esbuild.onLoad({ filter: ANY, namespace: 'builtin-through-require' }, (args) => {
      const { builtin, shim } = args.pluginData as { builtin: string; shim: 'named' | 'namespace' | 'commonjs' };
      return {
        contents:
          shim === 'commonjs' ? `module.exports = require(${JSON.stringify(builtin)});` : namedExportsShim(builtin, shim === 'namespace'),
        loader: 'js',
      };
    });
  },
};

/**
 * Whether one of our modules imports a built-in by name only (`import { join } from 'node:path'`), never as a
 * namespace or a default: then it gets {@link namedExportsShim}. The dependencies' imports (the AWS SDK's, the
 * same as in the bench's reference bundle) keep the CommonJS shim.
 */
function onlyNamedImports(importer: string, builtin: string): boolean {
  if (!importer.startsWith(join(ROOT, 'src') + '/')) return false;
  const source = readFileSync(importer, 'utf8');
  const from = `from\\s+['"]${builtin.replace(/[/]/gu, '\\/')}['"]`;
  return !new RegExp(`import\\s+(?!type\\s)(?:\\*|[\\w$]+)[^;]*?${from}`, 'u').test(source);
}

// eslint-disable-next-line require-unicode-regexp
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(['default', 'delete', 'import', 'export', 'new', 'class', 'function', 'var', 'let', 'const', 'in', 'with']);

/**
 * A CommonJS shim costs each module that imports it esbuild's `__toESM`: a getter defined for every export of
 * the built-in (node:crypto's 70, node:fs's 100), at every cold start, for each importing module. This one is an
 * ES module exporting each export of the built-in (its data properties; a getter such as node:http's
 * `WebSocket` is left out, and importing it fails the build) read when the shim runs; esbuild keeps only the
 * exports the module uses. What is imported on demand (`await import('node:os')`) gets it with the whole module as
 * its default too, as Node's own namespace has: in a bundle split in chunks, esbuild hands a CommonJS module
 * imported on demand over as its default alone (evanw/esbuild#3245), so that `(await import('os')).hostname`,
 * which the MongoDB driver reads, was undefined.
 */
function namedExportsShim(builtin: string, withDefault: boolean): string {
  const exports = process.getBuiltinModule(builtin) as Record<string, unknown>;
  const names = Object.keys(exports).filter(
    (name) => IDENTIFIER.test(name) && !RESERVED.has(name) && 'value' in Object.getOwnPropertyDescriptor(exports, name)!,
  );
  return [
    `const builtinModule = require(${JSON.stringify(builtin)});`,
    'const exported = (name) => builtinModule[name];',
    ...names.map((name) => `export const ${name} = /* @__PURE__ */ exported(${JSON.stringify(name)});`),
    ...(withDefault ? ['export default builtinModule;'] : []),
  ].join('\n');
}

/**
 * Commander imports `node:child_process` (its default export) when it loads, for the executable subcommands
 * this CLI never has; loading it (with `net`, `dgram` and Node's streams) is a good part of what `--help`
 * takes. Commander gets an object that loads it only when a property is read.
 */
// eslint-disable-next-line require-unicode-regexp
const CHILD_PROCESS = /^(node:)?child_process$/;
const childProcessOnDemandForCommander: Plugin = {
  name: 'child-process-on-demand-for-commander',
  setup(esbuild) {
    esbuild.onResolve({ filter: CHILD_PROCESS }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: args.path, namespace: 'child-process-on-demand' } : undefined,
    );
    esbuild.onLoad({ filter: ANY, namespace: 'child-process-on-demand' }, () => ({
      contents:
        "let loaded; const load = () => (loaded ??= require('node:child_process'));" +
        'module.exports = new Proxy({}, { get: (_, key) => load()[key] });',
      loader: 'js',
    }));
  },
};

/**
 * The AWS SDK's browser user agent imports bowser (34 KB) on demand to parse `navigator.userAgent`; in Node
 * the SDK builds its user agent from `process` (util-user-agent-node), so that import never runs. It
 * resolves to a module that fails with the reason, and the deployables are shipped without bowser.
 */
// eslint-disable-next-line require-unicode-regexp
const BROWSER_USER_AGENT_PARSER = /^bowser$/;
const noBrowserUserAgentParser: Plugin = {
  name: 'no-browser-user-agent-parser',
  setup(esbuild) {
    esbuild.onResolve({ filter: BROWSER_USER_AGENT_PARSER }, (args) =>
      args.kind === 'dynamic-import' ? { path: 'bowser', namespace: 'no-browser-user-agent-parser' } : undefined,
    );
    esbuild.onLoad({ filter: ANY, namespace: 'no-browser-user-agent-parser' }, () => ({
      contents: "throw new Error('bowser parses a browser user agent; the Node builds leave it out (scripts/build.ts)');",
      loader: 'js',
    }));
  },
};

/**
 * The provider catalog imports each adapter on demand, so every deployable that reads the configuration
 * would carry them all as chunks. In a function that never sends they are never read: there the imports
 * resolve to a module that fails with the reason, and the function is deployed without them. The same for
 * the providers' settings' schemas, which loadConfig imports only for a process that sends.
 */
// eslint-disable-next-line require-unicode-regexp
const PROVIDER_ADAPTER = /\.provider\.ts$|\/provider-settings\.ts$/;
const noProviderAdapters: Plugin = {
  name: 'no-provider-adapters',
  setup(esbuild) {
    esbuild.onResolve({ filter: PROVIDER_ADAPTER }, (args) =>
      args.kind === 'dynamic-import' &&
      (args.importer.endsWith('/composition/providers/provider-runtime.ts') || args.importer.endsWith('/composition/load-config.ts'))
        ? { path: 'provider-adapters', namespace: 'no-provider-adapters' }
        : undefined,
    );
    // One module for all of them: one small chunk.
    esbuild.onLoad({ filter: ANY, namespace: 'no-provider-adapters' }, () => ({
      contents: "throw new Error('this function was built without the providers: add it to SENDING_LAMBDAS in scripts/build.ts');",
      loader: 'js',
    }));
  },
};

/**
 * esbuild puts the modules reached by the same set of entry points (the entry and each `import()`, ours and
 * the AWS SDK's) in one chunk, and knows nothing of which are read together: a function's start read a dozen
 * to sixteen files (the small modules of ours it shares with its adapter families, and the SQS client cut in
 * six or seven pieces by the SDK's own credential sources imported on demand). Each file read at start costs
 * about 0.45 ms of CPU whatever its size (resolving, reading, compiling and linking one more ES module; ten
 * small files against one: bench/notes/lean-cli-and-light-lambdas.md, tenth pass). A first build finds what a
 * start reads (the chunks the entry and the function's start families import statically); the real build
 * then has every entry point written as an ES module (the entry, ours and the SDK's imported on demand)
 * import the entry, the start families and our small modules among those chunks (`lambda-shared-start`), so
 * that all of it, with the SDK code it imports, is reached by the same entry points and lands in one chunk;
 * the entry's file re-exports the handler from it. Nothing more is read at start than before, and code imported
 * on demand later finds that chunk already loaded.
 */
const SHARED_START = 'lambda-shared-start';
// esbuild filters are Go regular expressions: no `u` flag.
// eslint-disable-next-line require-unicode-regexp
const SHARED_START_IMPORT = /^lambda-shared-start$/;
// eslint-disable-next-line require-unicode-regexp
const TYPESCRIPT = /\.ts$/;
// eslint-disable-next-line require-unicode-regexp
const SOURCE = /\.(ts|js|mjs)$/;
function oneSharedChunk(shared: readonly string[], importers: ReadonlySet<string>): Plugin {
  return {
    name: 'one-shared-chunk',
    setup(esbuild) {
      esbuild.onResolve({ filter: SHARED_START_IMPORT }, () => ({ path: SHARED_START, namespace: SHARED_START }));
      esbuild.onLoad({ filter: ANY, namespace: SHARED_START }, () => ({
        contents: shared.map((path) => `import ${JSON.stringify(resolve(ROOT, path))};`).join('\n'),
        loader: 'js',
        resolveDir: ROOT,
      }));
      esbuild.onLoad({ filter: SOURCE }, async (args) =>
        importers.has(args.path)
          ? {
              contents: `import '${SHARED_START}';\n${await readFile(args.path, 'utf8')}`,
              loader: TYPESCRIPT.test(args.path) ? 'ts' : 'js',
            }
          : undefined,
      );
    },
  };
}

/** Below this, a chunk costs more to read as a file of its own than to compile at every start (about 20 ms a MB). */
const SMALL_CHUNK_BYTES = 2_048;

/**
 * The entry, the start families, our modules in the chunks they import statically and in the small chunks of
 * ours the modules imported on demand share (the group commit of the SQLite families, the HTTP support of the
 * providers'); and every entry point written as an ES module, which will import them (not the MongoDB driver,
 * CommonJS: it shares nothing with a start). From a first build.
 */
function sharedStartOf(metafile: Metafile, entry: string, startFamilies: readonly string[]): { shared: string[]; importers: Set<string> } {
  // The metafile's paths are relative to where the build runs (the project's root); the bundle's may be absolute.
  const at = (path: string) => resolve(ROOT, path);
  const entryOutput = Object.entries(metafile.outputs).find(
    ([, output]) => output.entryPoint !== undefined && at(output.entryPoint) === at(entry),
  )!;
  const familyOutputs = Object.entries(metafile.outputs)
    .filter(([, output]) => output.entryPoint !== undefined && startFamilies.some((family) => at(family) === at(output.entryPoint!)))
    .map(([path]) => path);
  const ours = (input: string) => input.startsWith('src/');
  const staticImports = (path: string) =>
    metafile.outputs[path]!.imports.filter((imported) => imported.kind === 'import-statement').map((imported) => imported.path);
  const atStart = new Set([entryOutput[0], ...familyOutputs].flatMap(staticImports));
  for (const path of atStart) for (const imported of staticImports(path)) atStart.add(imported);
  // A small chunk of ours that needs nothing but what the start reads and other such chunks (never zod's
  // chunk, say): the HTTP support the providers' adapters share needs the redaction's own small chunk.
  const small = ([path, output]: [string, Metafile['outputs'][string]]) => {
    const inputs = Object.keys(output.inputs);
    return (
      path.endsWith('.mjs') &&
      output.entryPoint === undefined &&
      output.bytes <= SMALL_CHUNK_BYTES &&
      inputs.length > 0 &&
      inputs.every((input) => ours(input) || input.startsWith('builtin-'))
    );
  };
  const merged = new Set(atStart);
  for (let grown = true; grown;) {
    grown = false;
    for (const [path, output] of Object.entries(metafile.outputs))
      if (!merged.has(path) && small([path, output]) && staticImports(path).every((imported) => merged.has(imported))) {
        merged.add(path);
        grown = true;
      }
  }
  // A plugin's virtual module (a built-in's shim) is named `namespace:path`; a file is not.
  const sourceFile = (input: string) => !input.includes(':');
  const shared = [
    ...Object.entries(metafile.outputs)
      .filter(([path, output]) => path.endsWith('.mjs') && output.entryPoint === undefined && merged.has(path))
      .flatMap(([, output]) => Object.keys(output.inputs).filter(ours)),
    entry,
    ...startFamilies,
  ];
  const importers = new Set(
    Object.values(metafile.outputs)
      .map((output) => output.entryPoint)
      .filter((input): input is string => input !== undefined && sourceFile(input) && metafile.inputs[input]?.format === 'esm')
      .map(at),
  );
  return { shared, importers };
}

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: 'linked',
  legalComments: 'external',
  metafile: true,
  banner: { js: REQUIRE_SHIM },
  external: OPTIONAL_PEERS,
  mainFields: ['module', 'main'],
  // Before builtinsThroughRequire, which would otherwise claim commander's import.
  plugins: [
    awsSdkSchemasTreeShaken,
    treeShakeHtmlParserExtras,
    childProcessOnDemandForCommander,
    noBrowserUserAgentParser,
    builtinsThroughRequire,
  ],
  alias: { 'whatwg-url': './scripts/shims/whatwg-url.js' },
  logLevel: 'warning',
};

/** Builds one bundle with the deployables' settings; the bench builds its reference bundle with it too. */
export async function buildOne(bundle: Bundle): Promise<void> {
  const output: BuildOptions = bundle.split
    ? {
        splitting: true,
        outdir: dirname(bundle.outfile),
        entryNames: basename(bundle.outfile, '.mjs'),
        chunkNames: `${CHUNKS}/[name]-[hash]`,
        outExtension: { '.js': '.mjs' },
      }
    : { outfile: bundle.outfile };
  // Chunk names carry a hash: those of an earlier build would otherwise stay and be deployed.
  if (bundle.split) await rm(join(dirname(bundle.outfile), CHUNKS), { recursive: true, force: true });
  let plugins = bundle.withoutProviders === true ? [noProviderAdapters, ...(common.plugins ?? [])] : (common.plugins ?? []);
  if (bundle.oneSharedChunk === true) {
    const first = await build({
      ...common,
      ...output,
      plugins,
      entryPoints: [bundle.entry],
      minify: bundle.minify,
      write: false,
      supported: { 'top-level-await': false },
      logLevel: 'silent',
    }).catch((error: unknown) => {
      // What the start reads is one chunk that the code it imports on demand imports back: a module there that
      // awaited such an import at its top level would wait for itself, and the start would never end.
      throw String(error).includes('Top-level await')
        ? new Error(`${bundle.entry}: no module of a bundle with one shared chunk may await at its top level (scripts/build.ts)`, {
            cause: error,
          })
        : error;
    });
    const { shared, importers } = sharedStartOf(first.metafile!, bundle.entry, bundle.startFamilies ?? []);
    if (shared.length > 0) plugins = [oneSharedChunk(shared, importers), ...plugins];
  }
  const result = await build({ ...common, ...output, plugins, entryPoints: [bundle.entry], minify: bundle.minify });
  await mkdir(dirname(bundle.outfile), { recursive: true });
  await writeFile(bundle.outfile.replace(/\.mjs$/u, '.meta.json'), JSON.stringify(result.metafile));
  // The server serves the images the project ships (report pages' default header, footer, preview card).
  if (bundle.entry === 'src/entrypoints/server/main.ts')
    await cp(join(import.meta.dirname, '..', 'assets'), join(dirname(bundle.outfile), 'assets'), { recursive: true });
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } } });
  const requested = values.target ?? Object.keys(TARGETS);
  const unknown = requested.filter((target) => !(target in TARGETS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown target ${unknown.join(', ')}; expected one of ${Object.keys(TARGETS).join(', ')}\n`);
    process.exit(2);
  }
  await Promise.all(requested.flatMap((target) => TARGETS[target as keyof typeof TARGETS].map(buildOne)));
}
