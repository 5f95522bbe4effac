import { describe, expect, it } from 'vitest';
import { JsonLogger } from '../../../src/adapters/json-log/json-logger.adapter.ts';
import { LogSanitizer } from '../../../src/adapters/json-log/log-sanitizer.ts';
import { loadConfig } from '../../../src/entrypoints/composition/load-config.ts';
import { secretValues } from '../../../src/entrypoints/composition/secret-values.ts';

/** One recognisable value per secret-bearing setting, nested ones included (issue 10 §7). */
const MONGO_PASSWORD = 'mongo-pass-7c6b5a4d3e2f';
const PLANTED = {
  MONGODB_URI: `mongodb+srv://cvt:${MONGO_PASSWORD}%21@cluster0.example.mongodb.net/controles?retryWrites=true`,
  AWS_ACCESS_KEY_ID: 'AKIAPLANTEDKEY0123456',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-planted-9f8e7d6c5b4a3',
  AWS_SESSION_TOKEN: 'aws-session-planted-1a2b3c4d5e6f',
  SQS_ENDPOINT: 'https://sqs-user:sqs-pass-5e4d3c2b1a@sqs.example.com',
  WAAPI_TOKEN: 'waapi-token-0123456789abcdef01234567',
  WAAPI_WEBHOOK_TOKEN: 'waapi-hook-0123456789abcdef01234567',
  GOWA_PASSWORD: 'gowa-pass-0123456789abcdef0123',
  GOWA_WEBHOOK_SECRET: 'gowa-hook-0123456789abcdef0123',
  OPS_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/ops-hook-secret-5f0e1d2c3b4a5968',
  ADMIN_TOKEN: 'admin-token-planted-0123456789',
  MELTWATER_WEBHOOK_TOKEN: 'webhook-token-planted-0123456789',
  ONESIGNAL_API_KEY: 'onesignal-key-planted-0123456789',
};
const env = {
  ...PLANTED,
  STORE: 'mongodb',
  QUEUE: 'sqs',
  SQS_OFFLINE_REPORTS_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/whatsapp-informes',
  SQS_OFFLINE_ALERTS_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/notificaciones-controles',
  REPORT_STORE: 's3',
  S3_BUCKET: 'ciris-controles-prod',
  WHATSAPP_PROVIDER: 'waapi',
  WAAPI_INSTANCE_ID: '12345',
  WHATSAPP_FALLBACK_PROVIDER: 'gowa',
  GOWA_BASE_URL: 'https://gowa.example.com',
  GOWA_USERNAME: 'cvt',
  GOWA_DEVICE_ID: 'device-1',
  ONESIGNAL_APP_ID: '4a00ff22-ccd7-11e3-99d5-000c2940e62c',
};
const mustNotAppear = [...Object.values(PLANTED), `${MONGO_PASSWORD}%21`, `${MONGO_PASSWORD}!`, 'sqs-pass-5e4d3c2b1a'];

describe('secret values redacted from logs (issue 10 §7)', () => {
  it('include every secret-bearing setting, nested ones and the credentials inside URLs', async () => {
    const secrets = secretValues(await loadConfig(env));
    for (const value of [...Object.values(PLANTED), `${MONGO_PASSWORD}%21`, `${MONGO_PASSWORD}!`, 'sqs-pass-5e4d3c2b1a'])
      expect(secrets, value).toContain(value);
    expect(secrets).not.toContain('ciris-controles-prod');
    expect(secrets).not.toContain('cvt');
  });

  it('never let a planted secret through a log line, in the message, a field, an error or its cause', async () => {
    const lines: string[] = [];
    const logger = new JsonLogger({
      level: 'debug',
      sanitizer: new LogSanitizer(secretValues(await loadConfig(env))),
      write: (line) => void lines.push(line),
    });
    for (const value of mustNotAppear) {
      logger.error(`failed with ${value}`, {
        detail: `at ${value}.`,
        nested: { deeper: [value] },
        error: new Error(`connect to ${value} refused`, { cause: new Error(`inner ${value}`) }),
      });
      // The host a driver names, without the credentials, stays readable.
      logger.warn('MongoServerSelectionError: getaddrinfo ENOTFOUND cluster0.example.mongodb.net');
    }
    expect(lines.length).toBe(mustNotAppear.length * 2);
    const leaks = lines.flatMap((line) => mustNotAppear.filter((value) => line.includes(value)).map((value) => `${value} in ${line}`));
    expect(leaks).toEqual([]);
    expect(lines.join('\n')).toContain('cluster0.example.mongodb.net');
  });
});
