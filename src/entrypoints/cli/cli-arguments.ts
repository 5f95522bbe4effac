import { InvalidArgumentError } from 'commander';
import { parseClientId, type ClientId } from '../../domain/clients/client-id.ts';

/** Commander argument parser: a bad client id is a one-line usage error before anything is opened. */
export function clientIdArgument(value: string): ClientId {
  const id = parseClientId(value.trim());
  if (id === undefined) throw new InvalidArgumentError('must be 24 hexadecimal characters (a MongoDB ObjectId).');
  return id;
}
