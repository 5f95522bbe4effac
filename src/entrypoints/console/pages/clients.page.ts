import type { Request, Response, Router } from 'express';
import type { ClientProfile } from '../../../domain/clients/client.ts';
import { parseClientId } from '../../../domain/clients/client-id.ts';
import { maskPhone, maskPhonesInText } from '../../../domain/phone/masking.ts';
import { clientUpdateSchema } from '../../contracts/admin.schema.ts';
import { describeIssues } from '../../contracts/parse-json.ts';
import { readUsuarioClientes, usersByClient } from '../../contracts/usuarioclientes.ts';
import type { HttpDependencies } from '../../http/http-dependencies.ts';
import { sessionOf } from '../auth.ts';
import { flashFor } from '../flash.ts';
import { formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { rejectionReason } from '../labels.ts';
import { csrfField, notice, page } from '../layout.ts';
import type { ConsoleSession } from '../sessions.ts';
import { deliveriesTable } from './deliveries.page.ts';

const RECENT_DELIVERIES = 10;

const count = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function field(request: Request, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** `/admin/clientes` Clientes: list, detail, edit (the rules of `PUT /api/clients/:id`) and import. */
export function clientsRoutes(router: Router, deps: HttpDependencies): void {
  router.get('/clientes', async (request, response) => {
    const clients = await deps.manageClients.list();
    response.send(clientsPage(deps, sessionOf(response), clients, flashFor(request.query)));
  });

  router.post('/clientes/importar', async (request, response) => {
    const session = sessionOf(response);
    const show = async (status: number, message: SafeHtml) =>
      response.status(status).send(clientsPage(deps, session, await deps.manageClients.list(), message));
    if (!deps.manageClients.writable) return show(409, notice('bad', readOnlyText));
    const read = readUsuarioClientes(field(request, 'documentos'));
    if (!read.ok) return show(400, notice('bad', `No se pudo importar: ${read.error}.`));
    const profiles: ClientProfile[] = [];
    for (const [clientId, users] of usersByClient(read.value.documents)) {
      const saved = await deps.manageClients.replace(clientId, { users });
      if (saved.ok) profiles.push(saved.value);
    }
    const rejected = profiles.reduce((sum, profile) => sum + profile.rejected.length, 0);
    const contacts = profiles.reduce((sum, profile) => sum + profile.contacts.length, 0);
    return show(
      200,
      notice(
        read.value.invalid.length > 0 || rejected > 0 ? 'warn' : 'ok',
        html`Importado: ${count(profiles.length, 'cliente', 'clientes')} con ${count(contacts, 'contacto', 'contactos')} de WhatsApp;
        ${count(rejected, 'entrada rechazada', 'entradas rechazadas')};
        ${count(read.value.documents.filter((document) => document.borrado).length, 'documento borrado omitido', 'documentos borrados omitidos')}.
        ${
          read.value.invalid.length === 0
            ? ''
            : html`<br />Documentos que no se pudieron leer:
                <ul>
                  ${read.value.invalid.map((invalid) => html`<li>${invalid.where}: ${maskPhonesInText(invalid.reason)}</li>`)}
                </ul>`
        }`,
      ),
    );
  });

  router.get('/clientes/:id', async (request, response) => {
    const id = parseClientId(String(request.params['id']));
    const client = id === undefined ? undefined : await deps.manageClients.get(id);
    if (client === undefined) return notFound(response);
    response.send(await clientPage(deps, sessionOf(response), client, flashFor(request.query)));
  });

  router.post('/clientes/:id', async (request, response) => {
    const session = sessionOf(response);
    const id = parseClientId(String(request.params['id']));
    if (id === undefined) return notFound(response);
    const current = await deps.manageClients.get(id);
    const providerField = field(request, 'proveedor').trim();
    const body = clientUpdateSchema.safeParse({
      name: field(request, 'nombre').trim() === '' ? null : field(request, 'nombre'),
      provider: providerField === '' ? null : providerField,
      users: field(request, 'usuarios')
        .split(/\r?\n/u)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    });
    const refuse = async (status: number, message: string) => {
      const shown = current ?? { id, name: null, provider: null, contacts: [], meltwaterDistributionIds: [], emails: [], rejected: [] };
      response.status(status).send(await clientPage(deps, session, shown, notice('bad', message)));
    };
    if (!body.success) return refuse(400, `No se guardó: ${describeIssues(body.error)}`);
    const provider = body.data.provider;
    if (provider !== undefined && provider !== null && !deps.providers.includes(provider)) {
      return refuse(400, `No se guardó: el proveedor ${provider} no está configurado aquí (configurados: ${deps.providers.join(', ')}).`);
    }
    const saved = await deps.manageClients.replace(id, body.data);
    if (!saved.ok) return refuse(409, readOnlyText);
    response.redirect(303, `/admin/clientes/${id}?hecho=guardado`);
  });
}

const readOnlyText = 'Los clientes viven en la base de datos de CVT (MongoDB), que este servicio solo lee: edítelos allí.';

function notFound(response: Response): void {
  response.status(404).send(
    page(
      { title: 'Cliente no encontrado', section: '/admin/clientes', session: sessionOf(response) },
      html`<h1>Cliente no encontrado</h1>
        <p><a href="/admin/clientes">Volver a los clientes</a></p>`,
    ),
  );
}

function clientsPage(deps: HttpDependencies, session: ConsoleSession, clients: readonly ClientProfile[], message: SafeHtml | ''): string {
  return page(
    { title: 'Clientes', section: '/admin/clientes', session, scripts: ['fileImport'] },
    html`<h1>Clientes</h1>
      ${message}
      ${
        clients.length === 0
          ? html`<p class="muted">Aún no hay clientes.</p>`
          : html`<table class="stack" id="clientes">
              <thead>
                <tr>
                  <th scope="col">Cliente</th>
                  <th scope="col" class="num">Contactos WhatsApp</th>
                  <th scope="col" class="num">Boletines</th>
                  <th scope="col" class="num">Rechazados</th>
                  <th scope="col">Proveedor</th>
                </tr>
              </thead>
              <tbody>
                ${clients.map(
                  (client) =>
                    html`<tr>
                      <td data-label="Cliente">
                        <a href="/admin/clientes/${client.id}">${client.name ?? client.id}</a
                        >${client.name === null ? '' : html`<br /><span class="muted mono">${client.id}</span>`}
                      </td>
                      <td class="num" data-label="Contactos WhatsApp">${formatNumber(client.contacts.length)}</td>
                      <td class="num" data-label="Boletines">${formatNumber(client.meltwaterDistributionIds.length)}</td>
                      <td class="num" data-label="Rechazados">
                        ${client.rejected.length === 0 ? '0' : html`<span class="badge bad">${formatNumber(client.rejected.length)}</span>`}
                      </td>
                      <td data-label="Proveedor">${client.provider ?? html`<span class="muted">${deps.provider} (configurado)</span>`}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${
        deps.manageClients.writable
          ? html`<section class="card" aria-labelledby="c-import">
              <h2 id="c-import">Importar usuarioclientes</h2>
              <p class="muted">
                Un archivo de <span class="mono">mongoexport</span> (arreglo JSON o una línea JSON por documento). Cada cliente del archivo
                queda con exactamente sus usuarios no borrados.
              </p>
              <form method="post" action="/admin/clientes/importar">
                ${csrfField(session)}
                <div class="field">
                  <label for="c-file">Archivo</label
                  ><input id="c-file" type="file" accept=".json,application/json,text/plain" data-file-into="c-docs" />
                </div>
                <div class="field">
                  <label for="c-docs">Documentos (o pegue el contenido aquí)</label
                  ><textarea id="c-docs" name="documentos" spellcheck="false"></textarea>
                </div>
                <button type="submit">Importar</button>
              </form>
            </section>`
          : notice('warn', readOnlyText)
      }`,
  );
}

async function clientPage(deps: HttpDependencies, session: ConsoleSession, client: ClientProfile, message: SafeHtml | ''): Promise<string> {
  const recent = await deps.queryDeliveries.list({ clientId: client.id, limit: RECENT_DELIVERIES });
  return page(
    { title: client.name ?? 'Cliente', section: '/admin/clientes', session },
    html`<p><a href="/admin/clientes">← Clientes</a></p>
      <h1>${client.name ?? 'Cliente sin nombre'}</h1>
      <p class="mono muted">${client.id}</p>
      ${message}
      <div class="grid">
        <section class="card" aria-labelledby="c-contacts">
          <h2 id="c-contacts">Contactos de WhatsApp (${formatNumber(client.contacts.length)})</h2>
          ${
            client.contacts.length === 0
              ? html`<p class="muted">Ninguno.</p>`
              : html`<ul id="contactos">
                  ${client.contacts.map((contact) => html`<li class="mono">${maskPhone(contact.phone)}</li>`)}
                </ul>`
          }
        </section>
        <section class="card" aria-labelledby="c-dist">
          <h2 id="c-dist">Boletines de Meltwater (${formatNumber(client.meltwaterDistributionIds.length)})</h2>
          ${
            client.meltwaterDistributionIds.length === 0
              ? html`<p class="muted">Ninguno.</p>`
              : html`<ul>
                  ${client.meltwaterDistributionIds.map((id) => html`<li class="mono">${id}</li>`)}
                </ul>`
          }
        </section>
        <section class="card" aria-labelledby="c-provider">
          <h2 id="c-provider">Proveedor</h2>
          <p>
            ${client.provider === null ? html`El configurado (<strong>${deps.provider}</strong>).` : html`<strong>${client.provider}</strong> (propio de este cliente).`}
          </p>
        </section>
      </div>
      <section class="card" aria-labelledby="c-rejected">
        <h2 id="c-rejected">Entradas rechazadas (${formatNumber(client.rejected.length)})</h2>
        ${
          client.rejected.length === 0
            ? html`<p class="muted">Ninguna: todas las entradas son válidas.</p>`
            : html`<table class="stack" id="rechazados">
                <thead>
                  <tr>
                    <th scope="col">Entrada</th>
                    <th scope="col">Motivo</th>
                  </tr>
                </thead>
                <tbody>
                  ${client.rejected.map(
                    (user) =>
                      html`<tr>
                        <td data-label="Entrada" class="mono">${maskPhonesInText(user.value)}</td>
                        <td data-label="Motivo">${maskPhonesInText(rejectionReason(user.reason))}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section class="card" aria-labelledby="c-recent">
        <h2 id="c-recent">Últimos envíos</h2>
        ${recent.length === 0 ? html`<p class="muted">Ninguno.</p>` : deliveriesTable(recent)}
        <p><a href="/admin/envios?cliente=${client.id}">Ver todos sus envíos</a></p>
      </section>
      ${
        deps.manageClients.writable
          ? html`<section class="card" aria-labelledby="c-edit">
              <h2 id="c-edit">Editar</h2>
              <form method="post" action="/admin/clientes/${client.id}">
                ${csrfField(session)}
                <div class="field">
                  <label for="e-nombre">Nombre</label><input id="e-nombre" name="nombre" value="${client.name ?? ''}" maxlength="200" />
                </div>
                <div class="field">
                  <label for="e-proveedor">Proveedor</label
                  ><select id="e-proveedor" name="proveedor">
                    <option value="">El configurado (${deps.provider})</option>
                    ${deps.providers.map((provider) => html`<option value="${provider}" ${client.provider === provider ? ' selected' : ''}>${provider}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="e-usuarios">Usuarios (uno por línea; reemplaza la lista completa)</label>
                  <textarea
                    id="e-usuarios"
                    name="usuarios"
                    spellcheck="false"
                    aria-describedby="e-help"
                    placeholder="50688888888@c.us&#10;6734a46da330314a4cd0c3da@meltwater.com&#10;persona@ejemplo.com"
                  ></textarea>
                  <p id="e-help" class="muted">
                    Como el campo <span class="mono">correo</span> de usuarioclientes: <span class="mono">número@c.us</span>,
                    <span class="mono">id@meltwater.com</span> o un correo. Por privacidad la lista actual no se muestra completa: escríbala
                    entera.
                  </p>
                </div>
                <button type="submit">Guardar</button>
              </form>
            </section>`
          : notice('warn', readOnlyText)
      }`,
  );
}
