import { fc } from '@fast-check/vitest';

/**
 * A Meltwater newsletter distribution page as public code has seen it (see
 * docs/contracts/meltwater.md §2): XSLT output with an uppercase META charset and no viewport,
 * a fixed 800 px layout table, headlines behind tracking redirects, a per-distribution open pixel,
 * a footer image and the unsubscribe paragraph. Only the news items are meant to be stable between
 * two renderings of the same newsletter: every token, id and timestamp derives from `token`/`sentAt`.
 */

export interface NewsletterItem {
  readonly headline: string;
  /** The real article, as the reader should reach it. */
  readonly url: string;
  readonly source: string;
  readonly date: string;
}

export interface MeltwaterNewsletterOptions {
  readonly title: string;
  readonly items: readonly NewsletterItem[];
  /** Changes every tracking token, the open pixel and the unsubscribe id. */
  readonly token: string;
  readonly sentAt: Date;
  readonly companyId?: string;
}

export const CVT_COMPANY_ID = '552e72ccbd555c1e62082adc';

export function meltwaterNewsletterHtml(options: MeltwaterNewsletterOptions): string {
  const companyId = options.companyId ?? CVT_COMPANY_ID;
  const rows = options.items.map((item, index) => itemRow(item, index, options.token)).join('\n');
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<META http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${escapeText(options.title)}</title>
<style type="text/css">
body { font-family: Arial, Helvetica, sans-serif; }
.mw-headline a { color: #1F5E96; }
</style>
</head>
<body style="background-color: #F6F6F8; margin-top: 0px; margin-left: 0px; padding-left: 0px; padding-top: 0px;">
<table width="100%" border="0" cellpadding="0" cellspacing="0" style="background-color: #F6F6F8; margin-top: 0px; margin-left: 0px; padding-left: 0px; padding-top: 0px;">
<tr><td align="center">
<table width="800" border="0" cellpadding="0" cellspacing="0" style="background-color: #FFFFFF; width: 800px;">
<tr><td style="padding: 20px;"><a href="https://www.meltwater.com/" target="_blank"><img src="https://support.assets.meltwater.io/newsletters/${escapeAttribute(companyId)}/logo.png" alt="Meltwater" width="180" height="40" border="0"></a></td></tr>
<tr><td style="padding: 0 20px; font-size: 24px; font-weight: bold; color: #333333;">${escapeText(options.title)}</td></tr>
<tr><td style="padding: 0 20px 10px 20px; font-size: 12px; color: #808080;">Sent on ${escapeText(sentOn(options.sentAt))}</td></tr>
<tr><td style="padding: 10px 20px;">
<table width="760" border="0" cellpadding="6" cellspacing="0" class="mw-items">
<tr><th align="left" style="font-size: 12px; color: #808080;">Headline</th><th align="left" style="font-size: 12px; color: #808080;">Source</th><th align="left" style="font-size: 12px; color: #808080;">Date</th></tr>
${rows}
</table>
</td></tr>
<tr><td align="center" style="padding-top: 20px;"><img alt="Footer" border="0" src="https://support.assets.meltwater.io/newsletters/${escapeAttribute(companyId)}/footer.png"></td></tr>
<tr><td>
<p style="color:#808080;text-align:center;font-size:12px">To unsubscribe from this newsletter <a style="color:#808080" href="https://app.meltwater.com/newsletters-unsubscribe/${escapeAttribute(options.token)}?companyId=${escapeAttribute(companyId)}">Click Here</a></p>
</td></tr>
</table>
</td></tr>
</table>
<img src="https://t.notifications.meltwater.com/open?d=${escapeAttribute(options.token)}" width="1" height="1" alt="" style="display:none">
</body>
</html>
`;
}

function itemRow(item: NewsletterItem, index: number, token: string): string {
  const cell = 'border-bottom: 1px solid #E5E5E5; vertical-align: top;';
  return `<tr>
<td width="460" class="mw-headline" style="${cell} font-size: 14px;"><a href="${escapeAttribute(trackedUrl(item.url, index, token))}" style="color: #1F5E96; text-decoration: none; font-weight: bold;" target="_blank">${escapeText(item.headline)}</a></td>
<td width="180" style="${cell} font-size: 12px; color: #808080;">${escapeText(item.source)}</td>
<td width="120" style="${cell} font-size: 12px; color: #808080;">${escapeText(item.date)}</td>
</tr>`;
}

/** Every third item goes through the app's transition page, the others through the e-mail tracker. */
export function trackedUrl(url: string, index: number, token: string): string {
  const itemToken = `${token}${index.toString(16)}`;
  return index % 3 === 2
    ? `https://app.meltwater.com/mwTransition?url=${encodeURIComponent(url)}&uid=${itemToken}`
    : `https://t.notifications.meltwater.com/v2/x?m=newsletter&u=${encodeURIComponent(encodeURIComponent(url))}&t=${itemToken}`;
}

function sentOn(date: Date): string {
  // Costa Rica is UTC−6 all year; formatted by hand so that the output never depends on the host's locale.
  const local = new Date(date.getTime() - 6 * 3_600_000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const hours = local.getUTCHours();
  const minutes = String(local.getUTCMinutes()).padStart(2, '0');
  return `${months[local.getUTCMonth()]} ${local.getUTCDate()}, ${local.getUTCFullYear()} ${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'} CST`;
}

export function escapeText(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/gu, '&quot;');
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const WORDS = [
  'Gobierno',
  'anuncia',
  'nuevo',
  'plan',
  'fiscal',
  'para',
  'el',
  'año',
  'próximo',
  'Asamblea',
  'aprueba',
  'reforma',
  'educativa',
  'CCSS',
  'reporta',
  'déficit',
  'millones',
  'colones',
  'exportaciones',
  'café',
  'crecen',
  'Banco',
  'Central',
  'mantiene',
  'tasa',
  'política',
  'monetaria',
  'turismo',
  'récord',
  'Guanacaste',
  'ICE',
  'tarifas',
  'eléctricas',
  'bajan',
  'ñandú',
  'niños',
  '«histórico»',
  '"acuerdo"',
  'R&D',
  '<urgente>',
  "O'Neill",
  'Ruta 32',
  'cierre',
  'parcial',
  'lluvias',
  'alerta',
  'amarilla',
  'Limón',
  '2024',
  '15%',
];
const HOSTS = [
  'www.nacion.com',
  'www.crhoy.com',
  'www.elfinancierocr.com',
  'www.teletica.com',
  'www.larepublica.net',
  'www.elobservador.cr',
  'delfino.cr',
  'www.ameliarueda.com',
  'www.monumental.co.cr',
  'www.crc891.com',
];
export const SOURCES = [
  'La Nación',
  'CRHoy.com',
  'El Financiero',
  'Teletica Canal 7',
  'La República',
  'El Observador',
  'Delfino.cr',
  'AmeliaRueda.com',
  'Monumental 93.5',
  'CRC 89.1',
  'Diario Extra',
  'Semanario Universidad',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const headlineArbitrary: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 12 })
  .map((words) => words.join(' '))
  .filter((headline) => headline.length >= 20);

const slugArbitrary = fc.stringMatching(/^[a-z0-9]{3,12}(-[a-z0-9]{2,10}){1,5}$/u);

/** Article URLs in the form their sites publish them, so that their canonical form is themselves. */
export const articleUrlArbitrary: fc.Arbitrary<string> = fc
  .record({
    host: fc.constantFrom(...HOSTS),
    section: fc.constantFrom('el-pais', 'economia', 'nacionales', 'sucesos', 'deportes', 'opinion'),
    slug: slugArbitrary,
    id: fc.option(fc.integer({ min: 1, max: 9_999_999 }), { nil: undefined }),
  })
  .map(({ host, section, slug, id }) => `https://${host}/${section}/${slug}/${id === undefined ? '' : `?id=${id}`}`);

export const dateArbitrary: fc.Arbitrary<string> = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 2020, max: 2030 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    style: fc.constantFrom('english', 'numeric', 'iso'),
  })
  .map(({ day, month, year, hour, minute, style }) => {
    const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    if (style === 'english') return `${MONTHS[month - 1]} ${day}, ${year}`;
    if (style === 'numeric') return `${day}/${month}/${year} ${time}`;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${time}`;
  });

export const newsItemArbitrary: fc.Arbitrary<NewsletterItem> = fc.record({
  headline: headlineArbitrary,
  url: articleUrlArbitrary,
  source: fc.constantFrom(...SOURCES),
  date: dateArbitrary,
});

/** News items as a newsletter holds them: no two share a headline or an article. */
export const newsItemsArbitrary = (constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<NewsletterItem[]> =>
  fc
    .uniqueArray(newsItemArbitrary, {
      minLength: constraints.minLength ?? 1,
      maxLength: constraints.maxLength ?? 12,
      selector: (item) => item.url,
    })
    .filter((items) => new Set(items.map((item) => item.headline.toLowerCase())).size === items.length);

export const tokenArbitrary: fc.Arbitrary<string> = fc.stringMatching(/^[a-f0-9]{24}$/u);

export const sentAtArbitrary: fc.Arbitrary<Date> = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2030-12-31T23:59:59Z'),
  noInvalidDate: true,
});
