import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_CATALOG } from '../../../src/entrypoints/composition/providers/provider-catalog.ts';
import { PROVIDER_IDS } from '../../../src/entrypoints/composition/providers/provider-ids.ts';
import { commonProviderSettings } from '../../../src/entrypoints/composition/providers/provider-settings.ts';

/**
 * What the compiler cannot see of a catalog entry: everything else (docs, SAM parameters, the bundle
 * check, the log scan) is derived from it, so an entry that is wrong here is wrong everywhere.
 */
describe('the provider catalog', () => {
  it('is where the ids come from', () => {
    expect(PROVIDER_IDS).toEqual(Object.keys(PROVIDER_CATALOG));
  });

  for (const id of PROVIDER_IDS) {
    describe(id, () => {
      const entry = PROVIDER_CATALOG[id];
      const settings = Object.keys(entry.settings.shape);
      const secrets: readonly string[] = entry.secrets;

      it(`names each of its settings ${id.toUpperCase()}_…, none of them one of the common knobs`, () => {
        for (const setting of settings) expect(setting).toMatch(new RegExp(`^${id.toUpperCase()}_[A-Z0-9_]+$`, 'u'));
        const common = Object.keys(commonProviderSettings(id).shape);
        expect(settings.filter((setting) => common.includes(setting))).toEqual([]);
      });

      it('calls secret every setting that holds a credential (NoEcho, scanned in logs)', () => {
        const credentials = settings.filter((setting) => /(TOKEN|SECRET|PASSWORD|API_KEY)$/u.test(setting));
        expect(credentials.filter((setting) => !secrets.includes(setting))).toEqual([]);
      });

      it('imports its adapter on demand: a factory of the provider', async () => {
        expect(typeof (await entry.create())).toBe('function');
      });

      it('has its adapter folder and a test against the messaging contract', () => {
        expect(existsSync(`src/adapters/${id}`)).toBe(true);
        expect(existsSync(`test/contract/${id}.messaging.test.ts`)).toBe(true);
      });
    });
  }
});
