import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parsePhoneNumber, phoneDigits, type PhoneNumber } from '../../../src/domain/phone/phone-number.ts';
import { crNationalNumber, crPhone, foreignPhone, nonCrNationalNumber } from '../../support/arbitraries/phone.arb.ts';

const parse = (raw: string) => parsePhoneNumber(raw, '506');

describe('parsePhoneNumber', () => {
  it.each([
    '88888888',
    '8888-8888',
    '8888 8888',
    '8888.8888',
    '(506) 8888-8888',
    '+506 8888 8888',
    '+50688888888',
    '00506 8888 8888',
    '50688888888',
    '506 8888-8888',
    ' 8888\u00a08888 ',
  ])('reads %j as +50688888888', (raw) => {
    expect(parse(raw)).toEqual({ ok: true, value: '+50688888888' });
  });

  it('accepts every Costa Rican first digit of fixed lines and mobiles', () => {
    for (const first of '245678') expect(parse(`${first}1234567`)).toEqual({ ok: true, value: `+506${first}1234567` });
  });

  it('keeps foreign numbers written with +', () => {
    expect(parse('+1 (555) 123-4567')).toEqual({ ok: true, value: '+15551234567' });
    expect(parse('+34 612 345 678')).toEqual({ ok: true, value: '+34612345678' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['8888-888a', 'invalid_characters'],
    ['ocho ocho', 'invalid_characters'],
    ['88+888888', 'invalid_characters'],
    ['8888', 'too_short'],
    ['8888888', 'too_short'],
    ['+1234567890123456', 'too_long'],
    ['+506 8888 888', 'invalid_national_number'],
    ['+506 8888 88888', 'invalid_national_number'],
    ['+506 0888 8888', 'invalid_national_number'],
    ['+506 1888 8888', 'invalid_national_number'],
    ['+506 9888 8888', 'invalid_national_number'],
    ['98888888', 'invalid_national_number'],
    ['+0506 8888 8888', 'invalid_country_code'],
  ])('rejects %j as %s', (raw, reason) => {
    expect(parse(raw)).toEqual({ ok: false, error: reason });
  });

  test.prop([crPhone])('normalises any way of writing a Costa Rican number to E.164', ({ written, e164 }) => {
    expect(parse(written)).toEqual({ ok: true, value: e164 });
  });

  test.prop([crPhone])('is idempotent', ({ written }) => {
    const once = parse(written);
    expect(once.ok).toBe(true);
    if (once.ok) expect(parse(once.value)).toEqual(once);
  });

  test.prop([foreignPhone])('keeps foreign numbers written with + as they are', ({ written, e164 }) => {
    expect(parse(written)).toEqual({ ok: true, value: e164 });
  });

  test.prop([nonCrNationalNumber, fc.constantFrom('+506 ', '506', '00506')])(
    'rejects +506 numbers starting with 0, 1 or 9',
    (national, prefix) => {
      expect(parse(prefix + national)).toEqual({ ok: false, error: 'invalid_national_number' });
    },
  );

  // Written without a country code, `00…` reads as an international prefix, so only the outcome is pinned.
  test.prop([nonCrNationalNumber])('rejects 8-digit numbers starting with 0, 1 or 9', (national) => {
    expect(parse(national).ok).toBe(false);
  });

  test.prop([crNationalNumber, fc.integer({ min: 1, max: 7 })])('rejects +506 with a digit too few or too many', (national, cut) => {
    expect(parse(`+506${national.slice(0, cut)}`).ok).toBe(false);
    expect(parse(`+506${national}${national.slice(0, cut)}`).ok).toBe(false);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 40 })])('never throws and returns E.164 or a reason', (raw) => {
    const result = parse(raw);
    if (result.ok) expect(result.value).toMatch(/^\+[1-9]\d{7,14}$/u);
    else expect(typeof result.error).toBe('string');
  });

  test.prop([fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).filter((s) => /[a-z]/iu.test(s))])(
    'rejects anything with letters',
    (raw) => {
      expect(parse(raw).ok).toBe(false);
    },
  );
});

describe('phoneDigits', () => {
  it('drops the + for WhatsApp Web chat ids', () => {
    expect(phoneDigits('+50688888888' as PhoneNumber)).toBe('50688888888');
  });
});
