import { describe, expect, it } from 'vitest';
import { Htmlparser2BoundedReportRenderer } from '../../src/adapters/htmlparser2/htmlparser2.bounded-report-renderer.adapter.ts';
import { boundedReportRendererContract } from './bounded-report-renderer.contract.ts';

const OPTIONS = { title: 'Informe del día', url: 'https://media.example/informes/a.html', headerImageUrl: null, footerImageUrl: null };

boundedReportRendererContract('htmlparser2 (in the calling thread)', {
  async create(limits) {
    return { renderer: new Htmlparser2BoundedReportRenderer(limits), close: async () => undefined };
  },
});

describe('Htmlparser2BoundedReportRenderer: the tree htmlparser2 builds', () => {
  it('refuses, with the depth limit as the reason, rows opened inside a cell\u2019s block, which htmlparser2 nests where browsers close them', async () => {
    const renderer = new Htmlparser2BoundedReportRenderer({ maxBytes: 1_000_000, maxDepth: 512 });
    const nested = `<html><body><div class="notasDirectas"><table>${'<tr><td><div>celda'.repeat(2_000)}</table></div></body></html>`;
    const refused = {
      ok: false,
      error: { kind: 'render_refused', reason: expect.stringMatching(/more than 512 levels deep \(HTML_MAX_DEPTH\)/u) },
    };
    expect(await renderer.offlineReportPage(nested, OPTIONS)).toEqual(refused);
    expect(await renderer.readNewsletter(nested)).toEqual(refused);
    expect(await renderer.isGeneratedPage(nested)).toBe(false);
  });
});
