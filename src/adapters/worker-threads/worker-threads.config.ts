import * as z from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The limits every report page and newsletter is parsed within (docs/reliability.md, heavy input). */
export const renderConfigSchema = z.object({
  RENDER_THREADS: int(1, 16).default(1).describe('Worker threads that parse report pages and newsletters, off the event loop.'),
  RENDER_TIMEOUT_MS: int(100, 900_000)
    .default(20_000)
    .describe('Longest one page may take to parse and render; past it the page is refused and its message fails with the reason.'),
  RENDER_MEMORY_MB: int(32, 8_192)
    .default(256)
    .describe('Heap of each render worker (resourceLimits); a page that needs more is refused without harming the process.'),
  HTML_MAX_BYTES: int(1_024, 104_857_600)
    .default(5_242_880)
    .describe('Largest report page or newsletter parsed, in bytes; a larger one is refused with the reason.'),
  HTML_MAX_DEPTH: int(16, 100_000)
    .default(512)
    .describe('Deepest nesting of elements parsed (as browsers, 512); a page nested deeper is refused with the reason.'),
});
