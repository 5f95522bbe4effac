import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** How many messages the outbox provider has recorded in DATA_DIR/outbox.db (none before the file exists). */
export function outboxCount(dataDir: string): number {
  const path = join(dataDir, 'outbox.db');
  if (!existsSync(path)) return 0;
  const db = new DatabaseSync(path, { readOnly: true, timeout: 1_000 });
  try {
    return (db.prepare('SELECT count(*) AS count FROM outbox').get() as { count: number }).count;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}
