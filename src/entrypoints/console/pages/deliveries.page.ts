import type { Router } from 'express';
import type { Delivery } from '../../../domain/deliveries/delivery.ts';
import { DELIVERY_STATUSES } from '../../../domain/deliveries/delivery.ts';
import { JOBS } from '../../../domain/deliveries/job.ts';
import { maskPhone, maskPhonesInText } from '../../../domain/phone/masking.ts';
import { parsePhoneNumber } from '../../../domain/phone/phone-number.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { deliveryFiltersSchema, filtersQuery, ledgerFilter, PAGE_SIZE, recipientOf, type DeliveryFilters } from '../delivery-filters.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { deliveryBadge, jobLabel, STATUS_LABELS } from '../labels.ts';
import { flashFor } from '../flash.ts';
import { notice, page } from '../layout.ts';
import { sealRecipient } from '../sealed-recipient.ts';

export interface DeliveriesPageExtras {
  /** Shown above the list: the bulk-resend form when the filter allows one. */
  bulkActions?(filters: DeliveryFilters, recipient: string | undefined, session: ReturnType<typeof sessionOf>): Promise<SafeHtml>;
}

/** `/admin/envios` Envíos: deliveries, filtered and paginated, newest first. */
export function deliveriesRoutes(router: Router, deps: HttpDependencies, extras: DeliveriesPageExtras = {}): void {
  router.get('/envios', async (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    // A typed number is matched, then carried sealed: the page and its links never show it in clear.
    if (query['numero'] !== undefined) {
      const { numero, ...rest } = query;
      const params = new URLSearchParams(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      params.delete('r');
      params.delete('pagina');
      const typed = numero.trim();
      if (typed !== '') {
        const phone = parsePhoneNumber(typed, deps.defaultCountryCode);
        if (!phone.ok) {
          params.set('error', 'numero');
          return response.redirect(303, `/admin/envios?${params.toString()}`);
        }
        params.set('r', sealRecipient(phone.value));
      }
      return response.redirect(303, `/admin/envios${params.size === 0 ? '' : `?${params.toString()}`}`);
    }
    const session = sessionOf(response);
    const parsed = deliveryFiltersSchema.safeParse(query);
    const filters: DeliveryFilters = parsed.success ? parsed.data : { pagina: 1 };
    const recipient = recipientOf(filters);
    const [rows, clients] = await Promise.all([deps.queryDeliveries.list(ledgerFilter(filters, recipient)), deps.manageClients.list()]);
    const hasNext = rows.length > PAGE_SIZE;
    const shown = rows.slice(0, PAGE_SIZE);
    const messages: SafeHtml[] = [];
    if (!parsed.success) messages.push(notice('bad', 'Algún filtro no es válido; se muestran todos los envíos.'));
    if (query['error'] === 'numero')
      messages.push(notice('bad', 'El número escrito no es válido: use 8 dígitos, o el código de país con +.'));
    if (filters.r !== undefined && recipient === undefined)
      messages.push(notice('warn', 'La búsqueda por número venció; escriba el número de nuevo.'));
    const flash = flashFor(query);

    response.send(
      page(
        { title: 'Envíos', section: '/admin/envios', session, scripts: ['confirm'] },
        html`<h1>Envíos</h1>
          ${flash}${messages}
          <section class="card" aria-labelledby="f-title">
            <h2 id="f-title">Filtros</h2>
            <form class="filters" method="get" action="/admin/envios">
              <div>
                <label for="f-numero">Número</label
                ><input
                  id="f-numero"
                  name="numero"
                  inputmode="tel"
                  autocomplete="off"
                  placeholder="${recipient === undefined ? '8888 8888' : maskPhone(recipient)}"
                />
              </div>
              <div>
                <label for="f-cliente">Cliente (id)</label
                ><input id="f-cliente" name="cliente" value="${filters.cliente ?? ''}" autocomplete="off" list="f-clientes" />
                <datalist id="f-clientes">
                  ${clients.map((client) => html`<option value="${client.id}">${client.name ?? client.id}</option>`)}
                </datalist>
              </div>
              <div>
                <label for="f-trabajo">Trabajo</label
                ><select id="f-trabajo" name="trabajo">
                  <option value="">Todos</option>
                  ${JOBS.map((job) => html`<option value="${job}" ${filters.trabajo === job ? ' selected' : ''}>${jobLabel(job)}</option>`)}
                </select>
              </div>
              <div>
                <label for="f-estado">Estado</label
                ><select id="f-estado" name="estado">
                  <option value="">Todos</option>
                  ${DELIVERY_STATUSES.map((status) => html`<option value="${status}" ${filters.estado === status ? ' selected' : ''}>${STATUS_LABELS[status] ?? status}</option>`)}
                </select>
              </div>
              <div><label for="f-desde">Desde</label><input id="f-desde" name="desde" type="date" value="${filters.desde ?? ''}" /></div>
              <div><label for="f-hasta">Hasta</label><input id="f-hasta" name="hasta" type="date" value="${filters.hasta ?? ''}" /></div>
              ${recipient === undefined ? '' : html`<input type="hidden" name="r" value="${filters.r}" />`}
              <div class="actions"><button type="submit">Filtrar</button><a class="button secondary" href="/admin/envios">Limpiar</a></div>
            </form>
            ${recipient === undefined ? '' : html`<p>Envíos a <strong class="mono" data-recipient>${maskPhone(recipient)}</strong> <a href="/admin/envios${filtersQuery(filters, { r: undefined, pagina: undefined })}">quitar</a></p>`}
          </section>
          ${extras.bulkActions === undefined ? '' : await extras.bulkActions(filters, recipient, session)}
          <section aria-labelledby="l-title">
            <h2 id="l-title">Resultados${filters.pagina > 1 ? ` · página ${filters.pagina}` : ''}</h2>
            ${shown.length === 0 ? html`<p class="muted">No hay envíos con estos filtros.</p>` : deliveriesTable(shown, filtersQuery(filters))}
            <nav class="pager" aria-label="Páginas">
              ${filters.pagina > 1 ? html`<a href="/admin/envios${filtersQuery(filters, { pagina: filters.pagina - 1 })}">← Más recientes</a>` : html`<span></span>`}
              ${hasNext ? html`<a href="/admin/envios${filtersQuery(filters, { pagina: filters.pagina + 1 })}">Más antiguos →</a>` : html`<span></span>`}
            </nav>
          </section>`,
      ),
    );
  });
}

export function deliveriesTable(deliveries: readonly Delivery[], back = ''): SafeHtml {
  return html`<table class="stack" id="envios">
    <thead>
      <tr>
        <th scope="col">Creado</th>
        <th scope="col">Trabajo</th>
        <th scope="col">Destinatario</th>
        <th scope="col">Estado</th>
        <th scope="col">Intentos</th>
        <th scope="col">Último error</th>
      </tr>
    </thead>
    <tbody>
      ${deliveries.map(
        (delivery) =>
          html`<tr data-delivery="${delivery.id}">
            <td data-label="Creado">
              <a href="/admin/envios/${delivery.id}${back === '' ? '' : `?volver=${encodeURIComponent(back)}`}"
                >${formatDateTime(delivery.createdAt)}</a
              >
            </td>
            <td data-label="Trabajo">${jobLabel(delivery.job)}</td>
            <td data-label="Destinatario" class="mono phone">
              ${delivery.channel === 'whatsapp' ? maskPhone(delivery.recipient) : 'app (push)'}
            </td>
            <td data-label="Estado">${deliveryBadge(delivery)}</td>
            <td data-label="Intentos" class="num">${delivery.attempts}</td>
            <td data-label="Último error">${delivery.lastError === null ? '—' : maskPhonesInText(delivery.lastError)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
