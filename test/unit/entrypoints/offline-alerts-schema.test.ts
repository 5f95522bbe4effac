import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseOfflineAlertsBody } from '../../../src/entrypoints/contracts/offline-alerts.schema.ts';

/** CVT's example from docs/contracts/product.md §1.4, with the note id written out in full. */
const CVT_EXAMPLE = `[ { "nota": "66f1c0ffee00000000000001", "titulo": "Título de la nota", "cliente": "5792a7288ac8f35b0aa93bee",
    "correo": "50688888888@c.us", "onesignalDevices": ["..."] } ]`;

const entry = {
  nota: '66f1c0ffee00000000000001',
  titulo: 'Título de la nota',
  cliente: '5792a7288ac8f35b0aa93bee',
  correo: '50688888888@c.us',
};
const parse = (body: unknown) => parseOfflineAlertsBody(JSON.stringify(body));

describe('parseOfflineAlertsBody', () => {
  it('accepts CVT’s example as it is', () => {
    expect(parseOfflineAlertsBody(CVT_EXAMPLE)).toEqual({
      ok: true,
      value: {
        entries: [{ ...entry, onesignalDevices: ['...'] }],
        invalid: [],
      },
    });
  });

  it('keeps e-mail recipients and push devices for the use case to decide', () => {
    const result = parse([{ ...entry, correo: 'ana@example.com', onesignalDevices: ['d1', 'd2'] }]);
    expect(result).toMatchObject({ ok: true, value: { entries: [{ correo: 'ana@example.com', onesignalDevices: ['d1', 'd2'] }] } });
  });

  it('tolerates missing or odd side fields', () => {
    const result = parse([
      { nota: 42, titulo: ' T ', correo: 'x@c.us' },
      { ...entry, cliente: null, onesignalDevices: null },
      { ...entry, onesignalDevices: ['ok', null, 3, ''] },
    ]);
    expect(result).toMatchObject({
      ok: true,
      value: {
        entries: [
          { nota: '42', titulo: 'T', cliente: '', onesignalDevices: [] },
          { cliente: '', onesignalDevices: [] },
          { onesignalDevices: ['ok'] },
        ],
        invalid: [],
      },
    });
  });

  it('reports and skips a bad entry among good ones', () => {
    const result = parse([entry, { ...entry, titulo: '' }, { correo: 'x@c.us' }, entry]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.entries).toHaveLength(2);
    expect(result.value.invalid.map((bad) => bad.index)).toEqual([1, 2]);
    expect(result.value.invalid[0]!.reason).toMatch(/^titulo: /u);
    expect(result.value.invalid[1]!.reason).toMatch(/nota: .*titulo: /u);
  });

  it.each([
    [[], /no alert/u],
    [entry, /expected an array/u],
    [[{ foo: 1 }, null, 'x'], /^no valid alert: \[0\] .*\[1\] .*\[2\] /u],
  ])('refuses %j', (body, reason) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });

  it('refuses text that is not JSON', () => {
    expect(parseOfflineAlertsBody('[{"nota":')).toEqual({ ok: false, error: 'the body is not valid JSON' });
  });

  test.prop([
    fc.oneof(
      fc.json(),
      fc.string(),
      fc.array(fc.jsonValue()).map((a) => JSON.stringify(a)),
    ),
  ])('never throws for any text', (text) => {
    const result = parseOfflineAlertsBody(text);
    if (result.ok) expect(result.value.entries.length).toBeGreaterThan(0);
    else expect(result.error.length).toBeGreaterThan(0);
  });

  test.prop([fc.array(fc.oneof(fc.constant(entry), fc.jsonValue()), { minLength: 1, maxLength: 20 })])(
    'accounts for every entry as accepted or invalid',
    (entries) => {
      const result = parse(entries);
      if (result.ok) expect(result.value.entries.length + result.value.invalid.length).toBe(entries.length);
      else expect(entries.some((e) => e === entry)).toBe(false);
    },
  );
});
