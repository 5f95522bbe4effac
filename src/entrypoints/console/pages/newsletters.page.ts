import type { Router } from 'express';
import { newsletterKey } from '../../../domain/reports/report-keys.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { formatCount, formatDateTime, formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, notice, page } from '../layout.ts';
import type { ConsoleNewsletterRuns, LiveRun, NewsletterRunsView } from '../newsletter-runs.ts';
import { runsTable } from './summary.page.ts';

const DISTRIBUTION_ID = /^[0-9a-fA-F]{24}$/u;
const OUTCOME_LABELS: Record<string, string> = { sent: 'Enviado', unchanged: 'Sin cambios', skipped: 'Omitido', failed: 'Falló' };
const OUTCOME_TONE: Record<string, string> = { sent: 'ok', unchanged: '', skipped: 'warn', failed: 'bad' };

/**
 * The stored pages are served to the console's frame with the report pages' own strict policy, except that
 * the console (same origin) may frame them; the public route forbids any framing.
 */
const PREVIEW_POLICY =
  "default-src 'none'; img-src * data:; style-src 'unsafe-inline' *; font-src *; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** `/admin/boletines` Boletines: run history, run now with live progress, each stored page at phone width. */
export function newslettersRoutes(router: Router, deps: HttpDependencies, live: ConsoleNewsletterRuns, history: NewsletterRunsView): void {
  router.get('/boletines', async (request, response) => {
    const session = sessionOf(response);
    const runId = typeof request.query['corrida'] === 'string' ? request.query['corrida'] : undefined;
    const run = runId === undefined ? undefined : live.get(runId);
    const [runs, clients] = await Promise.all([history.recent(20), deps.manageClients.list()]);
    const distributions = [...new Set(clients.flatMap((client) => client.meltwaterDistributionIds))].sort();
    const error = request.query['error'] === 'id' ? notice('bad', 'El id de distribución debe tener 24 caracteres hexadecimales.') : '';
    response.send(
      page(
        { title: 'Boletines', section: '/admin/boletines', session, scripts: ['live'] },
        html`<h1>Boletines</h1>
          ${error}
          <section class="card" aria-labelledby="b-run">
            <h2 id="b-run">Ejecutar ahora</h2>
            <form method="post" action="/admin/boletines/ejecutar" class="filters">
              ${csrfField(session)}
              <div>
                <label for="b-id">Id de distribución (vacío: todos)</label
                ><input id="b-id" name="distribucion" list="b-ids" autocomplete="off" />
                <datalist id="b-ids">${distributions.map((id) => html`<option value="${id}"></option>`)}</datalist>
              </div>
              <div class="actions"><button type="submit">Ejecutar</button></div>
            </form>
            ${run === undefined ? '' : html`<div id="progreso" data-live="/admin/boletines/corridas/${run.id}" data-every="1" aria-live="polite">${progress(run)}</div>`}
          </section>
          <section class="card" aria-labelledby="b-history">
            <h2 id="b-history">Historial de corridas</h2>
            ${runs.length === 0 ? html`<p class="muted">Aún no hay corridas registradas.</p>` : runsTable(runs)}
          </section>
          <section class="card" aria-labelledby="b-pages">
            <h2 id="b-pages">Páginas publicadas</h2>
            ${
              distributions.length === 0
                ? html`<p class="muted">Ningún cliente tiene boletines.</p>`
                : html`<ul>
                    ${distributions.map((id) => html`<li><a class="mono" href="/admin/boletines/${id.toLowerCase()}">${id}</a></li>`)}
                  </ul>`
            }
          </section>`,
      ),
    );
  });

  router.post('/boletines/ejecutar', async (request, response) => {
    const typed = String((request.body as Record<string, unknown>)['distribucion'] ?? '').trim();
    if (typed !== '' && !DISTRIBUTION_ID.test(typed)) return response.redirect(303, '/admin/boletines?error=id');
    const run = await live.start(typed === '' ? undefined : [typed.toLowerCase()]);
    response.redirect(303, `/admin/boletines?corrida=${run.id}#progreso`);
  });

  router.get('/boletines/corridas/:id', (request, response) => {
    const run = live.get(String(request.params['id']));
    if (run === undefined) return void response.status(404).send(html`<p>La corrida ya no está en memoria.</p>`.value);
    response.send(progress(run).value);
  });

  router.get('/boletines/:id', async (request, response) => {
    const id = String(request.params['id']).toLowerCase();
    if (!DISTRIBUTION_ID.test(id)) return void response.redirect(303, '/admin/boletines');
    const stored = await deps.reportStorage.head(newsletterKey(id));
    response.send(
      page(
        { title: `Boletín ${id}`, section: '/admin/boletines', session: sessionOf(response) },
        html`<p><a href="/admin/boletines">← Boletines</a></p>
          <h1>Boletín <span class="mono">${id}</span></h1>
          ${
            stored === undefined
              ? notice('warn', 'Todavía no hay una página publicada para esta distribución.')
              : html`<p class="muted">Así la ve un cliente en un teléfono (375 px).</p>
                  <iframe
                    class="preview"
                    title="Página publicada del boletín ${id}"
                    src="/admin/boletines/${id}/pagina"
                    sandbox=""
                  ></iframe>`
          }`,
      ),
    );
  });

  router.get('/boletines/:id/pagina', async (request, response) => {
    const id = String(request.params['id']).toLowerCase();
    const stored = DISTRIBUTION_ID.test(id) ? await deps.reportStorage.get(newsletterKey(id)) : undefined;
    response.setHeader('Content-Security-Policy', PREVIEW_POLICY);
    if (stored === undefined) return void response.status(404).send('');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.send(stored.html);
  });
}

function progress(run: LiveRun): SafeHtml {
  const done = run.progress.length;
  const finished = run.finishedAt !== null;
  return html`<div${finished ? html` data-live-done` : ''}>
<h3>${finished ? 'Corrida terminada' : 'Corrida en curso…'}</h3>
<p><progress max="${Math.max(run.expected, done, 1)}" value="${finished ? Math.max(run.expected, done, 1) : done}" aria-label="Progreso de la corrida"></progress></p>
<p data-progress>${formatNumber(done)} de ${formatNumber(Math.max(run.expected, done))} boletines revisados${finished ? html` · terminó ${formatDateTime(run.finishedAt)}` : ''}</p>
${run.error === null ? '' : notice('bad', `La corrida se detuvo: ${run.error}`)}
${
  done === 0
    ? ''
    : html`<table class="stack">
        <thead>
          <tr>
            <th scope="col">Cliente</th>
            <th scope="col">Distribución</th>
            <th scope="col">Resultado</th>
          </tr>
        </thead>
        <tbody>
          ${run.progress.map(
            (step) =>
              html`<tr>
                <td data-label="Cliente">${step.clientName ?? step.clientId}</td>
                <td data-label="Distribución" class="mono">${step.distributionId}</td>
                <td data-label="Resultado">
                  <span class="badge ${OUTCOME_TONE[step.outcome.status] ?? ''}"
                    >${OUTCOME_LABELS[step.outcome.status] ?? step.outcome.status}</span
                  >${
                    step.outcome.status === 'sent'
                      ? ` ${formatCount(step.outcome.queued, 'envío', 'envíos')}`
                      : step.outcome.status === 'failed' || step.outcome.status === 'skipped'
                        ? html` ${step.outcome.reason}`
                        : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`
}
</div>`;
}
