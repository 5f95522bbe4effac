import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { eventually } from '../../support/server-process.ts';

export interface LedgerRow {
  readonly job: string;
  readonly recipient: string;
  readonly status: string;
  readonly lastError: string | null;
}

/** The delivery ledger of an embedded deployment, read as an outside observer would: straight from its file. */
export function readLedger(dataDir: string): LedgerRow[] {
  const db = new DatabaseSync(join(dataDir, 'cvt-whatsapp.db'), { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare('SELECT job, recipient, status, last_error AS lastError FROM deliveries').all() as unknown as LedgerRow[];
  } finally {
    db.close();
  }
}

const IN_FLIGHT = new Set(['queued', 'sending']);

/** Waits until the ledger holds `count` deliveries of `job` and none of them is still on its way. */
export async function settledLedger(dataDir: string, job: string, count: number, timeoutMs: number): Promise<LedgerRow[]> {
  return eventually(
    async () => {
      const rows = readLedger(dataDir).filter((row) => row.job === job);
      return rows.length >= count && !rows.some((row) => IN_FLIGHT.has(row.status)) ? rows : undefined;
    },
    timeoutMs,
    `${count} settled ${job} deliveries`,
  );
}
