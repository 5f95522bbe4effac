import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { awsSdkSchemasTreeShaken, SCHEMA_MODULE, withLiteralKeys } from '../../../scripts/build-plugins/aws-sdk-schemas.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const require = createRequire(import.meta.url);

/** The schemas module of each AWS SDK client the deployables bundle (dist-es, as the build's mainFields pick). */
function schemaModuleOf(client: string): string {
  return join(dirname(require.resolve(`${client}/package.json`)), 'dist-es/schemas/schemas_0.js');
}

/** Every export of the module, bundled with or without the plugin, then imported. */
async function exportsOf(path: string, plugins: Plugin[]): Promise<Record<string, unknown>> {
  const outfile = join(tempDir(), 'schemas.mjs');
  await build({
    stdin: { contents: `export * from ${JSON.stringify(path)};`, resolveDir: dirname(path) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile,
    plugins,
    logLevel: 'silent',
  });
  return (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
}

/**
 * A schema as plain data: the thunks that point to other schemas (`() => PutObjectRequest$`) followed, the
 * error classes named, and a schema met again (shapes refer to themselves) written as a reference to where it
 * was first met, so that two module instances compare value by value.
 */
function plain(value: unknown, seen = new Map<object, number>()): unknown {
  if (typeof value === 'function') {
    const source = Function.prototype.toString.call(value);
    return source.startsWith('class') ? { class: (value as { name: string }).name } : plain((value as () => unknown)(), seen);
  }
  if (typeof value !== 'object' || value === null) return value;
  const first = seen.get(value);
  if (first !== undefined) return { seenAt: first };
  seen.set(value, seen.size);
  if (Array.isArray(value)) return value.map((item) => plain(item, seen));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, seen)]));
}

// That esbuild then drops the schemas of operations never sent: test/deploy/bundles.test.ts, on the deployables.
describe("the AWS SDK clients' schemas, with their keys written as literals", () => {
  it.each(['@aws-sdk/client-s3', '@aws-sdk/client-sqs'])('%s exports the same schemas, value by value', async (client) => {
    const path = schemaModuleOf(client);
    expect(SCHEMA_MODULE.test(path)).toBe(true);
    const [original, rewritten] = await Promise.all([exportsOf(path, []), exportsOf(path, [awsSdkSchemasTreeShaken])]);
    expect(Object.keys(rewritten).sort()).toEqual(Object.keys(original).sort());
    expect(Object.keys(original).length).toBeGreaterThan(50);
    for (const name of Object.keys(original)) expect(plain(rewritten[name]), name).toEqual(plain(original[name]));
  });

  it('refuses a module whose computed key is not a string constant, rather than leave a bundle heavy unnoticed', () => {
    const source = 'const _a = "a";\nconst b = compute();\nexport var X$ = [3, { [_a]: 1, [_b]: 2 }];\n';
    expect(() => withLiteralKeys(source, 'schemas_0.js')).toThrow(/computed key \[_b\] is not a string constant/u);
  });

  it('writes escaped string constants verbatim', () => {
    const source = 'const _q = "say \\"hi\\"";\nexport var X$ = { [_q]: 1 };\n';
    expect(withLiteralKeys(source, 'schemas_0.js')).toContain('{ ["say \\"hi\\""]: 1 }');
  });
});
