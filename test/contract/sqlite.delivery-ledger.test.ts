import { join } from 'node:path';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { deliveryLedgerContract } from './delivery-ledger.contract.ts';

const tempDir = useTempDirs();

deliveryLedgerContract('sqlite', {
  async create() {
    const path = join(tempDir(), 'ledger.db');
    const [a, b] = [openDatabase(path), openDatabase(path)];
    return {
      ledger: new SqliteDeliveryLedger(a),
      second: new SqliteDeliveryLedger(b),
      async close() {
        a.close();
        b.close();
      },
    };
  },
});
