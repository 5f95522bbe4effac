import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildOne } from '../../../scripts/build.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();

/**
 * A function in miniature: the entry imports `shared.ts`; its start imports `family.ts` on demand (as
 * families.ts imports the queues), which imports `shared.ts` and `dependency.ts`; `later.ts`, imported on
 * demand after the start, imports `dependency.ts` too.
 */
function miniature(dir: string, entrySource: string): void {
  writeFileSync(join(dir, 'shared.ts'), "export const shared = 'shared';\n");
  writeFileSync(join(dir, 'dependency.ts'), "export const dependency = 'dependency';\n");
  writeFileSync(
    join(dir, 'family.ts'),
    "import { shared } from './shared.ts';\nimport { dependency } from './dependency.ts';\nexport const family = `${shared} ${dependency}`;\n",
  );
  writeFileSync(join(dir, 'later.ts'), "import { dependency } from './dependency.ts';\nexport const later = `later ${dependency}`;\n");
  writeFileSync(join(dir, 'handler.ts'), entrySource);
}

const HANDLER = `import { shared } from './shared.ts';
export const handler = async () => [shared, (await import('./family.ts')).family, (await import('./later.ts')).later];
`;

/** The files a start reads: the entry, the start family, and what they import statically. */
function readAtStart(outdir: string): string[] {
  const { outputs } = JSON.parse(readFileSync(join(outdir, 'index.meta.json'), 'utf8')) as Metafile;
  const read = new Set(
    Object.entries(outputs)
      .filter(([, output]) => output.entryPoint?.endsWith('handler.ts') === true || output.entryPoint?.endsWith('family.ts') === true)
      .map(([path]) => path),
  );
  for (const path of read) for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement') read.add(imported.path);
  return [...read];
}

describe('a bundle whose start is one chunk (scripts/build.ts, oneSharedChunk)', () => {
  it('reads at start the entry, one chunk of all it shares with code imported on demand, and the start family, and still runs', async () => {
    const dir = tempDir();
    miniature(dir, HANDLER);
    const apart = join(dir, 'apart');
    const together = join(dir, 'together');
    await buildOne({ entry: join(dir, 'handler.ts'), outfile: join(apart, 'index.mjs'), minify: false, split: true });
    await buildOne({
      entry: join(dir, 'handler.ts'),
      outfile: join(together, 'index.mjs'),
      minify: false,
      split: true,
      oneSharedChunk: true,
      startFamilies: [join(dir, 'family.ts')],
    });
    // Apart: `shared.ts` (entry and family) and `dependency.ts` (family and later) are chunks of their own.
    expect(readAtStart(apart)).toHaveLength(4);
    expect(readAtStart(together)).toHaveLength(3);
    for (const outdir of [apart, together]) {
      const { handler } = (await import(pathToFileURL(join(outdir, 'index.mjs')).href)) as { handler: () => Promise<string[]> };
      expect(await handler()).toEqual(['shared', 'shared dependency', 'later dependency']);
    }
  });

  it('refuses a module that awaits at its top level, naming the entry: it would wait for the chunk it is in, and the start never end', async () => {
    const dir = tempDir();
    miniature(dir, `const { family } = await import('./family.ts');\n${HANDLER}export const started = family;\n`);
    await expect(
      buildOne({
        entry: join(dir, 'handler.ts'),
        outfile: join(dir, 'out', 'index.mjs'),
        minify: false,
        split: true,
        oneSharedChunk: true,
      }),
    ).rejects.toThrow(/handler\.ts: no module of a bundle with one shared chunk may await at its top level/u);
  });
});
