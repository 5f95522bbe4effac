import { describe, expect, it } from 'vitest';
import type { ClientDirectory } from '../../src/application/ports/client-directory.port.ts';

/** A `usuarioclientes` document as CVT's MongoDB holds it; `clienteId` may be an ObjectId or its hex string. */
export interface UsuarioClienteSeed {
  readonly clienteId: string;
  /** Store the client id as an ObjectId (true) or as a string (false), as both exist in CVT's data. */
  readonly asObjectId?: boolean;
  readonly correo: string;
  readonly borrado?: boolean;
}

export interface ClientDirectoryHarness {
  create(documents: readonly UsuarioClienteSeed[]): Promise<{ directory: ClientDirectory; close(): Promise<void> }>;
}

const A = '5792a7288ac8f35b0aa93bee';
const B = '5792a7288ac8f35b0aa93bef';
const C = '5792a7288ac8f35b0aa93bf0';

const SEED: UsuarioClienteSeed[] = [
  { clienteId: A, asObjectId: true, correo: '50688888888@c.us' },
  { clienteId: A, asObjectId: false, correo: '6734a46da330314a4cd0c3da@meltwater.com' },
  { clienteId: A, asObjectId: true, correo: 'ana@example.com' },
  { clienteId: A, asObjectId: true, correo: '50677777777@c.us', borrado: true },
  { clienteId: B, asObjectId: false, correo: '50666666666@c.us' },
  { clienteId: C, asObjectId: true, correo: '6734a46da330314a4cd0c3db@Meltwater.com', borrado: true },
  { clienteId: C, asObjectId: true, correo: '50655555555@c.us' },
];

/** What every ClientDirectory must do with CVT's `usuarioclientes` conventions (docs/contracts/product.md §2). */
export function clientDirectoryContract(name: string, harness: ClientDirectoryHarness): void {
  describe(`ClientDirectory contract: ${name}`, () => {
    const withDirectory = (test: (directory: ClientDirectory) => Promise<void>) => async () => {
      const { directory, close } = await harness.create(SEED);
      try {
        await test(directory);
      } finally {
        await close();
      }
    };

    it(
      'returns a client\u2019s undeleted users, whether its id was stored as an ObjectId or a string',
      withDirectory(async (directory) => {
        const client = await directory.get(A);
        expect(client?.id).toBe(A);
        expect([...client!.users].sort()).toEqual(['50688888888@c.us', '6734a46da330314a4cd0c3da@meltwater.com', 'ana@example.com']);
        expect((await directory.get(A.toUpperCase()))?.id).toBe(A);
      }),
    );

    it(
      'knows nothing of a client it has no user for',
      withDirectory(async (directory) => {
        expect(await directory.get('aaaaaaaaaaaaaaaaaaaaaaaa')).toBeUndefined();
      }),
    );

    it(
      'lists every client with an undeleted user, by id',
      withDirectory(async (directory) => {
        expect((await directory.list()).map((client) => client.id)).toEqual([A, B, C]);
      }),
    );

    it(
      'lists for newsletters only clients with an undeleted Meltwater distribution, with all their users',
      withDirectory(async (directory) => {
        const clients = await directory.withNewsletters();
        expect(clients.map((client) => client.id)).toEqual([A]);
        expect(clients[0]!.users).toHaveLength(3);
      }),
    );
  });
}
