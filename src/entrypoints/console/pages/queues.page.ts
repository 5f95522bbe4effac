import type { Router } from 'express';
import { INBOUND_QUEUES, type DeadLetter } from '../../../application/ports/job-queue.port.ts';
import { maskPhonesInText } from '../../../domain/phone/masking.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { flashFor } from '../flash.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { notice, page } from '../layout.ts';
import type { ConsoleSession } from '../sessions.ts';

const SHOWN_DEAD_LETTERS = 100;

export interface QueuesPageExtras {
  /** The redrive form of one dead letter (`id`) or of every dead letter of the queue. */
  redrive?(queue: string, id: string | null, session: ConsoleSession): SafeHtml;
}

/** `/admin/colas` Colas: each inbound queue's depth and dead letters, with the reason and the body (phones masked). */
export function queuesRoutes(router: Router, deps: HttpDependencies, extras: QueuesPageExtras = {}): void {
  router.get('/colas', async (request, response) => {
    const session = sessionOf(response);
    const reader = deps.deadLetters;
    const sections =
      reader === null
        ? notice('warn', 'Las colas son de SQS: sus mensajes muertos están en las colas de mensajes muertos de AWS.')
        : await Promise.all(
            INBOUND_QUEUES.map(async (queue) => {
              const [depth, letters] = await Promise.all([reader.depth(queue), reader.deadLetters(queue, SHOWN_DEAD_LETTERS)]);
              return queueSection(queue, depth, letters, session, extras);
            }),
          );
    response.send(
      page({ title: 'Colas', section: '/admin/colas', session, scripts: ['confirm'] }, html`<h1>Colas</h1>${flashFor(request.query)}${sections}`),
    );
  });
}

function queueSection(queue: string, depth: number, letters: readonly DeadLetter[], session: ConsoleSession, extras: QueuesPageExtras): SafeHtml {
  return html`<section class="card" id="${queue}" aria-labelledby="q-${queue}"><h2 id="q-${queue}">${queue}</h2>
<p>${formatNumber(depth)} en espera · ${formatNumber(letters.length)} mensajes muertos</p>
${letters.length > 0 && extras.redrive !== undefined ? extras.redrive(queue, null, session) : ''}
${
  letters.length === 0
    ? html`<p class="muted">Sin mensajes muertos.</p>`
    : html`<table class="stack" data-dead-letters="${queue}"><thead><tr><th scope="col">Muerto</th><th scope="col">Motivo</th><th scope="col">Recepciones</th><th scope="col">Cuerpo</th><th scope="col"><span class="muted">Acción</span></th></tr></thead>
<tbody>${letters.map(
        (letter) =>
          html`<tr data-dead-letter="${letter.id}"><td data-label="Muerto">${formatDateTime(letter.deadAt)}</td><td data-label="Motivo">${maskPhonesInText(letter.reason)}</td><td data-label="Recepciones" class="num">${letter.receiveCount}</td><td data-label="Cuerpo"><details><summary>Ver cuerpo</summary><pre class="mono">${maskPhonesInText(letter.body)}</pre></details></td><td data-label="Acción">${extras.redrive === undefined ? '—' : extras.redrive(queue, letter.id, session)}</td></tr>`,
      )}</tbody></table>`
}</section>`;
}
