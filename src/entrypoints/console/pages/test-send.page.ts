import type { Router } from 'express';
import { maskPhone, maskPhonesInText } from '../../../domain/phone/masking.ts';
import { parsePhoneNumber } from '../../../domain/phone/phone-number.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, notice, page } from '../layout.ts';
import type { ConsoleSession } from '../sessions.ts';

const DEFAULT_TEXT = 'Mensaje de prueba de CVT WhatsApp.';

/** `/admin/prueba` Prueba: one message straight through the configured provider, its answer shown at once. */
export function testSendRoutes(router: Router, deps: HttpDependencies): void {
  router.get('/prueba', (_request, response) => {
    response.send(testPage(deps, sessionOf(response), ''));
  });

  router.post('/prueba', async (request, response) => {
    const body = request.body as Record<string, unknown>;
    const typed = String(body['numero'] ?? '')
      .trim()
      .replace(/@c\.us$/iu, '');
    const text = String(body['texto'] ?? '').trim() || DEFAULT_TEXT;
    const parsed = parsePhoneNumber(typed, deps.defaultCountryCode);
    const recipient = maskPhone(parsed.ok ? parsed.value : typed);
    const result = await deps.sendTestMessage.execute(typed, text.slice(0, 1_000));
    const outcome = result.ok
      ? notice(
          'ok',
          html`Enviado por <strong>${result.value.provider}</strong> a <span class="mono">${recipient}</span>; id del mensaje:
            <span class="mono"
              >${result.value.providerMessageId === null ? '(ninguno)' : maskPhonesInText(result.value.providerMessageId)}</span
            >.`,
        )
      : notice(
          'bad',
          html`No se envió a <span class="mono">${recipient}</span> (${result.error.kind}): ${maskPhonesInText(result.error.message)}`,
        );
    response.status(result.ok ? 200 : 422).send(testPage(deps, sessionOf(response), outcome));
  });
}

function testPage(deps: HttpDependencies, session: ConsoleSession, outcome: SafeHtml | ''): string {
  return page(
    { title: 'Prueba', section: '/admin/prueba', session },
    html`<h1>Mensaje de prueba</h1>
      ${outcome}
      <section class="card">
        <p>
          Envía un mensaje directamente por el proveedor configurado (<strong>${deps.provider}</strong>), fuera del registro de envíos, y
          muestra su respuesta.
        </p>
        <form method="post" action="/admin/prueba">
          ${csrfField(session)}
          <div class="field">
            <label for="t-numero">Número</label
            ><input id="t-numero" name="numero" inputmode="tel" autocomplete="off" required placeholder="8888 8888" />
          </div>
          <div class="field">
            <label for="t-texto">Texto</label><textarea id="t-texto" name="texto" maxlength="1000">${DEFAULT_TEXT}</textarea>
          </div>
          <button type="submit">Enviar prueba</button>
        </form>
      </section>`,
  );
}
