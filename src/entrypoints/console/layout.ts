import { ASSETS } from './assets.ts';
import { html, type SafeHtml } from './html.ts';
import type { ConsoleSession } from './sessions.ts';

const NAV = [
  { path: '/admin', label: 'Resumen' },
  { path: '/admin/envios', label: 'Envíos' },
  { path: '/admin/clientes', label: 'Clientes' },
  { path: '/admin/boletines', label: 'Boletines' },
  { path: '/admin/colas', label: 'Colas' },
  { path: '/admin/prueba', label: 'Prueba' },
] as const;

type Section = (typeof NAV)[number]['path'];

export interface PageOptions {
  readonly title: string;
  readonly section?: Section;
  readonly session?: ConsoleSession;
  readonly scripts?: readonly ('live' | 'fileImport' | 'confirm')[];
}

function head(title: string, scripts: readonly ('live' | 'fileImport' | 'confirm')[]): SafeHtml {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <meta name="referrer" content="no-referrer" />
    <title>${title} · Consola CVT WhatsApp</title>
    <link rel="stylesheet" href="${ASSETS.css.path}" />
    ${scripts.map((name) => html`<script type="module" src="${ASSETS[name].path}"></script>`)}
  </head>`;
}

/** A whole console page: navigation, the page's content, and the logout form (it changes state, so it posts). */
export function page(options: PageOptions, content: SafeHtml): string {
  const { session } = options;
  return html`<!DOCTYPE html>
    <html lang="es">
      ${head(options.title, options.scripts ?? [])}
      <body>
        <a class="skip" href="#contenido">Saltar al contenido</a>
        <header class="top">
          <div class="top-inner">
            <span class="brand">CVT WhatsApp</span>
            ${
              session === undefined
                ? ''
                : html`<nav aria-label="Secciones">
                      <ul>
                        ${NAV.map((item) => html`<li><a href="${item.path}" ${item.path === options.section ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}
                      </ul>
                    </nav>
                    <form method="post" action="/admin/logout">
                      ${csrfField(session)}<button class="link" type="submit">Salir</button>
                    </form>`
            }
          </div>
        </header>
        <main id="contenido">${content}</main>
      </body>
    </html>`.value;
}

export function csrfField(session: ConsoleSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrf}" />`;
}

export type NoticeKind = 'ok' | 'bad' | 'warn';

export function notice(kind: NoticeKind, content: SafeHtml | string): SafeHtml {
  return html`<div class="notice ${kind}" role="${kind === 'bad' ? 'alert' : 'status'}">${content}</div>`;
}
