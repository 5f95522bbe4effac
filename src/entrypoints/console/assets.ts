import { createHash } from 'node:crypto';
import type { Router } from 'express';
import { CONFIRM_JS } from './assets/confirm.js.ts';
import { CONSOLE_CSS } from './assets/console.css.ts';
import { FILE_IMPORT_JS } from './assets/file-import.js.ts';
import { LIVE_JS } from './assets/live.js.ts';

interface Asset {
  readonly path: string;
  readonly type: string;
  readonly body: string;
}

function fingerprinted(name: string, extension: string, type: string, body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/admin/assets/${name}.${hash}.${extension}`, type, body };
}

/** Each asset's URL changes with its content, so browsers may keep it for a year. */
export const ASSETS = {
  css: fingerprinted('console', 'css', 'text/css; charset=utf-8', CONSOLE_CSS),
  live: fingerprinted('live', 'js', 'text/javascript; charset=utf-8', LIVE_JS),
  fileImport: fingerprinted('file-import', 'js', 'text/javascript; charset=utf-8', FILE_IMPORT_JS),
  confirm: fingerprinted('confirm', 'js', 'text/javascript; charset=utf-8', CONFIRM_JS),
} as const;

export function serveAssets(router: Router): void {
  for (const asset of Object.values(ASSETS)) {
    router.get(asset.path.replace(/^\/admin/u, ''), (_request, response) => {
      response.setHeader('Content-Type', asset.type);
      response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      response.send(asset.body);
    });
  }
}
