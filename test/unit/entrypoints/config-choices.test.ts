import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type AppConfig } from '../../../src/entrypoints/composition/load-config.ts';

const QUEUES = {
  SQS_OFFLINE_REPORTS_URL: 'http://127.0.0.1:1/000000000000/reports',
  SQS_OFFLINE_ALERTS_URL: 'http://127.0.0.1:1/000000000000/alerts',
};

describe('the configuration by STORE, REPORT_STORE and QUEUE', () => {
  it('carries no technology settings on the embedded default', async () => {
    const config = await loadConfig({});
    expect(config).toMatchObject({ STORE: 'sqlite', REPORT_STORE: 'fs', QUEUE: 'local' });
    expect(config).not.toHaveProperty('mongodb');
    expect(config).not.toHaveProperty('s3');
    expect(config).not.toHaveProperty('sqs');
  });

  it('carries the settings of each chosen technology', async () => {
    const config = await loadConfig({
      STORE: 'mongodb',
      MONGODB_URI: 'mongodb://127.0.0.1:1/cvt',
      REPORT_STORE: 's3',
      S3_BUCKET: 'cvt-reports',
      QUEUE: 'sqs',
      ...QUEUES,
    });
    if (config.STORE !== 'mongodb' || config.REPORT_STORE !== 's3' || config.QUEUE !== 'sqs') throw new Error('choices lost');
    // No assertion operator: narrowing on the choice is enough for the compiler to know the settings are there.
    expect(config.mongodb.MONGODB_URI).toBe('mongodb://127.0.0.1:1/cvt');
    expect(config.s3.S3_BUCKET).toBe('cvt-reports');
    expect(config.sqs.SQS_OFFLINE_ALERTS_URL).toBe(QUEUES.SQS_OFFLINE_ALERTS_URL);
  });

  it('refuses a chosen technology without its settings, naming them', async () => {
    await expect(loadConfig({ STORE: 'mongodb' })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ STORE: 'mongodb' })).rejects.toThrow(/MONGODB_URI/u);
    await expect(loadConfig({ QUEUE: 'sqs' })).rejects.toThrow(/SQS_OFFLINE_REPORTS_URL/u);
  });

  it('does not type-check an impossible combination', async () => {
    const base = await loadConfig({});
    const impossible = (config: AppConfig) => config;
    // @ts-expect-error STORE=mongodb needs its MongoDB settings
    impossible({ ...base, STORE: 'mongodb' });
    // @ts-expect-error the S3 settings belong to REPORT_STORE=s3 only
    impossible({ ...base, REPORT_STORE: 'fs', s3: { S3_BUCKET: 'cvt-reports' } });
    // @ts-expect-error QUEUE=sqs needs its queue URLs
    impossible({ ...base, QUEUE: 'sqs' });
    expect(impossible(base)).toBe(base);
  });
});
