import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envExample, readmeWithTable, templateWithProviders } from '../../scripts/config-docs.ts';

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

  it('README.md starts with the two commands', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.indexOf('npm ci && npm start')).toBeLessThan(readme.indexOf('## '));
    expect(readme.indexOf('npm test')).toBeLessThan(readme.indexOf('## '));
  });
});
