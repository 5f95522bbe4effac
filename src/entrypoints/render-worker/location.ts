/**
 * Where the render worker's module is: beside the bundle that runs this code (scripts/build.ts writes
 * `render-worker.mjs` next to every bundle that renders), or its source when run from `src` (tests). In a
 * bundle split in chunks (the CLI's), this code may sit in `chunks/`, one folder below the bundle.
 */
export function renderWorkerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./main.ts', import.meta.url);
  return new URL(import.meta.url.includes('/chunks/') ? '../render-worker.mjs' : './render-worker.mjs', import.meta.url);
}
