import { isSafeUrl } from '../html/html-policy.ts';
import { pageHead } from '../html/page-head.ts';
import { escapeHtml } from '../shared/text.ts';

/** The news sections of a CVT offline report, in the order clients read them. */
export const OFFLINE_REPORT_SECTIONS = [
  { className: 'notasDirectas', heading: 'Notas Directas' },
  { className: 'notasContexto', heading: 'Notas de Contexto' },
  { className: 'notasCompetencia', heading: 'Notas Competencia' },
] as const;

export interface ReportSection {
  /** Null when the report had none of the known sections and its whole body is shown instead. */
  readonly heading: string | null;
  /** Already sanitised HTML. */
  readonly html: string;
}

export interface OfflineReportPage {
  readonly title: string;
  /** The source's line naming the day the report covers and its client, shown under the title. */
  readonly dateLine?: string | null;
  readonly url: string;
  readonly sections: readonly ReportSection[];
  readonly headerImageUrl: string | null;
  readonly footerImageUrl: string | null;
  /** The link preview's image; the header image when absent. */
  readonly previewImageUrl?: string | null;
}

/** The class the HTML adapter gives each news item's block, so that items stand apart. */
export const NEWS_ITEM_CLASS = 'cvt-item';

/** Shown instead of the header image when none is set: the page still says what it is. */
const TEXT_MASTHEAD = 'Monitoreo de medios';

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2933;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;-webkit-text-size-adjust:100%}
.cvt-page{max-width:800px;margin:0 auto;background:#fff}
.cvt-banner img{display:block;max-width:100%;height:auto;margin:0 auto}
.cvt-masthead{padding:14px 16px;background:#0b3d91;color:#fff;font-size:15px;font-weight:600;letter-spacing:0.04em;text-transform:uppercase}
.cvt-content{padding:16px}
.cvt-content h1{font-size:1.4em;line-height:1.25;margin:0.5em 0 0.25em}
.cvt-dateline{margin:0 0 1em;color:#52606d;font-size:15px}
.cvt-section h2{font-size:1.15em;margin:1.2em 0 0.6em;padding-bottom:4px;border-bottom:2px solid #d0d5dd;color:#0b3d91}
.cvt-section table{width:100%!important;max-width:100%!important}
.cvt-section>div{max-width:none!important;margin-left:0!important;margin-right:0!important}
.cvt-section td,.cvt-section th{word-break:break-word}
.cvt-section img{max-width:100%!important;height:auto!important}
.cvt-section img[width="100%"]{width:auto!important}
.cvt-section a{color:#0b57d0;word-break:break-word;padding:4px 0}
.cvt-section p{margin:4px 0}
.${NEWS_ITEM_CLASS} p{margin:4px 0!important}
.${NEWS_ITEM_CLASS}{padding-top:14px!important;padding-bottom:14px!important;border-bottom:1px solid #e4e7eb}
.${NEWS_ITEM_CLASS}>:first-child{margin-top:0}
.${NEWS_ITEM_CLASS} a{font-weight:600}
.cvt-empty{color:#52606d;font-style:italic}
`.trim();

export function renderOfflineReportPage(page: OfflineReportPage): string {
  const description = `Informe de noticias de Controles: ${page.title}`;
  const sections =
    page.sections.length === 0
      ? '<p class="cvt-empty">Este informe no contiene notas.</p>'
      : page.sections
          .map((section) =>
            section.heading === null
              ? `<section class="cvt-section">${section.html}</section>`
              : `<section class="cvt-section"><h2>${escapeHtml(section.heading)}</h2>${section.html}</section>`,
          )
          .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="es">',
    `<head>\n${pageHead({ title: page.title, description, url: page.url, imageUrl: page.previewImageUrl ?? page.headerImageUrl }, CSS)}\n</head>`,
    '<body>',
    '<div class="cvt-page">',
    banner(page.headerImageUrl, 'Controles') || `<header class="cvt-masthead">${TEXT_MASTHEAD}</header>`,
    `<main class="cvt-content">\n<h1>${escapeHtml(page.title)}</h1>\n${dateLine(page.dateLine)}${sections}\n</main>`,
    banner(page.footerImageUrl, ''),
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

function dateLine(line: string | null | undefined): string {
  return line === null || line === undefined || line === '' ? '' : `<p class="cvt-dateline">${escapeHtml(line)}</p>\n`;
}

function banner(imageUrl: string | null, alt: string): string {
  // The URLs come from configuration, but the page promises no script whatever its inputs.
  if (imageUrl === null || !isSafeUrl(imageUrl, 'src')) return '';
  return `<div class="cvt-banner"><img src="${escapeHtml(imageUrl)}" alt="${escapeHtml(alt)}"></div>`;
}
