import { describe, expect, it } from 'vitest';
import { cliengoConfigSchema } from '../../../../src/adapters/cliengo/cliengo.config.ts';
import { cliengoContractTemplates } from '../../../support/fakes/cliengo.fake.ts';

const valid = {
  CLIENGO_API_KEY: 'key-0123456789abcdef',
  CLIENGO_WEBSITE_ID: '64652663e65219005dc61bd6',
  CLIENGO_TEMPLATES: JSON.stringify(cliengoContractTemplates()),
};
const issues = (env: Record<string, string>) => {
  const parsed = cliengoConfigSchema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('cliengo settings', () => {
  it('defaults to the article\u2019s http endpoint and reads named params', () => {
    const settings = cliengoConfigSchema.parse(valid);
    expect(settings.CLIENGO_BASE_URL).toBe('http://technical-solutions-api.cliengo.com');
    expect(settings.CLIENGO_TEMPLATES['meltwater-alert']).toEqual({
      template: '101',
      language: 'es',
      params: { titulo: 'titulo', fuente: 'fuente', link: 'link' },
    });
  });

  it('drops a trailing slash of the base URL', () => {
    expect(cliengoConfigSchema.parse({ ...valid, CLIENGO_BASE_URL: 'https://cliengo.example/' }).CLIENGO_BASE_URL).toBe(
      'https://cliengo.example',
    );
  });

  it('names each missing setting', () => {
    expect(issues({})).toEqual([
      'CLIENGO_API_KEY: must be set: the company API key Cliengo support gives (hola@cliengo.com)',
      'CLIENGO_WEBSITE_ID: must be set: the id of the Cliengo channel (website) that owns the templates',
      expect.stringMatching(/^CLIENGO_TEMPLATES: must be set: JSON such as/),
    ]);
  });

  it('refuses to start when a job has no template, naming the job', () => {
    const { 'offline-alert': _alert, ...three } = cliengoContractTemplates();
    expect(issues({ ...valid, CLIENGO_TEMPLATES: JSON.stringify(three) })).toEqual([
      'CLIENGO_TEMPLATES: offline-alert: no template configured',
    ]);
  });

  it('reports every template problem on CLIENGO_TEMPLATES, each naming its job', () => {
    const templates = {
      ...cliengoContractTemplates(),
      'offline-alert': { template: '7', params: { name: 'precio' } },
      'offline-report': {
        template: '8',
        params: { subject: 'subject' },
        media: { type: 'image', link: 'http://media.controles.co.cr/logo.png' },
      },
    };
    expect(issues({ ...valid, CLIENGO_TEMPLATES: JSON.stringify(templates) })).toEqual([
      'CLIENGO_TEMPLATES: offline-report: "media.link" must be a public https URL',
      'CLIENGO_TEMPLATES: offline-alert: parameter "name" must be one of titulo, link, subject, fuente, sentimiento, cliente',
    ]);
  });

  it('refuses templates that are not JSON', () => {
    expect(issues({ ...valid, CLIENGO_TEMPLATES: '{offline-alert: 7}' })).toEqual([
      expect.stringMatching(/^CLIENGO_TEMPLATES: must be JSON such as/),
    ]);
  });

  it('takes named params as they are: Cliengo keys them by the template\u2019s variable names', () => {
    const templates = { ...cliengoContractTemplates(), 'offline-alert': { template: '7', params: { name: 'titulo', url: 'link' } } };
    expect(
      cliengoConfigSchema.parse({ ...valid, CLIENGO_TEMPLATES: JSON.stringify(templates) }).CLIENGO_TEMPLATES['offline-alert'].params,
    ).toEqual({
      name: 'titulo',
      url: 'link',
    });
  });

  it('refuses a website id that could change the URL path', () => {
    expect(issues({ ...valid, CLIENGO_WEBSITE_ID: '../admin' })).toEqual([
      'CLIENGO_WEBSITE_ID: must be the id of a Cliengo website, such as 64652663e65219005dc61bd6',
    ]);
  });
});
