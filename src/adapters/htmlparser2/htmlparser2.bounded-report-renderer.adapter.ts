import type {
  BoundedNewsletterDocument,
  BoundedReportRenderer,
  RenderRefused,
} from '../../application/ports/bounded-report-renderer.port.ts';
import type { OfflineReportPageOptions } from '../../application/ports/report-renderer.port.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { Htmlparser2ReportRenderer } from './htmlparser2.report-renderer.adapter.ts';
import { NestingTooDeepError } from './tree-builder.ts';
import { exceedsNestingDepth } from './nesting-depth.ts';

export interface HtmlLimits {
  /** Bytes of UTF-8 a page may have. */
  readonly maxBytes: number;
  /** Levels of nesting a page may have. */
  readonly maxDepth: number;
}

/**
 * The htmlparser2 renderer behind the size and nesting limits, in the calling thread: what a render worker
 * runs, and what tests use where time and memory limits do not matter. A page over a limit is refused
 * before it is parsed, or, when htmlparser2's tree would nest deeper than the limit, as it is built.
 */
export class Htmlparser2BoundedReportRenderer implements BoundedReportRenderer {
  readonly #renderer: Htmlparser2ReportRenderer;
  readonly #limits: HtmlLimits;

  constructor(limits: HtmlLimits) {
    this.#limits = limits;
    this.#renderer = new Htmlparser2ReportRenderer(limits.maxDepth);
  }

  async readNewsletter(html: string): Promise<Result<BoundedNewsletterDocument, RenderRefused>> {
    const refused = this.refusal(html);
    if (refused !== undefined) return err(refused);
    const document = this.#withinDepth(() => this.#renderer.readNewsletter(html));
    if (!document.ok) return document;
    return ok({
      title: document.value.title,
      items: document.value.items,
      structure: document.value.structure,
      page: async (preview) => ok(document.value.page(preview)),
    });
  }

  async offlineReportPage(html: string, options: OfflineReportPageOptions): Promise<Result<string, RenderRefused>> {
    const refused = this.refusal(html);
    return refused === undefined ? this.#withinDepth(() => this.#renderer.offlineReportPage(html, options)) : err(refused);
  }

  async isGeneratedPage(html: string): Promise<boolean> {
    if (this.refusal(html) !== undefined) return false;
    const generated = this.#withinDepth(() => this.#renderer.isGeneratedPage(html));
    return generated.ok && generated.value;
  }

  /** The tree htmlparser2 builds may nest deeper than the count before parsing says (see html-document.ts). */
  #withinDepth<T>(render: () => T): Result<T, RenderRefused> {
    try {
      return ok(render());
    } catch (error) {
      if (error instanceof NestingTooDeepError) return err(this.#tooDeep());
      throw error;
    }
  }

  #tooDeep(): RenderRefused {
    return { kind: 'render_refused', reason: `the page nests elements more than ${this.#limits.maxDepth} levels deep (HTML_MAX_DEPTH)` };
  }

  /** Why a page will not be parsed, if it will not. */
  refusal(html: string): RenderRefused | undefined {
    const { maxBytes, maxDepth } = this.#limits;
    // Never more than 3 bytes of UTF-8 per UTF-16 unit: most pages are judged without counting.
    if (html.length * 3 > maxBytes && Buffer.byteLength(html, 'utf8') > maxBytes) {
      return { kind: 'render_refused', reason: `the page is larger than ${maxBytes} bytes (HTML_MAX_BYTES)` };
    }
    if (exceedsNestingDepth(html, maxDepth)) return this.#tooDeep();
    return undefined;
  }
}
