import { randomBytes } from 'node:crypto';
import { ObjectId } from 'mongodb';
import { describe } from 'vitest';
import { MongoClientDirectory } from '../../src/adapters/mongodb/mongodb.client-directory.adapter.ts';
import { connectMongoClient } from '../../src/adapters/mongodb/mongodb.connection.ts';
import type { UsuarioClienteDocument } from '../../src/adapters/mongodb/mongodb.usuarioclientes.ts';
import { clientDirectoryContract, type UsuarioClienteSeed } from './client-directory-read.contract.ts';

// No MongoDB server can run on the development machines (see README, "How it is proved"): the
// suite runs whenever MONGODB_URI points at a real one, and says so when it does not.
const uri = process.env['MONGODB_URI'];
if (!uri) console.warn('MongoDB contract suites skipped: set MONGODB_URI to run them against a real server');

/** The seed as CVT's backend stores it: `borrado` absent unless set, `clienteId` an ObjectId unless the seed says string. */
function usuarioCliente(seed: UsuarioClienteSeed): UsuarioClienteDocument {
  return {
    clienteId: seed.asObjectId === false ? seed.clienteId : ObjectId.createFromHexString(seed.clienteId),
    correo: seed.correo,
    ...(seed.borrado === undefined ? {} : { borrado: seed.borrado }),
  };
}

describe.skipIf(!uri)('mongodb client directory', () => {
  clientDirectoryContract('mongodb', {
    async create(documents) {
      const name = `cvt_whatsapp_test_${randomBytes(6).toString('hex')}`;
      const client = await connectMongoClient(uri!);
      const users = client.db(name).collection<UsuarioClienteDocument>('usuarioclientes');
      if (documents.length > 0) await users.insertMany(documents.map(usuarioCliente));
      return {
        directory: new MongoClientDirectory(users),
        async close() {
          try {
            await client.db(name).dropDatabase();
          } finally {
            await client.close();
          }
        },
      };
    },
  });
});
