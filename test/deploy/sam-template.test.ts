import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAMBDA_HANDLERS } from '../../scripts/build.ts';
import { parameterName } from '../../scripts/config-docs.ts';
import { configSchema } from '../../src/entrypoints/composition/config.schema.ts';
import { PROVIDER_CATALOG } from '../../src/entrypoints/composition/providers/provider-catalog.ts';
import { PROVIDER_IDS } from '../../src/entrypoints/composition/providers/provider-ids.ts';
import { SETTING_CHECKS_JSON } from '../../src/entrypoints/composition/setting-checks.ts';
import { readSamTemplate, type SamResource } from '../support/sam-template.ts';

const template = readSamTemplate();
// Some resources (the HTTP API) have no properties at all.
const resources = Object.entries(template.Resources).map(
  ([name, resource]) => [name, { ...resource, Properties: resource.Properties ?? {} }] as const,
);
const functions = resources.filter(([, resource]) => resource.Type === 'AWS::Serverless::Function');
const timeoutOf = (resource: SamResource) =>
  (resource.Properties['Timeout'] as number | undefined) ?? (template.Globals.Function['Timeout'] as number);
const events = (resource: SamResource) =>
  Object.values((resource.Properties['Events'] ?? {}) as Record<string, { Type: string; Properties: Record<string, unknown> }>);
const queueName = (arn: unknown) => ((arn as { GetAtt: string }).GetAtt ?? '').replace(/\.Arn$/u, '');

describe('deploy/template.yaml (AWS SAM), checked offline', () => {
  it('deploys every Lambda bundle, each from its own folder of dist/', () => {
    const codeUris = functions.map(([, resource]) => resource.Properties['CodeUri']);
    expect(codeUris.sort()).toEqual(LAMBDA_HANDLERS.map((name) => `../dist/lambda/${name}/`).sort());
    for (const uri of codeUris) expect(existsSync(join('deploy', String(uri), 'index.mjs')), String(uri)).toBe(true);
    expect(template.Globals.Function).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler' });
  });

  it('has every SQS function report batch item failures, on a queue visible at least six times its timeout, with a dead-letter queue', () => {
    const sqsEvents = functions.flatMap(([name, resource]) =>
      events(resource)
        .filter((event) => event.Type === 'SQS')
        .map((event) => ({ name, resource, event })),
    );
    expect(sqsEvents.map(({ name }) => name).sort()).toEqual(['DispatcherFunction', 'OfflineAlertsFunction', 'OfflineReportsFunction']);
    for (const { name, resource, event } of sqsEvents) {
      expect(event.Properties['FunctionResponseTypes'], name).toEqual(['ReportBatchItemFailures']);
      const queue = resources.find(([resourceName]) => resourceName === queueName(event.Properties['Queue']))![1];
      expect(queue.Properties['VisibilityTimeout'] as number, name).toBeGreaterThanOrEqual(6 * timeoutOf(resource));
      const redrive = queue.Properties['RedrivePolicy'] as { deadLetterTargetArn: unknown; maxReceiveCount: number };
      expect(template.Resources[queueName(redrive.deadLetterTargetArn)]?.Type, name).toBe('AWS::SQS::Queue');
      expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(5);
    }
  });

  it('dead-letters an inbound message after QUEUE_MAX_RECEIVES receives, as the server\u2019s queue worker does, crashes included', () => {
    const variables = (template.Globals.Function['Environment'] as { Variables: Record<string, unknown> }).Variables;
    const maxReceives = Number(variables['QUEUE_MAX_RECEIVES'] ?? configSchema().shape.QUEUE_MAX_RECEIVES.parse(undefined));
    for (const queue of ['OfflineReportsQueue', 'OfflineAlertsQueue']) {
      const redrive = template.Resources[queue]!.Properties['RedrivePolicy'] as { maxReceiveCount: number };
      expect(redrive.maxReceiveCount, queue).toBe(maxReceives);
    }
  });

  it('gives every function that renders more time than one render may take', () => {
    const renderTimeoutMs = configSchema().shape.RENDER_TIMEOUT_MS.parse(undefined);
    for (const name of ['OfflineReportsFunction', 'NewsletterRunFunction']) {
      expect(timeoutOf(template.Resources[name]!) * 1_000, name).toBeGreaterThan(2 * renderTimeoutMs);
    }
  });

  it('keeps CVT\u2019s queue names and lets them carry 1 MiB messages', () => {
    const names = resources.map(([, resource]) => resource.Properties['QueueName']).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['whatsapp-informes', 'notificaciones-controles', 'cvt-whatsapp-dispatch']));
    expect(template.Resources['OfflineReportsQueue']!.Properties['MaximumMessageSize']).toBe(1_048_576);
  });

  it('runs the newsletters at 08:00 and 16:00 in Costa Rica, with EventBridge Scheduler', () => {
    const schedule = events(template.Resources['NewsletterRunFunction']!).find((event) => event.Type === 'ScheduleV2')!;
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 8,16 * * ? *)',
      ScheduleExpressionTimezone: 'America/Costa_Rica',
    });
  });

  it('routes the webhooks of docs/contracts/product.md through the HTTP API', () => {
    const routes = functions.flatMap(([, resource]) =>
      events(resource)
        .filter((event) => event.Type === 'HttpApi')
        .map((event) => `${String(event.Properties['Method'])} ${String(event.Properties['Path'])}`),
    );
    // GET /webhooks/{provider}: Meta verifies the Cloud API callback URL before posting to it (issue 13).
    expect(routes.sort()).toEqual([
      'GET /webhooks/{provider}',
      'POST /api/mw/whatsapp/{clientId}',
      'POST /webhooks/{provider}',
      'POST /whatsapp/{clientId}',
    ]);
  });

  it('throttles the HTTP API as a whole, since each Lambda container rate-limits clients on its own', () => {
    const settings = (template.Resources['HttpApi']!.Properties as { DefaultRouteSettings?: Record<string, number> }).DefaultRouteSettings;
    expect(settings?.['ThrottlingRateLimit']).toBeGreaterThan(0);
    expect(settings?.['ThrottlingBurstLimit']).toBeGreaterThan(0);
  });

  it('grants S3 access only to the report prefixes of the existing bucket, and no wildcard actions', () => {
    const statements = functions.flatMap(([, resource]) =>
      ((resource.Properties['Policies'] ?? []) as { Statement?: { Action: string[]; Resource: unknown }[] }[]).flatMap(
        (policy) => policy.Statement ?? [],
      ),
    );
    for (const statement of statements) {
      expect(statement.Action.every((action) => !action.endsWith('*'))).toBe(true);
      for (const resource of [statement.Resource].flat()) {
        const text = JSON.stringify(resource);
        if (text.includes(':s3:')) expect(text).toMatch(/\$\{ReportBucket\}\/(informes|informesmw|informes-fuente)\/\*/u);
      }
    }
    expect(resources.some(([, resource]) => resource.Type === 'AWS::S3::Bucket')).toBe(false);
  });

  it('takes secrets as NoEcho parameters', () => {
    for (const name of ['MongoDbUri', 'MeltwaterWebhookToken', 'WaapiToken', 'GowaPassword', 'OneSignalApiKey']) {
      expect(template.Parameters[name]?.NoEcho, name).toBe(true);
    }
  });

  it('takes every setting of every provider in the catalog as a parameter, secrets NoEcho, empty meaning the default', () => {
    const variables = (template.Globals.Function['Environment'] as { Variables: Record<string, unknown> }).Variables;
    expect(template.Parameters['WhatsAppProvider']?.AllowedValues).toEqual(PROVIDER_IDS);
    for (const id of PROVIDER_IDS) {
      const secrets: readonly string[] = PROVIDER_CATALOG[id].secrets;
      for (const setting of Object.keys(PROVIDER_CATALOG[id].settings.shape)) {
        const parameter = template.Parameters[parameterName(setting)];
        expect(parameter, setting).toMatchObject({ Default: '' });
        expect(parameter?.NoEcho === true, setting).toBe(secrets.includes(setting));
        expect(variables[setting], setting).toEqual({ Ref: parameterName(setting) });
      }
    }
  });

  it('checks at start without zod every service, technology and provider setting it sets', () => {
    const variables = (template.Globals.Function['Environment'] as { Variables: Record<string, unknown> }).Variables;
    const checks = JSON.parse(SETTING_CHECKS_JSON) as {
      names: string[];
      settings: Record<string, unknown>;
      // Each technology's and each provider's as JSON of its own, parsed by a start only for those it uses.
      families: Record<string, string>;
      providers: Record<string, string>;
    };
    const families = [...Object.values(checks.families), ...Object.values(checks.providers)]
      .map((json) => JSON.parse(json) as { names: string[]; settings: Record<string, unknown> } | null)
      .filter((family) => family !== null);
    const serviceSettings = Object.keys(variables).filter(
      (name) => checks.names.includes(name) || families.some((family) => family.names.includes(name)),
    );
    expect(serviceSettings).toContain('PUBLIC_MEDIA_BASE_URL');
    for (const name of serviceSettings)
      expect(checks.settings[name] ?? families.find((family) => family.names.includes(name))?.settings[name], name).toBeDefined();
  });

  it('runs one dispatcher at a time, so that a provider\u2019s pace holds', () => {
    expect(template.Resources['DispatcherFunction']!.Properties['ReservedConcurrentExecutions']).toBe(1);
  });
});
