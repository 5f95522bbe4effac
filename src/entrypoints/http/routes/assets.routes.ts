import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';

const ASSET_FILE = /^[a-z0-9][a-z0-9-]{0,63}\.png$/u;

/**
 * The images the project ships (default header, footer and link preview card of the report pages),
 * at `/assets/…` as under PUBLIC_MEDIA_BASE_URL, so that a fresh install shows no broken image.
 * Read once, then kept: they change only with a new build.
 */
export function assetsRoutes(directory: string | null): Router {
  const router = Router();
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const load = (file: string): Promise<Buffer | undefined> => {
    let bytes = cache.get(file);
    if (bytes === undefined) {
      // Only files that exist stay cached: names asked for at random must not grow the map.
      bytes = directory === null ? Promise.resolve(undefined) : readFile(join(directory, file)).catch(() => undefined);
      cache.set(file, bytes);
      void bytes.then((found) => found === undefined && cache.delete(file));
    }
    return bytes;
  };
  router.get('/assets/:file', async (request, response, next) => {
    const file = String(request.params['file']);
    const bytes = ASSET_FILE.test(file) ? await load(file) : undefined;
    if (bytes === undefined) {
      next();
      return;
    }
    response.setHeader('Content-Type', 'image/png');
    response.setHeader('Cache-Control', 'public, max-age=86400');
    response.status(200).send(bytes);
  });
  return router;
}
