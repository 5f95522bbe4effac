import { describe, expect, it } from 'vitest';
import { chattonicConfigSchema } from '../../../../src/adapters/chattonic/chattonic.config.ts';
import { CONTRACT_TEMPLATES } from '../../../contract/messaging.contract.ts';

const valid = {
  CHATTONIC_TOKEN: 'app-token-0123456789',
  CHATTONIC_APP_CODENAME: 'cvt',
  CHATTONIC_PLATFORM: 'whatsapp-infobip',
  CHATTONIC_ACCOUNT_ID: '5491100000000',
  CHATTONIC_TEMPLATES: JSON.stringify(CONTRACT_TEMPLATES),
};
const issues = (env: Record<string, string>) => {
  const parsed = chattonicConfigSchema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('chattonic settings', () => {
  it('defaults to chat-tonic.com/api/v1 and campaigns from 5 recipients', () => {
    const settings = chattonicConfigSchema.parse(valid);
    expect(settings).toMatchObject({ CHATTONIC_BASE_URL: 'https://chat-tonic.com/api/v1', CHATTONIC_CAMPAIGN_MIN: 5 });
    expect(settings.CHATTONIC_NAMESPACE).toBeUndefined();
    expect(settings.CHATTONIC_TEMPLATES['offline-alert']).toEqual({
      template: 'alerta_noticia',
      language: 'es',
      params: { '1': 'titulo', '2': 'link' },
    });
  });

  it('names each missing setting', () => {
    expect(issues({})).toEqual([
      'CHATTONIC_TOKEN: must be set: the appToken Chat-Tonic gives, sent as a Bearer token',
      'CHATTONIC_APP_CODENAME: must be set: the app codename Chat-Tonic gives',
      'CHATTONIC_PLATFORM: must be one of whatsapp-clickatell, whatsapp-infobip, whatsapp-movile, whatsapp-twilio, whatsapp-gupshup',
      'CHATTONIC_ACCOUNT_ID: must be set: the account id Chat-Tonic gives',
      expect.stringMatching(/^CHATTONIC_TEMPLATES: must be set: JSON such as/),
    ]);
  });

  it('knows the five platforms of the campaign API', () => {
    for (const platform of ['whatsapp-clickatell', 'whatsapp-infobip', 'whatsapp-movile', 'whatsapp-twilio', 'whatsapp-gupshup']) {
      expect(issues({ ...valid, CHATTONIC_PLATFORM: platform })).toEqual([]);
    }
    expect(issues({ ...valid, CHATTONIC_PLATFORM: 'whatsapp-cloud' })).toHaveLength(1);
  });

  it('wants positional params, and names the job that has none or names them', () => {
    const { 'offline-alert': _alert, ...three } = CONTRACT_TEMPLATES;
    expect(issues({ ...valid, CHATTONIC_TEMPLATES: JSON.stringify(three) })).toEqual([
      'CHATTONIC_TEMPLATES: offline-alert: no template configured',
    ]);
    const named = { ...CONTRACT_TEMPLATES, 'offline-report': { template: 'informe', params: { asunto: 'subject' } } };
    expect(issues({ ...valid, CHATTONIC_TEMPLATES: JSON.stringify(named) })).toEqual([
      'CHATTONIC_TEMPLATES: offline-report: parameters are positional here: name them "1", "2", … without gaps',
    ]);
  });

  it('refuses templates that are not JSON, and path segments that could change the URL', () => {
    expect(issues({ ...valid, CHATTONIC_TEMPLATES: 'alerta_noticia' })).toEqual([
      expect.stringMatching(/^CHATTONIC_TEMPLATES: must be JSON such as/),
    ]);
    expect(issues({ ...valid, CHATTONIC_APP_CODENAME: 'cvt/../admin' })).toEqual([
      'CHATTONIC_APP_CODENAME: must be the app codename Chat-Tonic gives (letters, digits, . _ ~ -)',
    ]);
  });

  it('takes a campaign threshold of at least 2', () => {
    expect(chattonicConfigSchema.parse({ ...valid, CHATTONIC_CAMPAIGN_MIN: '20' }).CHATTONIC_CAMPAIGN_MIN).toBe(20);
    expect(issues({ ...valid, CHATTONIC_CAMPAIGN_MIN: '1' })).toHaveLength(1);
  });
});
