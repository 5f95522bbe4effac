import { afterEach, describe, expect, it } from 'vitest';
import {
  MONGO_CLIENT_DEFAULTS,
  clientOptionsFor,
  closeSharedMongoClients,
  connectMongoClient,
  lazyMongoDatabase,
  redactMongoUri,
  sharedMongoClient,
} from '../../../../src/adapters/mongodb/mongodb.connection.ts';

afterEach(closeSharedMongoClients);

describe('mongodb client options', () => {
  it('uses small pools and short timeouts, and stores absent fields as absent', () => {
    expect(clientOptionsFor('mongodb://localhost:27017/controles')).toEqual({ ...MONGO_CLIENT_DEFAULTS, ignoreUndefined: true });
    expect(MONGO_CLIENT_DEFAULTS.maxPoolSize).toBeLessThanOrEqual(10);
    expect(MONGO_CLIENT_DEFAULTS.serverSelectionTimeoutMS).toBeLessThanOrEqual(10_000);
  });

  it('leaves to the connection string what it sets, whatever the case of its option names', () => {
    const options = clientOptionsFor('mongodb+srv://u:p@cluster0.example.net/?maxpoolsize=50&serverSelectionTimeoutMS=20000&appName=cvt');
    expect(options).not.toHaveProperty('maxPoolSize');
    expect(options).not.toHaveProperty('serverSelectionTimeoutMS');
    expect(options).not.toHaveProperty('appName');
    expect(options).toMatchObject({ connectTimeoutMS: MONGO_CLIENT_DEFAULTS.connectTimeoutMS, ignoreUndefined: true });
  });
});

describe('mongodb connection errors', () => {
  const uri = 'mongodb://cvt_app:S3cr%40t-pw@db1.example.net:27017,db2.example.net:27017/controles?replicaSet=rs0';

  it('removes the connection string, its user info and its password, raw or decoded', () => {
    const text = `failed ${uri} as cvt_app:S3cr%40t-pw, password S3cr@t-pw, other mongodb+srv://x:y@h.example.net/db`;
    const redacted = redactMongoUri(text, uri);
    expect(redacted).not.toMatch(/S3cr|cvt_app:/u);
    expect(redacted).toContain('mongodb+srv://[REDACTED]@h.example.net/db');
    expect(redactMongoUri('no secret here', 'mongodb://localhost')).toBe('no secret here');
  });

  it('fails without quoting the connection string or its credentials', async () => {
    for (const bad of [
      'mongodb://cvt_app:pa@ss-w0rd@db.example.net:notaport/controles',
      'mongodb://cvt_app:pa ss-w0rd@db.example.net:27017/?maxPoolSize=lots',
    ]) {
      const error = await connectMongoClient(bad).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('MongoConnectionError');
      expect((error as Error).cause).toBeUndefined();
      expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toMatch(/w0rd|pa@ss|pa ss/u);
    }
  });

  it('reaches a database on first use, refusing a bad connection string without quoting it, on every call', async () => {
    const bad = 'mongodb://cvt_app:pa ss-w0rd@db.example.net:27017/?maxPoolSize=lots';
    const database = lazyMongoDatabase(bad, 'controles');
    for (let call = 0; call < 2; call++) {
      const error = await database().then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect((error as Error).name).toBe('MongoConnectionError');
      expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toMatch(/w0rd|pa ss/u);
    }
  });

  it('forgets a shared client that failed to connect, so the next call tries again', async () => {
    const bad = 'mongodb://cvt_app:pw-123456@db.example.net:notaport/controles';
    const first = sharedMongoClient(bad);
    expect(sharedMongoClient(bad)).toBe(first);
    await expect(first).rejects.toThrow(/Cannot connect to MongoDB/u);
    expect(sharedMongoClient(bad)).not.toBe(first);
    await expect(sharedMongoClient(bad)).rejects.toThrow();
  });
});
