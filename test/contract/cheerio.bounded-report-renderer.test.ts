import { describe, expect, it } from 'vitest';
import { CheerioBoundedReportRenderer } from '../../src/adapters/cheerio/cheerio.bounded-report-renderer.adapter.ts';
import { boundedReportRendererContract } from './bounded-report-renderer.contract.ts';

const OPTIONS = { title: 'Informe del día', url: 'https://media.example/informes/a.html', headerImageUrl: null, footerImageUrl: null };

boundedReportRendererContract('cheerio (in the calling thread)', {
  async create(limits) {
    return { renderer: new CheerioBoundedReportRenderer(limits), close: async () => undefined };
  },
});

describe('CheerioBoundedReportRenderer: the tree htmlparser2 builds', () => {
  it('refuses, with the depth limit as the reason, rows opened inside a cell\u2019s block, which htmlparser2 nests where browsers close them', async () => {
    const renderer = new CheerioBoundedReportRenderer({ maxBytes: 1_000_000, maxDepth: 512 });
    const nested = `<html><body><div class="notasDirectas"><table>${'<tr><td><div>celda'.repeat(2_000)}</table></div></body></html>`;
    const refused = { ok: false, error: { kind: 'render_refused', reason: expect.stringMatching(/more than 512 levels deep \(HTML_MAX_DEPTH\)/u) } };
    expect(await renderer.offlineReportPage(nested, OPTIONS)).toEqual(refused);
    expect(await renderer.readNewsletter(nested)).toEqual(refused);
    expect(await renderer.isGeneratedPage(nested)).toBe(false);
  });
});
