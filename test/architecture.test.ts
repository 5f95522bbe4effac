import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The dependency rule of ARCHITECTURE.md, checked on the sources rather than trusted. */
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
const layer = (path: string) => path.split('/')[0]!;

describe('architecture', () => {
  it('keeps the domain pure: only its own files, no process, no decorators', () => {
    for (const file of files.filter((f) => relative(SRC, f).startsWith('domain/'))) {
      for (const { specifier, target } of importsOf(file))
        expect(target?.startsWith('domain/') ? 'ok' : `${relative(SRC, file)} imports ${specifier}`).toBe('ok');
      expect(readFileSync(file, 'utf8')).not.toMatch(/\bprocess\.|^\s*@\w+(\(|\s*$)/mu);
    }
  });

  it('lets the application depend on the domain only, without decorators or the environment', () => {
    for (const file of files.filter((f) => relative(SRC, f).startsWith('application/'))) {
      for (const { specifier, target } of importsOf(file)) {
        const allowed = target !== undefined && ['domain', 'application'].includes(layer(target));
        expect(allowed ? 'ok' : `${relative(SRC, file)} imports ${specifier}`).toBe('ok');
      }
      expect(readFileSync(file, 'utf8')).not.toMatch(/process\.env|^\s*@\w+(\(|\s*$)/mu);
    }
  });

  it('never lets an adapter import another adapter or an entrypoint, except the shared http-support library', () => {
    for (const file of files.filter((f) => relative(SRC, f).startsWith('adapters/'))) {
      const family = relative(SRC, file).split('/')[1];
      for (const { specifier, target } of importsOf(file)) {
        if (target === undefined) continue;
        const ok =
          layer(target) === 'domain' ||
          layer(target) === 'application' ||
          target.startsWith(`adapters/${family}/`) ||
          target.startsWith('adapters/http-support/');
        expect(ok ? 'ok' : `${relative(SRC, file)} imports ${specifier}`).toBe('ok');
      }
    }
  });

  it('keeps adapters/http-support a plain library: only the domain, node: modules and undici, no port', () => {
    const library = files.filter((f) => relative(SRC, f).startsWith('adapters/http-support/'));
    expect(library.length).toBeGreaterThan(0);
    for (const file of library) {
      for (const { specifier, target } of importsOf(file)) {
        const ok =
          target === undefined
            ? specifier.startsWith('node:') || specifier === 'undici'
            : layer(target) === 'domain' || target.startsWith('adapters/http-support/');
        expect(ok ? 'ok' : `${relative(SRC, file)} imports ${specifier}`).toBe('ok');
      }
    }
  });

  it('reads process.env in one module only', () => {
    const readers = files.filter((file) => /process\.env\b/u.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file));
    expect(readers).toEqual(['entrypoints/composition/load-config.ts']);
  });

  it('imports reflect-metadata first in every process entry', () => {
    const entries = files.filter((file) => /entrypoints\/(server|cli|worker|lambda)\/(main|.*\.handler)\.ts$/u.test(file));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(importsOf(entry)[0]?.specifier, relative(SRC, entry)).toBe('reflect-metadata');
  });

  it('injects by name only: no decorator anywhere in the sources', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/^\s*@(injectable|inject)\b/mu);
  });
});
