import type { Router } from 'express';
import { INBOUND_QUEUES } from '../../../application/ports/job-queue.port.ts';
import { JOBS } from '../../../domain/deliveries/job.ts';
import { maskPhonesInText } from '../../../domain/phone/masking.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { costaRicaDay, formatDateTime, formatNumber, formatPercent, startOfCostaRicaDay } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { jobLabel, STATUS_LABELS } from '../labels.ts';
import { page } from '../layout.ts';
import type { NewsletterRunsView } from '../newsletter-runs.ts';

/** The statuses the summary counts, in the order a delivery goes through them. */
const SUMMARY_STATUSES = ['queued', 'waiting', 'sending', 'sent', 'delivered', 'read', 'failed', 'expired'] as const;
const REFRESH_SECONDS = 10;
/** Today's queued deliveries read to tell those waiting for a provider; more than this is not a console's job. */
const WAITING_SCAN_LIMIT = 1_000;
const CHECK_LABELS: Record<string, string> = { store: 'Base de datos', provider: 'Sesión del proveedor', s3: 'S3', sqs: 'SQS' };
const SHORT_JOB_LABELS: Record<(typeof JOBS)[number], string> = {
  'meltwater-alert': 'Alertas MW',
  'meltwater-newsletter': 'Boletines MW',
  'offline-report': 'Informes',
  'offline-alert': 'Alertas offline',
};

/** `/admin` Resumen: today's deliveries, providers, queues and the last newsletter runs; it refreshes itself. */
export function summaryRoutes(router: Router, deps: HttpDependencies, runs: NewsletterRunsView): void {
  router.get('/', async (request, response) => {
    const content = await summaryContent(deps, runs);
    if (request.header('x-console-fragment') === '1') return void response.send(content.value);
    response.send(
      page(
        { title: 'Resumen', section: '/admin', session: sessionOf(response), scripts: ['live'] },
        html`<h1>Resumen</h1>
          <div data-live="/admin" data-every="${REFRESH_SECONDS}" aria-live="polite">${content}</div>`,
      ),
    );
  });
}

async function summaryContent(deps: HttpDependencies, runs: NewsletterRunsView): Promise<SafeHtml> {
  const now = new Date();
  const today = costaRicaDay(now);
  const since = startOfCostaRicaDay(today);
  const [storedCounts, queuedToday, readiness, queues, recentRuns] = await Promise.all([
    deps.queryDeliveries.counts(since),
    deps.queryDeliveries.list({ status: 'queued', createdFrom: since, limit: WAITING_SCAN_LIMIT }),
    deps.checkReadiness.execute(),
    queueFigures(deps),
    runs.recent(5),
  ]);
  // A delivery that waits for its provider is `queued` in the ledger, with the provider it waits for.
  const waiting = queuedToday.filter((delivery) => delivery.waitingFor !== null);
  const counts = [
    ...storedCounts.map((row) =>
      row.status === 'queued' ? { ...row, count: row.count - waiting.filter((delivery) => delivery.job === row.job).length } : row,
    ),
    ...waiting.map((delivery) => ({ job: delivery.job, status: 'waiting', count: 1 })),
  ];
  const byJob = new Map<string, Map<string, number>>();
  for (const row of counts) {
    const statuses = byJob.get(row.job) ?? new Map<string, number>();
    statuses.set(row.status, (statuses.get(row.status) ?? 0) + row.count);
    byJob.set(row.job, statuses);
  }
  const providers = await providerStates(deps, readiness.checks['provider']);
  const total = (status: string) => counts.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
  const reached = total('sent') + total('delivered') + total('read');
  const allToday = counts.reduce((sum, row) => sum + row.count, 0);
  const statuses = SUMMARY_STATUSES.filter((status) => status !== 'sending' || total('sending') > 0);

  return html`<p class="muted">Hoy ${today} (hora de Costa Rica) · actualizado ${formatDateTime(now)}</p>
    <div class="grid stats">
      <section class="card" aria-labelledby="s-total">
        <h2 id="s-total">Envíos de hoy</h2>
        <p class="stat" data-stat="total">${formatNumber(allToday)}</p>
      </section>
      <section class="card" aria-labelledby="s-delivered">
        <h2 id="s-delivered">Entregados</h2>
        <p class="stat" data-stat="delivered-share">
          ${formatPercent(reached === 0 ? null : (total('delivered') + total('read')) / reached)}
        </p>
        <p class="muted">de los enviados hoy (entregados o leídos)</p>
      </section>
      <section class="card" aria-labelledby="s-read">
        <h2 id="s-read">Leídos</h2>
        <p class="stat" data-stat="read-share">${formatPercent(reached === 0 ? null : total('read') / reached)}</p>
        <p class="muted">de los enviados hoy</p>
      </section>
    </div>
    <section class="card" aria-labelledby="s-jobs">
      <h2 id="s-jobs">Envíos de hoy por trabajo y estado</h2>
      <table id="conteos" class="matrix">
        <thead>
          <tr>
            <th scope="col">Estado</th>
            ${JOBS.map((job) => html`<th scope="col" class="num">${SHORT_JOB_LABELS[job]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${statuses.map(
            (status) =>
              html`<tr>
                <th scope="row">${STATUS_LABELS[status]}</th>
                ${JOBS.map(
                  (job) =>
                    html`<td class="num" data-job="${job}" data-status="${status}">
                      <a
                        href="/admin/envios?trabajo=${job}&amp;estado=${status}&amp;desde=${today}"
                        aria-label="${jobLabel(job)}, ${STATUS_LABELS[status]}: ${formatNumber(byJob.get(job)?.get(status) ?? 0)}"
                        >${formatNumber(byJob.get(job)?.get(status) ?? 0)}</a
                      >
                    </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section class="card" aria-labelledby="s-providers">
      <h2 id="s-providers">Proveedores</h2>
      ${providers}
    </section>
    <section class="card" aria-labelledby="s-checks">
      <h2 id="s-checks">Dependencias</h2>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">Comprobación</th>
            <th scope="col">Estado</th>
            <th scope="col">Detalle</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(readiness.checks).map(
            ([name, check]) =>
              html`<tr>
                <th scope="row">${CHECK_LABELS[name] ?? name}</th>
                <td data-label="Estado">
                  ${check.ok ? html`<span class="badge ok">Disponible</span>` : html`<span class="badge bad">No disponible</span>`}
                </td>
                <td data-label="Detalle" class="mono">${maskPhonesInText(check.detail)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section class="card" aria-labelledby="s-queues">
      <h2 id="s-queues">Colas</h2>
      ${queues}
    </section>
    <section class="card" aria-labelledby="s-runs">
      <h2 id="s-runs">Últimas corridas de boletines</h2>
      ${recentRuns.length === 0 ? html`<p class="muted">Aún no hay corridas registradas.</p>` : runsTable(recentRuns)}
    </section>`;
}

/** WhatsApp Web gateways lose their session now and then, and only a person can scan its QR code again. */
const QR_PROVIDERS = new Set(['waapi', 'gowa']);

/** Each provider in use: its session, whether it is counted unavailable (and why), its last success, pace and waiting deliveries. */
async function providerStates(deps: HttpDependencies, session: { ok: boolean; detail: string } | undefined): Promise<SafeHtml> {
  const outages = new Map(deps.providerOutages.current().map((outage) => [outage.provider, outage]));
  const lastSuccess = new Map<string, Date>();
  for (const status of ['sent', 'delivered', 'read'] as const) {
    for (const delivery of await deps.queryDeliveries.list({ status, limit: 100 })) {
      if (delivery.provider === null) continue;
      const known = lastSuccess.get(delivery.provider);
      if (known === undefined || known < delivery.updatedAt) lastSuccess.set(delivery.provider, delivery.updatedAt);
    }
  }
  const rows = await Promise.all(
    deps.providers.map(async (provider) => ({
      provider,
      outage: outages.get(provider),
      waiting: await deps.queryDeliveries.waitingFor(provider),
    })),
  );
  return html`<table class="stack" id="proveedores">
    <thead>
      <tr>
        <th scope="col">Proveedor</th>
        <th scope="col">Estado</th>
        <th scope="col">Último envío aceptado</th>
        <th scope="col">Ritmo</th>
        <th scope="col" class="num">En espera</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(({ provider, outage, waiting }) => {
        const sessionDown = provider === deps.provider && session !== undefined && !session.ok;
        const pace = deps.providerPacing[provider];
        return html`<tr data-provider="${provider}">
          <th scope="row">${provider}${provider === deps.provider ? html` <span class="muted">(configurado)</span>` : ''}</th>
          <td data-label="Estado">
            ${
              outage !== undefined
                ? html`<span class="badge bad">No disponible</span> desde ${formatDateTime(outage.since)}<br /><span class="mono"
                      >${maskPhonesInText(outage.cause)}</span
                    ><br /><span class="muted">Próxima prueba: ${formatDateTime(outage.nextProbeAt)}</span>`
                : sessionDown
                  ? html`<span class="badge warn">Sesión no lista</span><br /><span class="mono">${maskPhonesInText(session.detail)}</span>`
                  : html`<span class="badge ok">Disponible</span>`
            }${(outage !== undefined || sessionDown) && QR_PROVIDERS.has(provider) ? html`<p class="notice warn"><strong>Qué hacer:</strong> abra el panel de ${provider} y escanee de nuevo el código QR de la sesión con el teléfono de CVT. Los envíos esperan sin gastar intentos y salen solos cuando la sesión vuelve.</p>` : ''}
          </td>
          <td data-label="Último envío aceptado">${formatDateTime(lastSuccess.get(provider))}</td>
          <td data-label="Ritmo">
            ${pace === undefined ? '—' : pace.minIntervalMs === 0 ? 'sin pausa entre envíos' : `un envío cada ${formatNumber(pace.minIntervalMs / 1_000)} s como mínimo`}
          </td>
          <td data-label="En espera" class="num" data-waiting="${provider}">${formatNumber(waiting)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

async function queueFigures(deps: HttpDependencies): Promise<SafeHtml> {
  const reader = deps.deadLetters;
  if (reader === null) return html`<p class="muted">Las colas son de SQS: su profundidad y sus mensajes muertos se ven en AWS.</p>`;
  const rows = await Promise.all(
    INBOUND_QUEUES.map(async (queue) => ({
      queue,
      depth: await reader.depth(queue),
      dead: (await reader.deadLetters(queue, 1_000)).length,
    })),
  );
  return html`<table class="stack">
    <thead>
      <tr>
        <th scope="col">Cola</th>
        <th scope="col" class="num">En espera</th>
        <th scope="col" class="num">Mensajes muertos</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <th scope="row">${row.queue}</th>
            <td class="num" data-label="En espera">${formatNumber(row.depth)}</td>
            <td class="num" data-label="Mensajes muertos"><a href="/admin/colas#${row.queue}">${formatNumber(row.dead)}</a></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function runsTable(runs: Awaited<ReturnType<NewsletterRunsView['recent']>>): SafeHtml {
  return html`<table class="stack" id="corridas">
    <thead>
      <tr>
        <th scope="col">Inicio</th>
        <th scope="col">Origen</th>
        <th scope="col" class="num">Revisados</th>
        <th scope="col" class="num">Enviados</th>
        <th scope="col" class="num">Sin cambios</th>
        <th scope="col">Fallidos</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map(
        (run) =>
          html`<tr>
            <td data-label="Inicio">
              ${formatDateTime(run.startedAt)}${run.finishedAt === null ? html` <span class="badge warn">en curso</span>` : ''}
            </td>
            <td data-label="Origen">${TRIGGER_LABELS[run.trigger] ?? run.trigger}</td>
            <td class="num" data-label="Revisados">${formatNumber(run.checked)}</td>
            <td class="num" data-label="Enviados">${formatNumber(run.sent)}</td>
            <td class="num" data-label="Sin cambios">${formatNumber(run.unchanged)}</td>
            <td data-label="Fallidos">
              ${
                run.failed.length === 0
                  ? html`<span class="badge ok">0</span>`
                  : html`<span class="badge bad">${formatNumber(run.failed.length)}</span>
                      <ul>
                        ${run.failed.map((failure) => html`<li><span class="mono">${failure.distributionId}</span>: ${failure.reason}</li>`)}
                      </ul>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const TRIGGER_LABELS: Record<string, string> = { schedule: 'Programada', api: 'API', cli: 'Línea de comandos', console: 'Consola' };
