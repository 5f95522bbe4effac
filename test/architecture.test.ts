import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What ARCHITECTURE.md promises of the process entries and of injection, checked on the sources. */
const SRC = resolve('src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

interface Import {
  readonly file: string;
  readonly specifier: string;
  /** The imported file relative to src/, for relative imports. */
  readonly target: string | undefined;
}

function importsOf(file: string): Import[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/gu)].map(
    (match) => {
      const specifier = (match[1] ?? match[2])!;
      const target = specifier.startsWith('.') ? relative(SRC, resolve(dirname(file), specifier)) : undefined;
      return { file: relative(SRC, file), specifier, target };
    },
  );
}

const files = sourceFiles(SRC);

// The import rules and the environment rule are checked by the rule tools (`npm run check:architecture`,
// .dependency-cruiser.cjs and eslint.config.js; test/architecture-rules.test.ts proves they catch each hole).
// What an import graph cannot show is checked here.
describe('architecture', () => {
  it('composes with its own container: no source imports reflect-metadata or inversify', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const { specifier } of importsOf(file))
        expect(specifier, relative(SRC, file)).not.toMatch(/^(reflect-metadata|inversify|@inversifyjs\/)/u);
    }
  });

  it('injects by name only: no decorator anywhere in the sources', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/^\s*@(injectable|inject)\b/mu);
  });
});
