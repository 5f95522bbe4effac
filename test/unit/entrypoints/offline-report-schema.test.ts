import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseOfflineReportBody } from '../../../src/entrypoints/contracts/offline-report.schema.ts';

/** The body CVT's backend puts on `whatsapp-informes`, exactly as docs/contracts/product.md §1.3 shows it. */
const CVT_EXAMPLE = '{ "destinatarios": ["50688888888@c.us", "ana@example.com"], "idEnvio": "abc123", "subject": "Informe matutino" }';

const parse = (body: unknown) => parseOfflineReportBody(JSON.stringify(body));

describe('parseOfflineReportBody', () => {
  it('accepts CVT’s example as it is', () => {
    expect(parseOfflineReportBody(CVT_EXAMPLE)).toEqual({
      ok: true,
      value: { destinatarios: ['50688888888@c.us', 'ana@example.com'], idEnvio: 'abc123', subject: 'Informe matutino' },
    });
  });

  it.each([{}, { subject: null }, { subject: '   ' }])('gives a default subject when it is %j', (extra) => {
    const result = parse({ destinatarios: [], idEnvio: 'abc123', ...extra });
    expect(result).toMatchObject({ ok: true, value: { subject: 'Informe de noticias' } });
  });

  it('trims the subject and reads a numeric idEnvio', () => {
    expect(parse({ destinatarios: [], idEnvio: 42, subject: ' Informe ' })).toMatchObject({
      ok: true,
      value: { idEnvio: '42', subject: 'Informe' },
    });
  });

  it('keeps destinatarios it does not understand for the use case to ignore', () => {
    expect(parse({ destinatarios: [null, 7, 'x'], idEnvio: 'a' })).toMatchObject({ ok: true, value: { destinatarios: [null, 7, 'x'] } });
  });

  it.each([
    [{ idEnvio: 'abc123' }, /^destinatarios: /u],
    [{ destinatarios: 'x@c.us', idEnvio: 'abc123' }, /^destinatarios: /u],
    [{ destinatarios: [] }, /^idEnvio: /u],
    [{ destinatarios: [], idEnvio: '../../etc/passwd' }, /^idEnvio: must be/u],
    [{ destinatarios: [], idEnvio: 'a/b' }, /^idEnvio: must be/u],
    [{ destinatarios: [], idEnvio: '..' }, /^idEnvio: must be/u],
    [{ destinatarios: [], idEnvio: 'informe..html' }, /^idEnvio: must be/u],
    [{ destinatarios: [], idEnvio: 'con espacio' }, /^idEnvio: must be/u],
    [{ destinatarios: [], idEnvio: '' }, /^idEnvio: must be/u],
    [{ destinatarios: [], idEnvio: -1 }, /^idEnvio: /u],
    [[], /^body: /u],
  ])('refuses %j with a readable reason', (body, reason) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });

  it.each([
    ['', 'the body is empty'],
    ['{"destinatarios": [', 'the body is not valid JSON'],
  ])('refuses the text %j', (text, reason) => {
    expect(parseOfflineReportBody(text)).toEqual({ ok: false, error: reason });
  });

  it('does not echo the input in its reason', () => {
    const result = parseOfflineReportBody('{"destinatarios": ["50688888888@c.us"], "idEnvio": "secreto 50688888888"}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('50688888888');
  });

  test.prop([fc.oneof(fc.json(), fc.string())])('never throws for any text', (text) => {
    const result = parseOfflineReportBody(text);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });
});
