import type * as Driver from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';

export type MongoDriver = typeof Driver;

let loading: Promise<MongoDriver> | undefined;

/**
 * The driver (about 0.5 MB of JavaScript), loaded on its first use rather than when a process starts: a
 * Lambda function's cold start, or a CLI command that never reaches the store, does not read it. Every
 * value this folder takes from the driver (`MongoClient`, `ObjectId`, its error classes) comes through here;
 * everything else is `import type`.
 */
export function mongoDriver(): Promise<MongoDriver> {
  // The driver is CommonJS: Node hands its exports over by name and as the default, esbuild's bundles split in
  // chunks (the Lambda functions', the CLI's) as the default alone (evanw/esbuild#3245).
  loading ??= import('mongodb').then((driver) => (driver as MongoDriver & { readonly default?: MongoDriver }).default ?? driver);
  return loading;
}

/** Where an adapter finds its database: given (a connected client's, in tests) or reached on first use (composition). */
export type DatabaseSource = Db | (() => Promise<Db>);

/** The collection `name` of `source`, resolved once on first use. */
export function collectionOf<T extends Document>(source: DatabaseSource, name: string): () => Promise<Collection<T>> {
  let collection: Promise<Collection<T>> | undefined;
  return () => {
    if (collection !== undefined) return collection;
    const pending = (typeof source === 'function' ? source() : Promise.resolve(source)).then((db) => db.collection<T>(name));
    collection = pending;
    // A client that could not be created is not kept: the next call tries again.
    pending.catch(() => {
      if (collection === pending) collection = undefined;
    });
    return pending;
  };
}

/** A write that lost a race to insert the same `_id` (MongoDB's duplicate key error). */
export async function isDuplicateKey(error: unknown): Promise<boolean> {
  const { MongoServerError } = await mongoDriver();
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

export const DUPLICATE_KEY = 11_000;
