import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';

/**
 * Builds the deployables (PRODUCT.md §4): `npm run build -- --target server|worker|lambda` (all by
 * default). Each is one esbuild bundle holding only what its entry imports.
 */
const TARGETS = {
  server: [{ entry: 'src/entrypoints/server/main.ts', outfile: 'dist/server/main.mjs' }],
} as const satisfies Record<string, readonly { entry: string; outfile: string }[]>;
type Target = keyof typeof TARGETS;

// Bundled CommonJS dependencies still call require() on Node built-ins; ESM output needs one.
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: 'linked',
  legalComments: 'external',
  metafile: true,
  banner: { js: REQUIRE_SHIM },
  logLevel: 'warning',
};

const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } } });
const requested = (values.target ?? Object.keys(TARGETS)) as string[];
const unknown = requested.filter((target) => !(target in TARGETS));
if (unknown.length > 0) {
  process.stderr.write(`unknown target ${unknown.join(', ')}; expected one of ${Object.keys(TARGETS).join(', ')}\n`);
  process.exit(2);
}

for (const target of requested as Target[]) {
  for (const { entry, outfile } of TARGETS[target]) {
    const result = await build({ ...common, entryPoints: [entry], outfile });
    const metafile = outfile.replace(/\.mjs$/u, '.meta.json');
    await mkdir(outfile.slice(0, outfile.lastIndexOf('/')), { recursive: true });
    await writeFile(metafile, JSON.stringify(result.metafile));
  }
}
