/**
 * Where the render worker's module is: beside the bundle that runs this code (scripts/build.ts writes
 * `render-worker.mjs` next to every bundle that renders), or its source when run from `src` (the CLI, tests).
 */
export function renderWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./main.ts', import.meta.url) : new URL('./render-worker.mjs', import.meta.url);
}
