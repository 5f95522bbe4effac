import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { describe, expect, it } from 'vitest';
import { gowaConfigSchema } from '../../../../src/adapters/gowa/gowa.config.ts';
import { createGowaProvider } from '../../../../src/adapters/gowa/gowa.provider.ts';
import { PROVIDER_CATALOG } from '../../../../src/entrypoints/composition/providers/provider-catalog.ts';
import { RaisedAlerts } from '../../../support/raised-alerts.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

describe('createGowaProvider', () => {
  it('is in the provider catalog, which builds it from its own settings', async () => {
    const settings = PROVIDER_CATALOG.gowa.settings.parse({
      GOWA_BASE_URL: 'http://127.0.0.1:3000',
      GOWA_USERNAME: 'cvt',
      GOWA_PASSWORD: 'clave',
      GOWA_WEBHOOK_SECRET: 'a-webhook-secret-0001',
    });
    const logger = new MemoryLogger();
    const create = await PROVIDER_CATALOG.gowa.create();
    const instance = create(settings, {
      dataDir: '/tmp',
      timeoutMs: 1_000,
      clock: new SystemClock(),
      logger,
      windows: undefined as never,
      alerts: new RaisedAlerts(),
    });
    expect([instance.messaging.provider, instance.receipts?.provider]).toEqual(['gowa', 'gowa']);
    expect(logger.lines).toEqual([]);
  });

  it('warns about a gateway without basic auth and about receipts refused for want of a secret', () => {
    const logger = new MemoryLogger();
    createGowaProvider(gowaConfigSchema.parse({ GOWA_BASE_URL: 'http://127.0.0.1:3000' }), {
      timeoutMs: 1_000,
      clock: new SystemClock(),
      logger,
    });
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', expect.stringContaining('GOWA_WEBHOOK_SECRET is unset')],
      ['warn', expect.stringContaining('without basic auth')],
    ]);
  });
});
