import { describe, expect, it } from 'vitest';
import type { ClientRegistry } from '../../src/application/ports/client-directory.port.ts';
import type { ClientId } from '../../src/domain/clients/client-id.ts';

export interface ClientRegistryHarness {
  create(): Promise<{ registry: ClientRegistry; close(): Promise<void> }>;
}

const TEMPORAL = '5792a7288ac8f35b0aa93bee' as ClientId;
const OTHER = '5792a7288ac8f35b0aa93bef' as ClientId;

/** What every ClientRegistry adapter must do (src/application/ports/client-directory.port.ts). */
export function clientRegistryContract(name: string, harness: ClientRegistryHarness): void {
  describe(`ClientRegistry contract: ${name}`, () => {
    const withRegistry = (test: (registry: ClientRegistry) => Promise<void>) => async () => {
      const { registry, close } = await harness.create();
      try {
        await test(registry);
      } finally {
        await close();
      }
    };

    it(
      'returns a saved client with its users in order, as stored',
      withRegistry(async (registry) => {
        const users = ['50688888888@c.us', '6734a46da330314a4cd0c3da@meltwater.com', 'ana@example.com', 'not valid'];
        await registry.save({ id: TEMPORAL, name: 'Cliente Temporal', provider: null, users });
        expect(await registry.get(TEMPORAL)).toEqual({ id: TEMPORAL, name: 'Cliente Temporal', provider: null, users });
        expect(await registry.get(TEMPORAL.toUpperCase())).toEqual(await registry.get(TEMPORAL));
      }),
    );

    it(
      'answers undefined for an unknown client',
      withRegistry(async (registry) => {
        expect(await registry.get(OTHER)).toBeUndefined();
      }),
    );

    it(
      'replaces the users and name on save',
      withRegistry(async (registry) => {
        await registry.save({ id: TEMPORAL, name: 'A', provider: null, users: ['50688888888@c.us', '50677777777@c.us'] });
        await registry.save({ id: TEMPORAL, name: 'B', provider: 'waapi', users: ['50666666666@c.us'] });
        expect(await registry.get(TEMPORAL)).toEqual({ id: TEMPORAL, name: 'B', provider: 'waapi', users: ['50666666666@c.us'] });
      }),
    );

    it(
      'lists every client by id and only those with a Meltwater distribution for newsletters',
      withRegistry(async (registry) => {
        await registry.save({ id: OTHER, name: null, provider: null, users: ['50688888888@c.us'] });
        await registry.save({
          id: TEMPORAL,
          name: 'T',
          provider: null,
          users: ['6734A46DA330314A4CD0C3DA@Meltwater.com', '50688888888@c.us'],
        });
        expect((await registry.list()).map((client) => client.id)).toEqual([TEMPORAL, OTHER]);
        const subscribed = await registry.withNewsletters();
        expect(subscribed).toEqual([
          { id: TEMPORAL, name: 'T', provider: null, users: ['6734A46DA330314A4CD0C3DA@Meltwater.com', '50688888888@c.us'] },
        ]);
      }),
    );
  });
}
