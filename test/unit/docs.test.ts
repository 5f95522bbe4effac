import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PROVIDER_IDS_FILE,
  SETTING_CHECKS_FILE,
  SETTING_DEFAULTS_FILE,
  envExample,
  readmeWithTable,
  providerIdsModule,
  settingChecksModule,
  settingDefaultsModule,
  templateWithProviders,
} from '../../scripts/config-docs.ts';

describe('documentation of the configuration', () => {
  it('README.md lists every setting the service accepts, as the schema describes it', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readmeWithTable(readme)).toBe(readme);
  });

  it('.env.example lists every setting', () => {
    expect(readFileSync('.env.example', 'utf8')).toBe(envExample());
  });

  it("deploy/template.yaml takes every provider's settings as parameters", () => {
    const template = readFileSync('deploy/template.yaml', 'utf8');
    expect(templateWithProviders(template)).toBe(template);
  });

  it('the defaults a start takes without building schemas are what the schemas answer', () => {
    expect(readFileSync(SETTING_DEFAULTS_FILE, 'utf8')).toBe(settingDefaultsModule());
  });

  it('the checks a start makes without zod are read from the schemas', () => {
    expect(readFileSync(SETTING_CHECKS_FILE, 'utf8')).toBe(settingChecksModule());
  });

  it("the ids the settings accept are the provider catalog's", () => {
    expect(readFileSync(PROVIDER_IDS_FILE, 'utf8')).toBe(providerIdsModule());
  });

  it('README.md starts with the two commands', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.indexOf('npm ci && npm start')).toBeLessThan(readme.indexOf('## '));
    expect(readme.indexOf('npm test')).toBeLessThan(readme.indexOf('## '));
  });
});
