import { pageHead } from '../html/page-head.ts';
import { escapeHtml } from '../shared/text.ts';

const CSS = `
body{margin:0;background:#f4f5f7;color:#1f2933;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5}
main{max-width:800px;margin:0 auto;padding:16px;background:#fff}
h1{font-size:1.4em;margin:0.5em 0}
`.trim();

/**
 * What stands at a report's public key when its source could not be made into CVT's page: the source,
 * as it came, must never be served (its scripts would run from CVT's domain). Nothing of the source is
 * in it; the source itself is kept under the private source key.
 */
export function unavailableReportPage(title: string, url: string): string {
  const description = 'Este informe no está disponible en línea.';
  return [
    '<!DOCTYPE html>',
    '<html lang="es">',
    `<head>\n${pageHead({ title, description, url, imageUrl: null }, CSS)}\n</head>`,
    '<body>',
    `<main>\n<h1>${escapeHtml(title)}</h1>\n<p>${description} Solicítelo a Controles.</p>\n</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}
