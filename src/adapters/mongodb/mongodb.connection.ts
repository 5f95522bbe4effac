import type { Db, MongoClient, MongoClientOptions } from 'mongodb';
import { mongoDriver } from './mongodb.driver.ts';

/**
 * Pool and timeouts fit for Lambda, harmless for the server: a container serves one invocation at a
 * time, so a small pool suffices; connections are opened on demand (`minPoolSize: 0`) and dropped
 * when idle, since a frozen container's sockets are often cut by the server meanwhile; and an
 * unreachable server fails the invocation in seconds rather than at the function's timeout.
 */
export const MONGO_CLIENT_DEFAULTS = {
  appName: 'cvt-whatsapp',
  maxPoolSize: 10,
  minPoolSize: 0,
  maxIdleTimeMS: 60_000,
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 5_000,
  socketTimeoutMS: 30_000,
  retryWrites: true,
  retryReads: true,
} as const satisfies MongoClientOptions;

/**
 * The options for a connection string: ours where the URI sets nothing, the URI's where it does
 * (options given to MongoClient would otherwise override the operator's choice in the URI).
 * `ignoreUndefined` always: an absent optional field is stored absent, never as null.
 */
export function clientOptionsFor(uri: string): MongoClientOptions {
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?') + 1) : '';
  const inUri = new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
  const defaults = Object.entries(MONGO_CLIENT_DEFAULTS).filter(([key]) => !inUri.has(key.toLowerCase()));
  return { ...Object.fromEntries(defaults), ignoreUndefined: true };
}

/** One client per connection string and process, shared by every adapter and reused across Lambda invocations. */
const shared = new Map<string, Promise<MongoClient>>();

/** The process's client for `uri`, connected on first use. */
export function sharedMongoClient(uri: string): Promise<MongoClient> {
  const existing = shared.get(uri);
  if (existing !== undefined) return existing;
  const client = connectMongoClient(uri);
  shared.set(uri, client);
  // A failed connection is forgotten, so that the next invocation tries again instead of failing forever.
  client.catch(() => {
    if (shared.get(uri) === client) shared.delete(uri);
  });
  return client;
}

/**
 * The database `name` of the process's client for `uri`, reached on first use: the driver is loaded and the
 * client connects then, so a composition root builds its adapters without either, and a Lambda instance
 * reuses the client (and its pool) across invocations. A failed connection is not kept (the driver's own
 * connect-on-first-operation would leave its client closed for good): the next query tries again.
 */
export function lazyMongoDatabase(uri: string, name: string): () => Promise<Db> {
  return async () => (await sharedMongoClient(uri)).db(name);
}

/** Closes every shared client (the server's shutdown, tests); the next `sharedMongoClient` connects anew. */
export async function closeSharedMongoClients(): Promise<void> {
  const clients = [...shared.values()];
  shared.clear();
  await Promise.all(
    clients.map(async (pending) => {
      const client = await pending.catch(() => undefined);
      await client?.close();
    }),
  );
}

/** A new connected client of its own (a second "process" in tests); the caller closes it. */
export async function connectMongoClient(uri: string): Promise<MongoClient> {
  let client: MongoClient | undefined;
  try {
    const { MongoClient } = await mongoDriver();
    client = new MongoClient(uri, clientOptionsFor(uri));
    return await client.connect();
  } catch (error) {
    await client?.close().catch(() => undefined);
    throw connectionError(error, uri);
  }
}

/**
 * The driver's parse and connection errors can quote the connection string or its user and
 * password (and a URL error carries the whole input): only a redacted message leaves this module,
 * without the original error as cause.
 */
function connectionError(error: unknown, uri: string): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const safe = new Error(`Cannot connect to MongoDB (${name}): ${redactMongoUri(message, uri)}`);
  safe.name = 'MongoConnectionError';
  return safe;
}

/** `text` without the connection string, its user info or password (raw or decoded), nor any other connection string's user info. */
export function redactMongoUri(text: string, uri: string): string {
  const secrets = [uri, ...credentialsOf(uri)].filter((secret) => secret.length >= 3).sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[REDACTED]');
  return result.replace(/(mongodb(?:\+srv)?:\/\/)[^\s@/]*@/giu, '$1[REDACTED]@');
}

function credentialsOf(uri: string): string[] {
  const rest = uri.replace(/^[a-z+]+:\/\//iu, '');
  const authority = rest.split('?')[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at < 0) return [];
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  const parts = colon < 0 ? [userInfo] : [userInfo, userInfo.slice(0, colon), userInfo.slice(colon + 1)];
  return [...new Set(parts.flatMap((part) => [part, safeDecode(part)]))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
