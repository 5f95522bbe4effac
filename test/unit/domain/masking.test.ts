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
});
