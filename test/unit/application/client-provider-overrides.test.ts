import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteClientRegistry } from '../../../src/adapters/sqlite/sqlite.client-registry.adapter.ts';
import type { ClientDirectory } from '../../../src/application/ports/client-directory.port.ts';
import { ClientProviderOverrides } from '../../../src/application/services/client-provider-overrides.ts';
import type { ClientId } from '../../../src/domain/clients/client-id.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const CLIENT = '5792a7288ac8f35b0aa93bee';

/** The embedded registry, counting how often the whole client (every contact) is read. */
async function registry() {
  const store = new SqliteClientRegistry(openDatabase(':memory:'));
  await store.save({ id: CLIENT as ClientId, name: 'Cliente', provider: 'gowa', users: ['50688888888@c.us', '50677777777@c.us'] });
  const reads = { count: 0 };
  const directory: ClientDirectory = {
    get: (clientId) => (reads.count++, store.get(clientId)),
    list: () => store.list(),
    withNewsletters: () => store.withNewsletters(),
  };
  return { directory, reads };
}

describe('ClientProviderOverrides', () => {
  it('reads a client once for the first messages of a fan-out that all ask at once, and gives each the same answer', async () => {
    const { directory, reads } = await registry();
    const overrides = new ClientProviderOverrides(directory, {}, new FakeClock());
    const answers = await Promise.all(Array.from({ length: 50 }, () => overrides.providerFor(CLIENT)));
    expect(answers).toEqual(Array.from({ length: 50 }, () => 'gowa'));
    expect(reads.count).toBe(1);
    expect(await overrides.providerFor(CLIENT)).toBe('gowa');
    expect(reads.count).toBe(1);
  });

  it('asks the directory again once its answer is a minute old', async () => {
    const { directory, reads } = await registry();
    const clock = new FakeClock();
    const overrides = new ClientProviderOverrides(directory, {}, clock);
    await overrides.providerFor(CLIENT);
    clock.advance(60_001);
    expect(await overrides.providerFor(CLIENT)).toBe('gowa');
    expect(reads.count).toBe(2);
  });
});
