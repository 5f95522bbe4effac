import { describe, expect, it } from 'vitest';
import { WorkerThreadsReportRenderer } from '../../src/adapters/worker-threads/worker-threads.report-renderer.adapter.ts';
import { renderWorkerUrl } from '../../src/entrypoints/render-worker/location.ts';
import { boundedReportRendererContract, deepReport } from './bounded-report-renderer.contract.ts';

const OPTIONS = { title: 'Informe', url: 'https://media.example/informes/a.html', headerImageUrl: null, footerImageUrl: null };

function renderer(
  limits: { timeoutMs?: number; memoryMb?: number; maxBytes?: number; maxDepth?: number; remainingBudgetMs?: () => number } = {},
) {
  return new WorkerThreadsReportRenderer({
    ...(limits.remainingBudgetMs === undefined ? {} : { remainingBudgetMs: limits.remainingBudgetMs }),
    workerUrl: renderWorkerUrl(),
    threads: 1,
    timeoutMs: limits.timeoutMs ?? 20_000,
    memoryMb: limits.memoryMb ?? 256,
    limits: { maxBytes: limits.maxBytes ?? 50_000_000, maxDepth: limits.maxDepth ?? 512 },
  });
}

/** A report of `rows` table rows: flat, and as heavy to parse as one likes. */
const wideReport = (rows: number) =>
  `<html><body><div class="notasDirectas"><table>${'<tr><td><a href="https://a.example/x">Noticia de prueba número uno</a> texto <b>negrita</b></td></tr>'.repeat(rows)}</table></div></body></html>`;

boundedReportRendererContract('worker threads', {
  async create(limits) {
    const pool = renderer(limits);
    return { renderer: pool, close: () => pool.close() };
  },
});

describe('WorkerThreadsReportRenderer', () => {
  it('refuses a page that takes longer than the time limit', async () => {
    const pool = renderer({ timeoutMs: 100 });
    try {
      expect(await pool.offlineReportPage(wideReport(40_000), OPTIONS)).toEqual({
        ok: false,
        error: { kind: 'render_refused', reason: 'rendering took longer than 100 ms (RENDER_TIMEOUT_MS)' },
      });
    } finally {
      await pool.close();
    }
  });

  it('refuses a page that needs more heap than the limit without harming the process, and renders the next one', async () => {
    const pool = renderer({ memoryMb: 32, timeoutMs: 120_000 });
    try {
      expect(await pool.offlineReportPage(wideReport(40_000), OPTIONS)).toEqual({
        ok: false,
        error: { kind: 'render_refused', reason: 'rendering needed more than 32 MB (RENDER_MEMORY_MB)' },
      });
      expect((await pool.offlineReportPage(deepReport(10), OPTIONS)).ok).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('never renders past the caller\u2019s budget (a Lambda invocation), and says the page may pass later', async () => {
    const deadline = Date.now() + 6_500;
    const pool = renderer({ remainingBudgetMs: () => deadline - Date.now() });
    try {
      const outlasting = await pool.offlineReportPage(wideReport(40_000), OPTIONS);
      expect(outlasting).toEqual({
        ok: false,
        error: { kind: 'render_refused', reason: expect.stringMatching(/^rendering would outlast this invocation/u), retryable: true },
      });
      expect(Date.now()).toBeLessThan(deadline);
    } finally {
      await pool.close();
    }
    const spent = renderer({ remainingBudgetMs: () => 3_000 });
    expect(await spent.offlineReportPage(deepReport(1), OPTIONS)).toEqual({
      ok: false,
      error: { kind: 'render_refused', reason: 'no time left to render in this invocation (3000 ms)', retryable: true },
    });
    await spent.close();
  });

  it('throws, as an outage, when its worker cannot start: no page is refused for it', async () => {
    const pool = new WorkerThreadsReportRenderer({
      workerUrl: new URL('./no-such-render-worker.mjs', import.meta.url),
      threads: 1,
      timeoutMs: 20_000,
      memoryMb: 256,
      limits: { maxBytes: 1_000_000, maxDepth: 512 },
    });
    try {
      await expect(pool.offlineReportPage(deepReport(1), OPTIONS)).rejects.toThrow(/the render worker .* could not start/u);
    } finally {
      await pool.close();
    }
  });

  it('works tasks one after another when they outnumber the threads', async () => {
    const pool = renderer();
    try {
      const pages = await Promise.all(Array.from({ length: 5 }, (_, index) => pool.offlineReportPage(deepReport(index), OPTIONS)));
      expect(pages.every((page) => page.ok)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
