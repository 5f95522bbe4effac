import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * An AWS SDK client describes each of its operations and shapes in one module (`dist-es/schemas/schemas_0.js`)
 * as arrays such as `[9, n0, _PO, { [_hC]: "-", [_h]: ["PUT", …] }, () => PutObjectRequest$, …]`. The keys of
 * those objects are computed from module constants, and esbuild keeps any object with a computed key from an
 * identifier (a key may run code when converted to a string), so every schema stayed in the bundle and was
 * compiled at each cold start: 66 KB of S3's 123 KB chunk for the four operations the report storage sends
 * (bench/notes/lean-cli-and-light-lambdas.md, seventh pass).
 *
 * The constants are string literals (`const _hC = "httpChecksum";`), so writing their values into the keys
 * changes no value: an object built from `["httpChecksum"]` is the one built from `[_hC]`. esbuild then drops
 * the schemas nothing reaches. test/unit/build/aws-sdk-schemas.test.ts checks that every export of the clients
 * we bundle is deep-equal with and without this plugin.
 */
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gmu;
const COMPUTED_KEY = /\[(_\w+)\]:/gu;

/** The module's source with each computed key from a string constant written as that string. */
export function withLiteralKeys(source: string, path: string): string {
  const constants = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(STRING_CONSTANT)) constants.set(name!, literal!);
  return source.replace(COMPUTED_KEY, (_key, name: string) => {
    const literal = constants.get(name);
    // A key from something else than a string constant: the SDK's layout changed, and this plugin with it.
    if (literal === undefined)
      throw new Error(`${path}: computed key [${name}] is not a string constant; see scripts/build-plugins/aws-sdk-schemas.ts`);
    return `[${literal}]:`;
  });
}

// esbuild filters are Go regular expressions: no `u` flag.
// eslint-disable-next-line require-unicode-regexp
export const SCHEMA_MODULE = /[\\/]@aws-sdk[\\/].*[\\/]dist-es[\\/].*schemas[\\/]schemas_[0-9]+\.js$/;

export const awsSdkSchemasTreeShaken: Plugin = {
  name: 'aws-sdk-schemas-tree-shaken',
  setup(esbuild) {
    esbuild.onLoad({ filter: SCHEMA_MODULE }, async (args) => ({
      contents: withLiteralKeys(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};
