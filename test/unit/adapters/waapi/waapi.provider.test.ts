import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { describe, expect, it } from 'vitest';
import { waapiConfigSchema } from '../../../../src/adapters/waapi/waapi.config.ts';
import { createWaapiProvider } from '../../../../src/adapters/waapi/waapi.provider.ts';
import { PROVIDER_CATALOG } from '../../../../src/entrypoints/composition/providers/provider-catalog.ts';
import { RaisedAlerts } from '../../../support/raised-alerts.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

describe('createWaapiProvider', () => {
  it('is in the provider catalog, which builds it from its own settings', async () => {
    const settings = PROVIDER_CATALOG.waapi.settings.parse({
      WAAPI_TOKEN: 'token',
      WAAPI_INSTANCE_ID: '1',
      WAAPI_WEBHOOK_TOKEN: 'a-webhook-token-0001',
    });
    const create = await PROVIDER_CATALOG.waapi.create();
    const instance = create(settings, {
      dataDir: '/tmp',
      timeoutMs: 1_000,
      clock: new SystemClock(),
      alerts: new RaisedAlerts(),
      logger: new MemoryLogger(),
      windows: undefined as never,
    });
    expect([instance.messaging.provider, instance.receipts?.provider]).toEqual(['waapi', 'waapi']);
  });

  it('warns that receipts will be refused while no webhook token is set', () => {
    const logger = new MemoryLogger();
    createWaapiProvider(waapiConfigSchema.parse({ WAAPI_TOKEN: 'token', WAAPI_INSTANCE_ID: '1' }), {
      timeoutMs: 1_000,
      clock: new SystemClock(),
      logger,
    });
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('WAAPI_WEBHOOK_TOKEN is unset') }),
    ]);
  });
});
