import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInText } from '../../../src/domain/phone/masking.ts';
import { crPhone } from '../../support/arbitraries/phone.arb.ts';

describe('maskPhone', () => {
  it('keeps the country code and the last four digits', () => {
    expect(maskPhone('+50688888888')).toBe('+506****8888');
    expect(maskPhone('+50688881234')).toBe('+506****1234');
  });

  it('hides at least four digits of a number without country code', () => {
    expect(maskPhone('88881234')).toBe('****1234');
  });

  it('reads a 00 prefix as +', () => {
    expect(maskPhone('00506 8888 1234')).toBe('+506****1234');
  });

  it('hides everything of something too short to be a number', () => {
    expect(maskPhone('1234')).toBe('****');
  });
});

describe('maskPhonesInText', () => {
  it.each([
    ['enviado a +50688881234', 'enviado a +506****1234'],
    ['chat 50688881234@c.us listo', 'chat 506****1234@c.us listo'],
    ['tel. 8888-1234.', 'tel. ****1234.'],
    ['tel 8888 1234', 'tel ****1234'],
    ['(506) 8888-1234', '506****1234'],
    ['+506 (8888) 1234', '+506****1234'],
    ['+506  8888  1234', '+506****1234'],
    ['id true_50688881234@c.us_3EB0C7', 'id true_506****1234@c.us_3EB0C7'],
  ])('masks %j', (text, masked) => {
    expect(maskPhonesInText(text)).toBe(masked);
  });

  it.each([
    '550e8400-e29b-41d4-a716-446655440000',
    '12345678-1234-4123-8123-123456789012',
    '6734a46da330314a4cd0c3da',
    '673412345678901234567890',
    '2025-01-15T14:00:00.000Z',
    '2025-01-15 14:00:00',
    '2025-01-15',
    '192.168.100.200',
    'intento 3 de 8, espera 5000 ms',
  ])('leaves %j alone', (text) => {
    expect(maskPhonesInText(`delivery ${text} done`)).toBe(`delivery ${text} done`);
  });

  test.prop([crPhone, fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 })])(
    'never lets the 8 national digits through, wherever the number is',
    ({ national, written }, before, after) => {
      const masked = maskPhonesInText(`${before} ${written} ${after}`);
      expect(masked).not.toContain(national);
      expect(masked).not.toContain(written.trim());
    },
  );

  test.prop([crPhone])('masks a number inside a WhatsApp id', ({ national }) => {
    expect(maskPhonesInText(`to=506${national}@c.us`)).toBe(`to=506****${national.slice(4)}@c.us`);
  });

  test.prop([fc.uuid()])('leaves any UUID alone', (uuid) => {
    expect(maskPhonesInText(`id ${uuid}`)).toBe(`id ${uuid}`);
  });

  test.prop([fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })])(
    'leaves ISO timestamps alone',
    (date) => {
      expect(maskPhonesInText(`at ${date.toISOString()}`)).toBe(`at ${date.toISOString()}`);
    },
  );

  it.each([
    ['report rep-20261121-am done', 'report rep-20261121-am done'],
    ['page informes/rep-20261121-am.html', 'page informes/rep-20261121-am.html'],
    ['id informe_20261121', 'id informe_20261121'],
    ['mention LFbc2026112112345678xyz', 'mention LFbc2026112112345678xyz'],
  ])('keeps the digits of an identifier readable: %j', (text, kept) => {
    expect(maskPhonesInText(text)).toBe(kept);
  });

  it.each([
    ['rejected 1234567890123456789012@c.us', 'rejected 123****9012@c.us'],
    ['value 1234567890123456789012', 'value 123****9012'],
    ['rejected 12345678901234567890123456789012345678901234567890', 'rejected 123****7890'],
    ['to rep_50688881234@c.us', 'to rep_506****1234@c.us'],
  ])('masks a run of 8 or more digits whatever its length: %j', (text, masked) => {
    expect(maskPhonesInText(text)).toBe(masked);
  });

  const separator = fc.constantFrom(' ', ', ', ': ', '=', '"', '/', '(', '[', '\n', 'ñ ', '\t');
  const digitRun = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

  test.prop([digitRun(8, 60).filter((run) => run.length !== 24), separator, separator, fc.constantFrom('', '@c.us', '@s.whatsapp.net')])(
    'never lets a standalone run of 8 or more digits through, whatever its length',
    (run, before, after, suffix) => {
      const masked = maskPhonesInText(`x${before}${run}${suffix}${after}x`);
      expect(masked).not.toContain(run);
      expect(masked).toContain(`****${run.slice(-4)}`);
    },
  );

  const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/u);
  test.prop([word, digitRun(1, 30), fc.option(word, { nil: undefined }), fc.constantFrom('-', '_')])(
    'keeps a digit run joined to a word of an identifier as it is, so the id can be searched',
    (prefix, digits, suffix, joiner) => {
      const id = `${prefix}${joiner}${digits}${suffix === undefined ? '' : `${joiner}${suffix}`}`;
      expect(maskPhonesInText(`report ${id} queued`)).toBe(`report ${id} queued`);
    },
  );

  test.prop([word, crPhone.map(({ national }) => `506${national}`), fc.constantFrom('-', '_')])(
    'masks a WhatsApp id even when it is joined to a word',
    (prefix, digits, joiner) => {
      const masked = maskPhonesInText(`${prefix}${joiner}${digits}@c.us`);
      expect(masked).not.toContain(digits);
    },
  );

  test.prop([fc.stringMatching(/^[0-9a-f]{24}$/u)])('keeps any 24-character ObjectId readable', (id) => {
    expect(maskPhonesInText(`client ${id} updated`)).toBe(`client ${id} updated`);
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'0123456789 -_.()+@abc'), maxLength: 80 })])(
    'is idempotent: masking masked text changes nothing',
    (text) => {
      const once = maskPhonesInText(text);
      expect(maskPhonesInText(once)).toBe(once);
    },
  );

  // A text with fewer than eight digits is returned before the search starts. The same text followed,
  // across a line that no run or identifier crosses, by a number is searched whole: both must agree.
  const fewDigits = fc
    .string({ unit: fc.constantFrom(...'0123456789 -_.()+@:/abcXYZñ\u00a0'), maxLength: 60 })
    .filter((text) => text.replace(/\D/gu, '').length < 8);
  test.prop([fewDigits])('leaves a text with fewer than eight digits exactly as the full search does', (text) => {
    expect(maskPhonesInText(`${text}\n|\n+50688881234`)).toBe(`${maskPhonesInText(text)}\n|\n+506****1234`);
    expect(maskPhonesInText(text)).toBe(text);
  });

  it('reads a hostile line of digits and spaces in linear time', () => {
    const line = `${'1 '.repeat(200_000)}x`;
    const started = performance.now();
    maskPhonesInText(line);
    // A quadratic scan of 400,000 characters takes minutes; a linear one, milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
