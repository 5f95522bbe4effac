import * as driver from 'mongodb';
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import {
  MELTWATER_USERS,
  MELTWATER_USER_PATTERN,
  UNDELETED_USERS,
  clientIdForms,
  clientIdOf,
  clientsOf,
  usersOfClientFilter,
  usersOfClientsFilter,
} from '../../../../src/adapters/mongodb/mongodb.usuarioclientes.ts';
import { parseClientId, type ClientId } from '../../../../src/domain/clients/client-id.ts';

const A = '5792a7288ac8f35b0aa93bee' as ClientId;
const B = '5792a7288ac8f35b0aa93bef' as ClientId;

describe("CVT's usuarioclientes in MongoDB", () => {
  it('looks a client up by both forms of its id, leaving deleted users out', () => {
    const forms = clientIdForms(A, driver);
    expect(forms).toHaveLength(2);
    expect(forms[0]).toBeInstanceOf(ObjectId);
    expect((forms[0] as ObjectId).toHexString()).toBe(A);
    expect(forms[1]).toBe(A);
    expect(usersOfClientFilter(A, driver)).toEqual({ clienteId: { $in: forms }, borrado: { $ne: true } });
    expect(usersOfClientsFilter([A, B], driver)).toEqual({
      clienteId: { $in: [...forms, ...clientIdForms(B, driver)] },
      borrado: { $ne: true },
    });
    expect(UNDELETED_USERS).toEqual({ borrado: { $ne: true } });
  });

  it('reads a stored client id as lower-case hex, from an ObjectId or a string', () => {
    expect(clientIdOf(new ObjectId(A), driver)).toBe(A);
    expect(clientIdOf(A.toUpperCase(), driver)).toBe(A);
    for (const bad of ['not-an-id', 42, null, undefined, { $oid: A }]) expect(clientIdOf(bad, driver)).toBeUndefined();
  });

  it('finds Meltwater distribution users by an anchored, case-insensitive suffix', () => {
    expect(MELTWATER_USERS).toEqual({ correo: { $regex: MELTWATER_USER_PATTERN, $options: 'i' }, borrado: { $ne: true } });
    const meltwater = new RegExp(MELTWATER_USER_PATTERN, 'i');
    for (const yes of ['6734a46da330314a4cd0c3da@meltwater.com', '6734a46da330314a4cd0c3db@Meltwater.COM'])
      expect(meltwater.test(yes)).toBe(true);
    for (const no of ['ana@meltwater.com.cr', 'ana@meltwaterXcom', 'ana@example.com', '50688888888@c.us', 'meltwater.com'])
      expect(meltwater.test(no)).toBe(false);
  });

  it('groups users by client, ids in order, users as stored, skipping what is not a user of a client', () => {
    const clients = clientsOf(
      [
        { clienteId: B, correo: '50666666666@c.us' },
        { clienteId: new ObjectId(A), correo: '50688888888@c.us' },
        { clienteId: A, correo: '6734a46da330314a4cd0c3da@meltwater.com' },
        { clienteId: 'bogus', correo: 'x@example.com' },
        { clienteId: new ObjectId(A) },
        { clienteId: A.toUpperCase(), correo: 'ana@example.com' },
      ],
      driver,
    );
    expect(clients).toEqual([
      { id: A, name: null, provider: null, users: ['50688888888@c.us', '6734a46da330314a4cd0c3da@meltwater.com', 'ana@example.com'] },
      { id: B, name: null, provider: null, users: ['50666666666@c.us'] },
    ]);
    expect(clients.map((client) => parseClientId(client.id))).toEqual([A, B]);
    expect(clientsOf([], driver)).toEqual([]);
  });
});
