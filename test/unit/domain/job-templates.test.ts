import { describe, expect, it } from 'vitest';
import { parseJobTemplates, templateParameters } from '../../../src/domain/messages/job-templates.ts';

const complete = {
  'meltwater-alert': { template: 'alerta_meltwater', params: { '1': 'titulo', '2': 'link' } },
  'meltwater-newsletter': { template: 'informe_meltwater', language: 'es', params: { '1': 'link' } },
  'offline-report': { template: 'informe', language: 'es_CR', params: { '1': 'subject', '2': 'link' } },
  'offline-alert': { template: 'alerta_noticia', language: 'es', params: { '1': 'titulo', '2': 'link' } },
};

describe('parseJobTemplates', () => {
  it('reads the setting of docs/contracts/product.md §7, defaulting the language to es', () => {
    const parsed = parseJobTemplates(complete, { positional: true });
    expect(parsed.ok && parsed.value['meltwater-alert']).toEqual({
      template: 'alerta_meltwater',
      language: 'es',
      params: { '1': 'titulo', '2': 'link' },
    });
  });

  it('names every job without a template, so the server refuses to start instead of failing at 08:00', () => {
    const { 'offline-alert': _alert, ...incomplete } = complete;
    expect(parseJobTemplates(incomplete, { positional: false })).toEqual({ ok: false, error: ['offline-alert: no template configured'] });
  });

  it('refuses unknown jobs, unknown variables and variables the job does not have', () => {
    const parsed = parseJobTemplates(
      { ...complete, 'offline-alert': { template: 'x', params: { '1': 'sentimiento', '2': 'precio' } }, report: {} },
      { positional: false },
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toEqual([
      '"report" is not a job; jobs are meltwater-alert, meltwater-newsletter, offline-report, offline-alert',
      'offline-alert: parameter "1": offline-alert messages have no "sentimiento" (they have titulo, link)',
      'offline-alert: parameter "2" must be one of titulo, link, subject, fuente, sentimiento, cliente',
    ]);
  });

  it('asks positional providers for positions without gaps', () => {
    const parsed = parseJobTemplates(
      { ...complete, 'offline-alert': { template: 'x', params: { '1': 'titulo', '3': 'link' } } },
      { positional: true },
    );
    expect(!parsed.ok && parsed.error).toEqual(['offline-alert: parameters are positional here: name them "1", "2", … without gaps']);
  });

  it('accepts media only as a public https link of a known type', () => {
    const withMedia = (media: unknown) =>
      parseJobTemplates({ ...complete, 'offline-report': { ...complete['offline-report'], media } }, { positional: false });
    expect(withMedia({ type: 'image', link: 'https://media.controles.co.cr/logo.png' }).ok).toBe(true);
    expect(withMedia({ type: 'gif', link: 'http://x' }).ok).toBe(false);
  });

  it('refuses something that is not an object', () => {
    expect(parseJobTemplates([], { positional: false }).ok).toBe(false);
  });
});

describe('templateParameters', () => {
  it('fills the parameters in order, with a dash for a variable the message lacks', () => {
    const template = { template: 't', language: 'es', params: { '10': 'link', '2': 'fuente', '1': 'titulo' } } as const;
    expect(templateParameters(template, { titulo: 'Título', link: 'https://x' })).toEqual([
      ['1', 'Título'],
      ['2', '-'],
      ['10', 'https://x'],
    ]);
  });
});
