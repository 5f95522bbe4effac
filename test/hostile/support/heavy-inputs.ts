import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';

/** CVT's offline report whose news section nests `depth` divs around its one item (issue 16: 40,000 deep, 440 KB). */
export function deepReport(depth: number): string {
  return `<html><head><title>Informe</title></head><body><div class="notasDirectas">${'<div>'.repeat(depth)}<a href="https://www.crhoy.com/nota">Nota enterrada bajo muchos niveles</a>${'</div>'.repeat(depth)}</div></body></html>`;
}

/** A Meltwater newsletter whose news table sits `depth` levels deep. */
export function deepNewsletter(depth: number): string {
  return `<html><head><title>Resumen de medios</title></head><body>${'<div>'.repeat(depth)}<table><tr><td><a href="https://www.nacion.com/politica/reforma-fiscal/">Asamblea aprueba reforma fiscal en primer debate</a><br>La Nación</td></tr></table>${'</div>'.repeat(depth)}</body></html>`;
}

/** A Data Streams call (api.json template) with `count` documents. */
export function dataStreamsCall(count: number, prefix = 'doc'): string {
  const documents = Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    url: `https://www.crhoy.com/nacionales/${prefix}-${index}/`,
    content: { title: `Noticia ${index} sobre el cliente`, opening_text: 'Resumen breve.' },
    source: { name: 'CRHoy' },
    enrichments: { sentiment: 'neutral' },
  }));
  return JSON.stringify({ request: { id: 'req-1' }, documents });
}

/** `count` distinct WhatsApp users of a client, as CVT stores them. */
export function whatsappUsers(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `5068${String(10_000_000 + index).slice(1)}@c.us`);
}

/** Reads the embedded database of a running (or stopped) server, read-only. */
export function readDatabase<T>(dataDir: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(dataDir, 'cvt-whatsapp.db'), { readOnly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export const deliveryCount = (dataDir: string): number =>
  readDatabase(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM deliveries').get() as { n: number }).n);
