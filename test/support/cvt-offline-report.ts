import { fc } from '@fast-check/vitest';
import { escapeAttribute, escapeText } from './meltwater-newsletter.ts';

/**
 * A CVT offline report as its backend writes it to `informes/{idEnvio}.html`: an e-mail page whose
 * news sit in elements with the classes `notasDirectas`, `notasContexto` and `notasCompetencia`,
 * surrounded by chrome (header table, e-mail footer, a tracking script) that the WhatsApp page drops.
 */

export interface OfflineNote {
  readonly title: string;
  readonly url: string;
  readonly medium: string;
  readonly date: string;
  readonly summary: string;
}

export type SectionClass = 'notasDirectas' | 'notasContexto' | 'notasCompetencia';

export interface OfflineReportSection {
  readonly className: SectionClass;
  readonly notes: readonly OfflineNote[];
  /** Raw HTML placed inside the section after its notes (for hostile-content tests). */
  readonly extraHtml?: string;
}

export interface CvtOfflineReportOptions {
  /** In source order; the page must still show them in CVT's order. */
  readonly sections: readonly OfflineReportSection[];
  readonly client?: string;
}

/** Chrome texts that must not survive into the WhatsApp page. */
export const CHROME_TEXTS = ['Informe de monitoreo para', 'Este correo fue enviado a', 'Controles S.A. · San José, Costa Rica'];

export function cvtOfflineReportHtml(options: CvtOfflineReportOptions): string {
  const client = options.client ?? 'Cliente Demo S.A.';
  const sections = options.sections.map(renderSection).join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Informe Controles</title>
<script type="text/javascript">function registrarApertura(){ new Image().src = 'https://app.controles.co.cr/apertura?c=1'; }</script>
<style>.nota{border-bottom:1px solid #ccc;padding:8px} .medio{color:#666}</style>
</head>
<body onload="registrarApertura()" style="margin:0;background:#eeeeee">
<table class="encabezado" width="700" align="center" cellpadding="0" cellspacing="0" style="width:700px">
<tr><td><img src="https://media.controles.co.cr/correo/logo-controles.png" width="700" height="120" alt="Controles"></td></tr>
<tr><td style="font-size:18px">Informe de monitoreo para ${escapeText(client)}</td></tr>
</table>
${sections}
<table class="pie" width="700" align="center"><tr><td style="font-size:11px;color:#999">
Este correo fue enviado a ana@example.com. Controles S.A. · San José, Costa Rica.
<a href="https://app.controles.co.cr/preferencias">Preferencias de correo</a>
</td></tr></table>
<script>document.querySelectorAll('a').forEach(function (a) { a.href = 'https://tracker.example/?u=' + a.href; });</script>
</body>
</html>
`;
}

function renderSection(section: OfflineReportSection): string {
  const notes = section.notes.map(renderNote).join('\n');
  // CVT's generator lays the direct notes out as a table and the others as blocks.
  if (section.className === 'notasDirectas') {
    return `<table class="notasDirectas" width="700" align="center" style="width:700px;background:#fff">
${section.notes.map((note) => `<tr><td>${renderNote(note)}</td></tr>`).join('\n')}
${section.extraHtml === undefined ? '' : `<tr><td>${section.extraHtml}</td></tr>`}
</table>`;
  }
  return `<div class="${section.className}" style="width:700px;margin:0 auto;background:#fff">
${notes}
${section.extraHtml ?? ''}
</div>`;
}

function renderNote(note: OfflineNote): string {
  return `<div class="nota">
<a class="titulo" href="${escapeAttribute(note.url)}" style="font-weight:bold;font-size:15px">${escapeText(note.title)}</a>
<p class="medio">${escapeText(note.medium)} · <span class="fecha">${escapeText(note.date)}</span></p>
<p class="resumen">${escapeText(note.summary)}</p>
</div>`;
}

/** A report whose only content is hostile markup inside its direct notes. */
export function offlineReportWith(html: string): string {
  return cvtOfflineReportHtml({ sections: [{ className: 'notasDirectas', notes: [], extraHtml: html }] });
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const TITLE_WORDS = [
  'Municipalidad',
  'de',
  'San José',
  'inaugura',
  'parque',
  'empresa',
  'cliente',
  'lanza',
  'producto',
  'competidor',
  'reduce',
  'precios',
  'sector',
  'bancario',
  'crece',
  'Heredia',
  'Cartago',
  'niñez',
  'acción',
  '&',
  '"ok"',
];

const noteArbitrary: fc.Arbitrary<OfflineNote> = fc.record({
  title: fc.array(fc.constantFrom(...TITLE_WORDS), { minLength: 3, maxLength: 9 }).map((words) => words.join(' ')),
  url: fc.stringMatching(/^[a-f0-9]{24}$/u).map((id) => `https://app.controles.co.cr/?shared=1&id=${id}`),
  medium: fc.constantFrom('La Nación', 'Teletica', 'CRHoy.com', 'Radio Monumental', 'Diario Extra'),
  date: fc.constantFrom('12/05/2024', '13/05/2024 07:30', '14 de mayo de 2024'),
  summary: fc.array(fc.constantFrom(...TITLE_WORDS), { minLength: 5, maxLength: 30 }).map((words) => `${words.join(' ')}.`),
});

/** Any non-empty subset of the three sections, in any source order, each with 1–4 notes. */
export const offlineSectionsArbitrary: fc.Arbitrary<OfflineReportSection[]> = fc
  .shuffledSubarray<SectionClass>(['notasDirectas', 'notasContexto', 'notasCompetencia'], { minLength: 1 })
  .chain((classes) =>
    fc.tuple(...classes.map((className) => fc.array(noteArbitrary, { minLength: 1, maxLength: 4 }).map((notes) => ({ className, notes })))),
  );
