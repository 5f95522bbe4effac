import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseClientId } from '../../../src/domain/clients/client-id.ts';
import { parseClientUser } from '../../../src/domain/clients/client-user.ts';
import { emailUser, meltwaterUser, objectIdHex } from '../../support/arbitraries/client-user.arb.ts';
import { whatsappId } from '../../support/arbitraries/phone.arb.ts';

const parse = (raw: unknown) => parseClientUser(raw, '506');

describe('parseClientUser', () => {
  it('reads a WhatsApp id as a contact in E.164', () => {
    expect(parse('50688888888@c.us')).toEqual({ kind: 'whatsapp', value: '50688888888@c.us', phone: '+50688888888' });
  });

  it('adds +506 to a WhatsApp id without country code', () => {
    expect(parse('88888888@c.us')).toMatchObject({ kind: 'whatsapp', phone: '+50688888888' });
  });

  it('reads a Meltwater address as a distribution id in lower case', () => {
    expect(parse('6734A46DA330314A4CD0C3DA@Meltwater.com')).toEqual({
      kind: 'meltwater',
      value: '6734A46DA330314A4CD0C3DA@Meltwater.com',
      distributionId: '6734a46da330314a4cd0c3da',
    });
  });

  it('reads anything else shaped like an address as an e-mail user, not an error', () => {
    expect(parse('ana@example.com')).toEqual({ kind: 'email', value: 'ana@example.com' });
  });

  it('trims surrounding spaces', () => {
    expect(parse('  50688888888@c.us ')).toMatchObject({ kind: 'whatsapp', value: '50688888888@c.us' });
  });

  it.each([
    ['garbage', /not a WhatsApp id/u],
    ['', /not a WhatsApp id/u],
    ['5068888@c.us', /invalid WhatsApp number: the number is too short/u],
    ['50698888888@c.us', /invalid WhatsApp number: not a valid number/u],
    ['abc@c.us', /invalid WhatsApp number/u],
    ['@c.us', /invalid WhatsApp number: the number is empty/u],
    ['6734a46d@meltwater.com', /invalid Meltwater distribution id/u],
    ['6734a46da330314a4cd0c3dz@meltwater.com', /invalid Meltwater distribution id/u],
  ])('rejects %j with a reason', (raw, reason) => {
    const user = parse(raw);
    expect(user.kind).toBe('invalid');
    if (user.kind === 'invalid') expect(user.reason).toMatch(reason);
  });

  it.each([null, undefined, 50688888888, true, { correo: 'x' }, ['50688888888@c.us']])('rejects the non-string %j', (raw) => {
    expect(parse(raw)).toMatchObject({ kind: 'invalid', reason: 'not a string' });
  });

  it('describes values that JSON cannot print without throwing', () => {
    const circular: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    circular['self'] = circular;
    expect(parse(circular)).toMatchObject({ kind: 'invalid', reason: 'not a string' });
    expect(parse(10n)).toMatchObject({ kind: 'invalid', value: '10' });
  });

  test.prop([whatsappId])('reads WhatsApp ids in any letter case of the suffix', ({ value, e164 }) => {
    expect(parse(value)).toMatchObject({ kind: 'whatsapp', phone: e164 });
  });

  test.prop([meltwaterUser])('reads Meltwater addresses in any letter case', ({ value, distributionId }) => {
    expect(parse(value)).toMatchObject({ kind: 'meltwater', distributionId });
  });

  test.prop([emailUser])('reads e-mail addresses as e-mail users', (email) => {
    expect(parse(email)).toEqual({ kind: 'email', value: email });
  });

  test.prop([fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true })])(
    'never throws and always names a kind',
    (raw) => {
      expect(['whatsapp', 'meltwater', 'email', 'invalid']).toContain(parse(raw).kind);
    },
  );
});

describe('parseClientId', () => {
  test.prop([objectIdHex])('accepts 24 hex characters in any case, lower-cased', (id) => {
    expect(parseClientId(id.toUpperCase())).toBe(id);
  });

  it.each(['', '5792a7288ac8f35b0aa93be', '5792a7288ac8f35b0aa93beef', '5792a7288ac8f35b0aa93bez', ' 5792a7288ac8f35b0aa93bee'])(
    'refuses %j',
    (id) => {
      expect(parseClientId(id)).toBeUndefined();
    },
  );
});
