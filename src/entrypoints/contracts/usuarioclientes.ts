import * as z from 'zod';
import type { Client } from '../../domain/clients/client.ts';
import type { ClientId } from '../../domain/clients/client-id.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { describeIssues } from './parse-json.ts';

/**
 * CVT's `usuarioclientes` documents as `mongoexport` writes them: `clienteId` as a hex string or as
 * extended JSON `{"$oid": "..."}`, `borrado` possibly missing. Other fields (`_id`, ...) are ignored.
 */
const objectId = z
  .union([z.string(), z.object({ $oid: z.string() })])
  .transform((value) => (typeof value === 'string' ? value : value.$oid).trim())
  .pipe(z.string().regex(/^[0-9a-fA-F]{24}$/u, 'must be a 24-hexadecimal ObjectId'))
  .transform((id) => id.toLowerCase() as ClientId);

const usuarioClienteSchema = z.object({
  clienteId: objectId,
  correo: z.string().trim().min(1, 'must not be empty'),
  borrado: z
    .boolean()
    .nullish()
    .transform((deleted) => deleted === true),
});

export type UsuarioCliente = z.infer<typeof usuarioClienteSchema>;

export interface ReadDocuments {
  readonly documents: UsuarioCliente[];
  /** Documents that could not be read, by their place in the file; the others are still imported. */
  readonly invalid: { readonly where: string; readonly reason: string }[];
}

/** A JSON array (`mongoexport --jsonArray`), JSON lines (plain `mongoexport`) or one document. */
export function readUsuarioClientes(text: string): Result<ReadDocuments, string> {
  const trimmed = text.trim();
  if (trimmed === '') return err('the file is empty');
  const whole = parseLine(trimmed);
  if (Array.isArray(whole)) return ok(validate(whole.map((value, index) => ({ where: `document ${index + 1}`, value }))));
  if (whole !== NOT_JSON) return ok(validate([{ where: 'document 1', value: whole }]));
  if (trimmed.startsWith('[')) return err('the file starts with [ but is not a valid JSON array');
  const lines = text.split(/\r?\n/u).flatMap((line, index) => (line.trim() === '' ? [] : [{ where: `line ${index + 1}`, line }]));
  return ok(validate(lines.map(({ where, line }) => ({ where, value: parseLine(line) }))));
}

const NOT_JSON = Symbol('not JSON');

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function validate(entries: readonly { where: string; value: unknown }[]): ReadDocuments {
  const documents: UsuarioCliente[] = [];
  const invalid: { where: string; reason: string }[] = [];
  for (const { where, value } of entries) {
    if (value === NOT_JSON) {
      invalid.push({ where, reason: 'not valid JSON' });
      continue;
    }
    const parsed = usuarioClienteSchema.safeParse(value);
    if (parsed.success) documents.push(parsed.data);
    else invalid.push({ where, reason: describeIssues(parsed.error) });
  }
  return { documents, invalid };
}

/**
 * Each client's users as the file says, in file order, deleted documents left out. A client whose
 * documents are all deleted ends with no users: that is what its documents say.
 */
export function usersByClient(documents: readonly UsuarioCliente[]): Map<ClientId, string[]> {
  const clients = new Map<ClientId, string[]>();
  for (const document of documents) {
    const users = clients.get(document.clienteId) ?? [];
    if (!document.borrado) users.push(document.correo);
    clients.set(document.clienteId, users);
  }
  return clients;
}

export type ClienteIdForm = 'oid' | 'string';

export interface ExportedUsuarioCliente {
  readonly clienteId: { readonly $oid: string } | string;
  readonly correo: string;
  readonly borrado: false;
}

/**
 * The documents a `clients import` reads back into the same clients. CVT's documents hold `clienteId`
 * as an ObjectId, which extended JSON writes `{"$oid": …}`: that is what `mongoimport` turns back
 * into an ObjectId, where a plain string would become a string that CVT's queries never match.
 */
export function toUsuarioClientes(clients: readonly Client[], form: ClienteIdForm = 'oid'): ExportedUsuarioCliente[] {
  return clients.flatMap((client) =>
    client.users.map((correo) => ({
      clienteId: form === 'oid' ? { $oid: client.id } : client.id,
      correo,
      borrado: false as const,
    })),
  );
}
