import type { Router } from 'express';
import { RESENDABLE_STATUSES, type Delivery } from '../../domain/deliveries/delivery.ts';
import type { DeliveryEvent } from '../../domain/deliveries/delivery-event.ts';
import { maskPhonesInText } from '../../domain/phone/masking.ts';
import { RESEND_LIMIT } from '../../application/use-cases/resend-deliveries.use-case.ts';
import type { HttpDependencies } from '../http/http-dependencies.ts';
import { deliveryFiltersSchema, filtersQuery, ledgerFilter, recipientOf, type DeliveryFilters } from './delivery-filters.ts';
import { formatCount, formatDateTime, formatNumber } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import type { DeliveriesPageExtras } from './pages/deliveries.page.ts';
import type { DeliveryPageExtras } from './pages/delivery.page.ts';
import type { ConsoleSession } from './sessions.ts';

const EVENT_LABELS: Record<string, string> = {
  recorded: 'Registrado',
  claimed: 'Tomado para enviar',
  'attempt-failed': 'Intento fallido',
  waiting: 'Esperando al proveedor',
  sent: 'Enviado',
  delivered: 'Entregado',
  read: 'Leído',
  expired: 'Vencido',
  requeued: 'Reenviado por un operador',
  failed: 'Fallido',
};

const isResendable = (status: string) => (RESENDABLE_STATUSES as readonly string[]).includes(status);

/** The deliveries the list's filters name (every page of them), failed or expired only. */
async function resendableIds(deps: HttpDependencies, filters: DeliveryFilters, recipient: string | undefined): Promise<string[]> {
  const statuses = filters.estado === undefined ? RESENDABLE_STATUSES : RESENDABLE_STATUSES.filter((status) => status === filters.estado);
  const ids: string[] = [];
  for (const status of statuses) {
    const filter = { ...ledgerFilter({ ...filters, estado: status, pagina: 1 }, recipient), offset: 0, limit: RESEND_LIMIT };
    ids.push(...(await deps.queryDeliveries.list(filter)).map((delivery) => delivery.id));
  }
  return ids.slice(0, RESEND_LIMIT);
}

/** The history of a delivery as a timeline, oldest first (issue 10 §4). */
export function timelineOf(events: readonly DeliveryEvent[]): SafeHtml {
  if (events.length === 0) return html`<p class="muted">Sin historia registrada.</p>`;
  return html`<ol class="timeline" id="historia">
    ${events.map(
      (event) =>
        html`<li data-event="${event.type}">
          <strong>${EVENT_LABELS[event.type] ?? event.type}</strong>
          <span class="muted">${formatDateTime(event.at)}</span
          >${event.detail === '' ? '' : html`<br /><span class="mono">${maskPhonesInText(event.detail)}</span>`}
        </li>`,
    )}
  </ol>`;
}

/** Resend from the list (every failed or expired delivery the filters name, counted first) and from a delivery's page. */
export function resendRoutes(router: Router, deps: HttpDependencies): { list: DeliveriesPageExtras; detail: DeliveryPageExtras } {
  router.post('/envios/reenviar', async (request, response) => {
    const body = request.body as Record<string, unknown>;
    const query = new URLSearchParams(typeof body['filtros'] === 'string' ? body['filtros'] : '');
    const parsed = deliveryFiltersSchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) return response.redirect(303, '/admin/envios');
    const filters = parsed.data;
    const ids = await resendableIds(deps, filters, recipientOf(filters));
    const { requeued } = ids.length === 0 ? { requeued: 0 } : await deps.resendDeliveries.execute({ selector: { ids }, dryRun: false });
    const back = filtersQuery(filters, { pagina: undefined });
    const flash = requeued === 0 ? 'hecho=sin-reenvio' : `hecho=reenviados&n=${requeued}`;
    response.redirect(303, `/admin/envios${back === '' ? '?' : `${back}&`}${flash}`);
  });

  router.post('/envios/:id/reenviar', async (request, response) => {
    const id = String(request.params['id']);
    if (!/^[0-9a-f]{32}$/u.test(id)) return response.redirect(303, '/admin/envios');
    const { requeued } = await deps.resendDeliveries.execute({ selector: { ids: [id] }, dryRun: false });
    const volver =
      typeof (request.body as Record<string, unknown>)['volver'] === 'string'
        ? String((request.body as Record<string, unknown>)['volver'])
        : '';
    const params = new URLSearchParams({ hecho: requeued === 0 ? 'sin-reenvio' : 'reenviados', n: String(requeued) });
    if (/^\?[\w=&%.+-]*$/u.test(volver)) params.set('volver', volver);
    response.redirect(303, `/admin/envios/${id}?${params.toString()}`);
  });

  return {
    list: {
      async bulkActions(filters: DeliveryFilters, recipient: string | undefined, session: ConsoleSession): Promise<SafeHtml> {
        if (filters.estado !== undefined && !isResendable(filters.estado)) return html``;
        const count = (await resendableIds(deps, filters, recipient)).length;
        if (count === 0) return html``;
        const what = filters.estado === 'failed' ? 'fallidos' : filters.estado === 'expired' ? 'vencidos' : 'fallidos o vencidos';
        return html`<section class="card" aria-labelledby="r-title">
          <h2 id="r-title">Reenviar</h2>
          <p data-resendable="${count}"><strong>${formatNumber(count)}</strong> envíos ${what} coinciden con estos filtros.</p>
          <form method="post" action="/admin/envios/reenviar">
            ${csrfField(session)}<input
              type="hidden"
              name="filtros"
              value="${filtersQuery(filters, { pagina: undefined }).replace(/^\?/u, '')}"
            />
            <button
              type="submit"
              data-confirm="¿Reenviar ${formatCount(count, 'envío', 'envíos')} ${what}? Cada uno conserva su historia y sus intentos empiezan de nuevo."
            >
              Reenviar ${formatCount(count, 'envío', 'envíos')}
            </button>
          </form>
        </section>`;
      },
    },
    detail: {
      async timeline(delivery: Delivery): Promise<SafeHtml> {
        const found = await deps.queryDeliveries.withHistory(delivery.id);
        return timelineOf(found?.events ?? []);
      },
      actions(delivery: Delivery, session: ConsoleSession, back: string): SafeHtml {
        if (!isResendable(delivery.status)) return html``;
        return html`<form method="post" action="/admin/envios/${delivery.id}/reenviar" class="actions">
          ${csrfField(session)}<input type="hidden" name="volver" value="${back}" />
          <button type="submit" data-confirm="¿Reenviar este envío?">Reenviar</button>
        </form>`;
      },
    },
  };
}
