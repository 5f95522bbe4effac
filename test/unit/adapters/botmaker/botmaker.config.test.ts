import { describe, expect, it } from 'vitest';
import { botmakerConfigSchema } from '../../../../src/adapters/botmaker/botmaker.config.ts';
import { BOTMAKER_CONTRACT_TEMPLATES } from '../../../support/fakes/botmaker.fake.ts';

const valid = {
  BOTMAKER_ACCESS_TOKEN: 'eyJhbGciOiJIUzI1NiJ9.payload.signature',
  BOTMAKER_CHANNEL_ID: 'botproject-whatsapp-50622223333',
  BOTMAKER_TEMPLATES: JSON.stringify(BOTMAKER_CONTRACT_TEMPLATES),
};

const problems = (env: Record<string, string>) => {
  const parsed = botmakerConfigSchema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('botmaker settings', () => {
  it('defaults to the v2 API and leaves receipts off without a webhook token', () => {
    const settings = botmakerConfigSchema.parse(valid);
    expect(settings.BOTMAKER_BASE_URL).toBe('https://api.botmaker.com/v2.0');
    expect(settings.BOTMAKER_WEBHOOK_TOKEN).toBeUndefined();
    expect(settings.BOTMAKER_TEMPLATES['meltwater-alert']).toEqual({
      template: 'alerta_meltwater',
      language: 'es',
      params: { titular: 'titulo', medio: 'fuente', enlace: 'link' },
    });
  });

  it('drops a trailing slash from the base URL', () => {
    expect(botmakerConfigSchema.parse({ ...valid, BOTMAKER_BASE_URL: 'https://api.botmaker.com/v2.0/' }).BOTMAKER_BASE_URL).toBe(
      'https://api.botmaker.com/v2.0',
    );
  });

  it('requires the token, the channel and the templates', () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^BOTMAKER_ACCESS_TOKEN: /u),
      expect.stringMatching(/^BOTMAKER_CHANNEL_ID: /u),
      expect.stringMatching(/^BOTMAKER_TEMPLATES: /u),
    ]);
  });

  it('takes named variables, not positions', () => {
    const templates = {
      ...BOTMAKER_CONTRACT_TEMPLATES,
      'offline-alert': { template: 'alerta_noticia', params: { nombre_de_la_nota: 'titulo', url: 'link' } },
    };
    expect(problems({ ...valid, BOTMAKER_TEMPLATES: JSON.stringify(templates) })).toEqual([]);
  });

  it('says which job is wrong and why', () => {
    const templates = { ...BOTMAKER_CONTRACT_TEMPLATES, 'offline-alert': { template: 'alerta_noticia', params: { fuente: 'fuente' } } };
    expect(problems({ ...valid, BOTMAKER_TEMPLATES: JSON.stringify(templates) })).toEqual([
      'BOTMAKER_TEMPLATES: offline-alert: parameter "fuente": offline-alert messages have no "fuente" (they have titulo, link)',
    ]);
    expect(problems({ ...valid, BOTMAKER_TEMPLATES: '{not json' })).toEqual([expect.stringMatching(/^BOTMAKER_TEMPLATES: must be JSON/u)]);
    expect(problems({ ...valid, BOTMAKER_TEMPLATES: '{}' })).toContain('BOTMAKER_TEMPLATES: offline-alert: no template configured');
  });

  it('refuses template media: Botmaker templates carry their own', () => {
    const templates = {
      ...BOTMAKER_CONTRACT_TEMPLATES,
      'offline-report': {
        template: 'informe_offline',
        params: { asunto: 'subject' },
        media: { type: 'document', link: 'https://media.controles.co.cr/x.pdf' },
      },
    };
    expect(problems({ ...valid, BOTMAKER_TEMPLATES: JSON.stringify(templates) })).toEqual([
      'BOTMAKER_TEMPLATES: offline-report: Botmaker templates carry their own media; remove "media"',
    ]);
  });

  it('refuses a token with spaces and a short webhook token, without echoing them', () => {
    const found = problems({ ...valid, BOTMAKER_ACCESS_TOKEN: 'Bearer abc.def', BOTMAKER_WEBHOOK_TOKEN: 'short' });
    expect(found).toEqual([expect.stringMatching(/^BOTMAKER_ACCESS_TOKEN: /u), expect.stringMatching(/^BOTMAKER_WEBHOOK_TOKEN: /u)]);
    expect(found.join()).not.toContain('abc.def');
    expect(found.join()).not.toContain('short');
  });
});
