import { CheerioBoundedReportRenderer } from '../../src/adapters/cheerio/cheerio.bounded-report-renderer.adapter.ts';
import { boundedReportRendererContract } from './bounded-report-renderer.contract.ts';

boundedReportRendererContract('cheerio (in the calling thread)', {
  async create(limits) {
    return { renderer: new CheerioBoundedReportRenderer(limits), close: async () => undefined };
  },
});
