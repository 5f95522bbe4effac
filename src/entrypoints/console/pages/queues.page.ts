import type { Router } from 'express';
import { INBOUND_QUEUES, isInboundQueue, type DeadLetter } from '../../../application/ports/job-queue.port.ts';
import { maskPhonesInText } from '../../../domain/phone/masking.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { flashFor } from '../flash.ts';
import { formatCount, formatDateTime, formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, notice, page } from '../layout.ts';
import type { ConsoleSession } from '../sessions.ts';

const SHOWN_DEAD_LETTERS = 100;

function redriveForm(queue: string, id: string | null, session: ConsoleSession): SafeHtml {
  return html`<form method="post" action="/admin/colas/${queue}/redirigir">
    ${csrfField(session)}${id === null ? '' : html`<input type="hidden" name="id" value="${id}" />`}
    <button
      type="submit"
      ${id === null ? '' : html` class="secondary"`}
      data-confirm="${id === null ? `¿Devolver todos los mensajes muertos de ${queue} a su cola?` : '¿Devolver este mensaje a su cola?'}"
    >
      ${id === null ? 'Devolver todos a la cola' : 'Devolver a la cola'}
    </button>
  </form>`;
}

/** `/admin/colas` Colas: each inbound queue's depth and dead letters, with the reason and the body (phones masked). */
export function queuesRoutes(router: Router, deps: HttpDependencies): void {
  router.post('/colas/:queue/redirigir', async (request, response) => {
    const queue = String(request.params['queue']);
    if (!isInboundQueue(queue)) return response.redirect(303, '/admin/colas');
    const id = (request.body as Record<string, unknown>)['id'];
    const redriven = await deps.deadLetterRedrive.redrive(queue, typeof id === 'string' && id !== '' ? [id] : undefined);
    deps.logger.info('dead letters redriven from the console', { queue, redriven, chosen: typeof id === 'string' ? 1 : 'all' });
    response.redirect(303, `/admin/colas?hecho=redirigidos&n=${redriven}#${queue}`);
  });

  router.get('/colas', async (request, response) => {
    const session = sessionOf(response);
    const reader = deps.deadLetters;
    const sections =
      reader === null
        ? html`${notice('warn', 'Las colas son de SQS: sus mensajes muertos se leen en AWS; desde aquí se devuelven todos a su cola.')}${INBOUND_QUEUES.map(
            (queue) =>
              html`<section class="card" id="${queue}" aria-labelledby="q-${queue}">
                <h2 id="q-${queue}">${queue}</h2>
                ${redriveForm(queue, null, session)}
              </section>`,
          )}`
        : await Promise.all(
            INBOUND_QUEUES.map(async (queue) => {
              const [depth, letters] = await Promise.all([reader.depth(queue), reader.deadLetters(queue, SHOWN_DEAD_LETTERS)]);
              return queueSection(queue, depth, letters, session);
            }),
          );
    response.send(
      page(
        { title: 'Colas', section: '/admin/colas', session, scripts: ['confirm'] },
        html`<h1>Colas</h1>
          ${flashFor(request.query)}${sections}`,
      ),
    );
  });
}

function queueSection(queue: string, depth: number, letters: readonly DeadLetter[], session: ConsoleSession): SafeHtml {
  return html`<section class="card" id="${queue}" aria-labelledby="q-${queue}">
    <h2 id="q-${queue}">${queue}</h2>
    <p>${formatNumber(depth)} en espera · ${formatCount(letters.length, 'mensaje muerto', 'mensajes muertos')}</p>
    ${letters.length > 0 ? redriveForm(queue, null, session) : ''}
    ${
      letters.length === 0
        ? html`<p class="muted">Sin mensajes muertos.</p>`
        : html`<table class="stack" data-dead-letters="${queue}">
            <thead>
              <tr>
                <th scope="col">Muerto</th>
                <th scope="col">Motivo</th>
                <th scope="col">Recepciones</th>
                <th scope="col">Cuerpo</th>
                <th scope="col"><span class="muted">Acción</span></th>
              </tr>
            </thead>
            <tbody>
              ${letters.map(
                (letter) =>
                  html`<tr data-dead-letter="${letter.id}">
                    <td data-label="Muerto">${formatDateTime(letter.deadAt)}</td>
                    <td data-label="Motivo">${maskPhonesInText(letter.reason)}</td>
                    <td data-label="Recepciones" class="num">${letter.receiveCount}</td>
                    <td data-label="Cuerpo">
                      <details>
                        <summary>Ver cuerpo</summary>
                        <pre class="mono">${maskPhonesInText(letter.body)}</pre>
                      </details>
                    </td>
                    <td data-label="Acción">${redriveForm(queue, letter.id, session)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
