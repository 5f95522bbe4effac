import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ConfigSchema } from '../../src/adapters/s3/s3.config.ts';
import { createS3ReportStorage, S3ReportStorage } from '../../src/adapters/s3/s3.report-storage.adapter.ts';
import { startFauxqs } from '../support/fauxqs.ts';
import type { Fauxqs } from '../support/fauxqs.ts';
import { reportStorageContract } from './report-storage.contract.ts';

/** fauxqs checks no signature, so a recognisable secret shows whether any error text carries it. */
const SECRET = 'cvt-s3-test-secret-0f9e8d7c';

let fauxqs: Fauxqs;
const savedEnv = { ...process.env };

beforeAll(async () => {
  fauxqs = await startFauxqs();
  // The factory takes credentials from the SDK's default chain, as in production: the environment here.
  Object.assign(process.env, fauxqs.env, { AWS_SECRET_ACCESS_KEY: SECRET });
});

afterAll(async () => {
  process.env = savedEnv;
  await fauxqs?.close();
});

const freshBucket = () => `reports-${randomUUID().slice(0, 13)}`;

async function storageOnFreshBucket(): Promise<{ storage: S3ReportStorage; bucket: string }> {
  const bucket = freshBucket();
  await fauxqs.createBucket(bucket);
  const settings = s3ConfigSchema.parse({ S3_BUCKET: bucket, S3_ENDPOINT: fauxqs.endpoint, AWS_REGION: 'us-east-1' });
  return { storage: createS3ReportStorage(settings), bucket };
}

reportStorageContract('s3', {
  async create() {
    const { storage } = await storageOnFreshBucket();
    return { storage, close: async () => storage.close() };
  },
});

/** A client that records every HTTP request and command input it sends. */
function recordingClient(): { client: S3Client; requests: { input: Record<string, unknown>; headers: Record<string, string> }[] } {
  const client = new S3Client({
    endpoint: fauxqs.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: SECRET },
  });
  const requests: { input: Record<string, unknown>; headers: Record<string, string> }[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      requests.push({
        input: args.input as Record<string, unknown>,
        headers: { ...(args.request as { headers: Record<string, string> }).headers },
      });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordRequests' },
  );
  return { client, requests };
}

describe('S3ReportStorage', () => {
  it('stores pages as text/html; charset=utf-8, never cached without a check', async () => {
    const { storage, bucket } = await storageOnFreshBucket();
    try {
      await storage.put('informes/abc123.html', '<p>Informe ñ</p>', { idEnvio: 'abc123' });
      const head = await fauxqs.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'informes/abc123.html' }));
      expect(head.ContentType).toBe('text/html; charset=utf-8');
      expect(head.CacheControl).toBe('no-cache');
      const object = await fauxqs.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'informes/abc123.html' }));
      expect(object.ContentType).toBe('text/html; charset=utf-8');
      expect(await object.Body!.transformToString('utf-8')).toBe('<p>Informe ñ</p>');
    } finally {
      storage.close();
    }
  });

  it('sends no ACL: neither in the command nor on the wire', async () => {
    const bucket = freshBucket();
    await fauxqs.createBucket(bucket);
    const { client, requests } = recordingClient();
    const storage = new S3ReportStorage(client, bucket);
    try {
      await storage.put('informesmw/d1.html', '<p>x</p>', { fingerprint: 'f1' });
      const put = requests.find((request) => request.headers['content-type'] === 'text/html; charset=utf-8');
      expect(put).toBeDefined();
      expect(put!.input).not.toHaveProperty('ACL');
      expect(Object.keys(put!.input).filter((key) => key.startsWith('Grant'))).toEqual([]);
      expect(Object.keys(put!.headers).filter((name) => /^x-amz-(acl|grant-)/iu.test(name))).toEqual([]);
    } finally {
      storage.close();
    }
  });

  it('keeps keys verbatim: informes/, informesmw/ and informes-fuente/', async () => {
    const { storage, bucket } = await storageOnFreshBucket();
    try {
      const keys = [
        'informes/abc123.html',
        'informesmw/6734a46da330314a4cd0c3da.html',
        'informes-fuente/abc123.html',
        'informes/Mixed_Case-1.2.html',
      ];
      for (const key of keys) await storage.put(key, `<p>${key}</p>`, {});
      const listing = await fauxqs.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect((listing.Contents ?? []).map((object) => object.Key).sort()).toEqual([...keys].sort());
    } finally {
      storage.close();
    }
  });

  it('stores metadata as lower-case S3 user metadata and maps it back, non-ASCII values included', async () => {
    const { storage, bucket } = await storageOnFreshBucket();
    try {
      await storage.put('informesmw/d2.html', '<p>x</p>', { distributionId: 'd2', fingerprint: 'ab12', subject: 'Informe matutino ñ ' });
      const head = await fauxqs.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'informesmw/d2.html' }));
      expect(head.Metadata).toMatchObject({ 'distribution-id': 'd2', fingerprint: 'ab12' });
      expect(head.Metadata?.['subject']).toMatch(/^=\?UTF-8\?B\?/u);
      expect(await storage.head('informesmw/d2.html')).toEqual({
        distributionId: 'd2',
        fingerprint: 'ab12',
        subject: 'Informe matutino ñ ',
      });
    } finally {
      storage.close();
    }
  });

  it('reads a page CVT\u2019s backend wrote with its own tools, metadata and content type', async () => {
    const { storage, bucket } = await storageOnFreshBucket();
    try {
      await fauxqs.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'informes/from-cvt.html',
          Body: '<p>fuente</p>',
          ContentType: 'text/html',
          Metadata: { 'id-envio': 'x1' },
        }),
      );
      expect(await storage.get('informes/from-cvt.html')).toEqual({ html: '<p>fuente</p>', metadata: { idEnvio: 'x1' } });
    } finally {
      storage.close();
    }
  });

  it('throws an outage with its cause, never the credentials, and reports it as not ready', async () => {
    const storage = createS3ReportStorage(s3ConfigSchema.parse({ S3_BUCKET: freshBucket(), S3_ENDPOINT: fauxqs.endpoint }));
    try {
      const error: unknown = await storage.get('informes/abc.html').then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^S3 GetObject of s3:\/\/reports-[^/]+\/informes\/abc\.html failed: NoSuchBucket/u);
      expect((error as Error).cause).toBeDefined();
      expect(inspect(error, { depth: 8 })).not.toContain(SECRET);
      await expect(storage.put('informes/abc.html', 'x', {})).rejects.toThrow(/S3 PutObject .* failed/u);
      expect(await storage.check()).toEqual({ ok: false, detail: expect.stringMatching(/^bucket reports-.*: /u) });
    } finally {
      storage.close();
    }
  });

  it('is ready when its bucket answers', async () => {
    const { storage } = await storageOnFreshBucket();
    try {
      expect(await storage.check()).toEqual({ ok: true, detail: expect.stringContaining('reachable') });
    } finally {
      storage.close();
    }
  });

  it('refuses keys that can only be mistakes, before any request', async () => {
    const { storage } = await storageOnFreshBucket();
    try {
      for (const key of ['', '/informes/a.html', 'informes//a.html', 'informes/../x.html']) {
        await expect(storage.put(key, 'x', {})).rejects.toThrow(/invalid report key/u);
      }
    } finally {
      storage.close();
    }
  });
});
