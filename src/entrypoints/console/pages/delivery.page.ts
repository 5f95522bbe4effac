import type { Router } from 'express';
import type { Delivery } from '../../../domain/deliveries/delivery.ts';
import { maskPhone, maskPhonesInText } from '../../../domain/phone/masking.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { flashFor } from '../flash.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { deliveryBadge, jobLabel } from '../labels.ts';
import { page } from '../layout.ts';
import type { ConsoleSession } from '../sessions.ts';

export interface DeliveryPageExtras {
  /** The delivery's history, oldest first; without one, what the record itself tells. */
  timeline?(delivery: Delivery): Promise<SafeHtml>;
  /** The resend form, for deliveries that may be resent. */
  actions?(delivery: Delivery, session: ConsoleSession, back: string): SafeHtml;
}

/** Only links back to the list itself are followed, so `volver` cannot send the operator elsewhere. */
function backLink(value: unknown): string {
  return typeof value === 'string' && /^\?[\w=&%.+-]*$/u.test(value) ? value : '';
}

/** `/admin/envios/:id`: the message, the provider and its message id, and the delivery's history. */
export function deliveryRoutes(router: Router, deps: HttpDependencies, extras: DeliveryPageExtras = {}): void {
  router.get('/envios/:id', async (request, response) => {
    const session = sessionOf(response);
    const id = String(request.params['id']);
    const delivery = /^[0-9a-f]{32}$/u.test(id) ? await deps.queryDeliveries.get(id) : undefined;
    const back = backLink(request.query['volver']);
    if (delivery === undefined) {
      response.status(404).send(
        page(
          { title: 'Envío no encontrado', section: '/admin/envios', session },
          html`<h1>Envío no encontrado</h1>
            <p><a href="/admin/envios">Volver a los envíos</a></p>`,
        ),
      );
      return;
    }
    const timeline = extras.timeline === undefined ? basicTimeline(delivery) : await extras.timeline(delivery);
    response.send(
      page(
        { title: 'Envío', section: '/admin/envios', session, scripts: ['confirm'] },
        html`<p><a href="/admin/envios${back}">← Envíos</a></p>
          <h1>Envío a <span class="mono">${delivery.channel === 'whatsapp' ? maskPhone(delivery.recipient) : 'la app (push)'}</span></h1>
          ${flashFor(request.query)}
          <section class="card" aria-labelledby="d-facts">
            <h2 id="d-facts">Datos</h2>
            <dl class="facts">
              <dt>Estado</dt>
              <dd data-status="${delivery.status}">${deliveryBadge(delivery)}</dd>
              <dt>Trabajo</dt>
              <dd>${jobLabel(delivery.job)}</dd>
              <dt>Cliente</dt>
              <dd>
                ${delivery.clientId === null ? '—' : html`<a class="mono" href="/admin/clientes/${delivery.clientId}">${delivery.clientId}</a>`}
              </dd>
              ${
                delivery.waitingFor === null
                  ? ''
                  : html`<dt>Espera a</dt>
                      <dd>
                        ${delivery.waitingFor}${delivery.waitingSince === null ? '' : html` desde ${formatDateTime(delivery.waitingSince)}`}
                      </dd>`
              }
              <dt>Proveedor</dt>
              <dd>${delivery.provider ?? '—'}</dd>
              <dt>Id del mensaje en el proveedor</dt>
              <dd class="mono">${delivery.providerMessageId === null ? '—' : maskPhonesInText(delivery.providerMessageId)}</dd>
              <dt>Intentos</dt>
              <dd>${delivery.attempts}</dd>
              <dt>Último error</dt>
              <dd>${delivery.lastError === null ? '—' : maskPhonesInText(delivery.lastError)}</dd>
              <dt>Creado</dt>
              <dd>${formatDateTime(delivery.createdAt)}</dd>
              <dt>Actualizado</dt>
              <dd>${formatDateTime(delivery.updatedAt)}</dd>
              <dt>Id</dt>
              <dd class="mono">${delivery.id}</dd>
            </dl>
            ${extras.actions === undefined ? '' : extras.actions(delivery, session, back)}
          </section>
          <section class="card" aria-labelledby="d-message">
            <h2 id="d-message">Mensaje</h2>
            ${delivery.message.title === undefined ? '' : html`<p><strong>${delivery.message.title}</strong></p>`}
            <pre>${maskPhonesInText(delivery.message.text)}</pre>
          </section>
          <section class="card" aria-labelledby="d-history">
            <h2 id="d-history">Historia</h2>
            ${timeline}
          </section>`,
      ),
    );
  });
}

function basicTimeline(delivery: Delivery): SafeHtml {
  return html`<ol class="timeline">
    <li><strong>Registrado</strong><br /><span class="muted">${formatDateTime(delivery.createdAt)}</span></li>
    <li><strong>${deliveryBadge(delivery)}</strong><br /><span class="muted">${formatDateTime(delivery.updatedAt)}</span></li>
  </ol>`;
}
