import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  endOfCostaRicaDay,
  formatDateTime,
  formatNumber,
  startOfCostaRicaDay,
  costaRicaDay,
} from '../../../../src/entrypoints/console/format.ts';
import { html, raw } from '../../../../src/entrypoints/console/html.ts';
import { LoginThrottle } from '../../../../src/entrypoints/console/login-throttle.ts';
import { openRecipient, sealRecipient } from '../../../../src/entrypoints/console/sealed-recipient.ts';
import { ConsoleSessions } from '../../../../src/entrypoints/console/sessions.ts';

describe('console building blocks', () => {
  test.prop([fc.string()])('html escapes every interpolated text, so no markup of it survives and it reads back the same', (text) => {
    const rendered = html`${text}`.value;
    expect(rendered).not.toMatch(/[<>"']/u);
    const unescaped = rendered.replace(
      /&(lt|gt|quot|#39|amp);/gu,
      (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!,
    );
    expect(unescaped).toBe(text);
    expect(html`${raw('<b>')}`.value).toBe('<b>');
  });

  test.prop([fc.string({ minLength: 1, maxLength: 30 })])('a sealed number opens to itself and shows nothing of it', (phone) => {
    const sealed = sealRecipient(phone);
    expect(openRecipient(sealed)).toBe(phone);
    expect(sealed).toMatch(/^[\w-]+$/u);
  });

  it('refuses a sealed number that was tampered with', () => {
    const sealed = sealRecipient('+50688888888');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(openRecipient(tampered)).toBeUndefined();
    expect(openRecipient('nope')).toBeUndefined();
  });

  it('reads days and times in Costa Rica (UTC-6) and numbers in es-CR', () => {
    expect(startOfCostaRicaDay('2026-12-03').toISOString()).toBe('2026-12-03T06:00:00.000Z');
    expect(endOfCostaRicaDay('2026-12-03').toISOString()).toBe('2026-12-04T06:00:00.000Z');
    expect(costaRicaDay(new Date('2026-12-03T05:59:59Z'))).toBe('2026-12-02');
    expect(formatDateTime(new Date('2026-12-03T14:30:00Z'))).toContain('8:30');
    expect(formatNumber(1234567)).toMatch(/^1\D234\D567$/u);
  });

  it('lets five wrong tokens through, then makes each attempt wait twice as long', () => {
    const throttle = new LoginThrottle();
    const t0 = new Date('2026-12-03T12:00:00Z');
    for (let failure = 0; failure < 5; failure++) {
      expect(throttle.waitMs('10.0.0.1', t0)).toBe(0);
      throttle.failed('10.0.0.1', t0);
    }
    expect(throttle.waitMs('10.0.0.1', t0)).toBe(1_000);
    expect(throttle.waitMs('10.0.0.2', t0)).toBe(0);
    throttle.failed('10.0.0.1', t0);
    expect(throttle.waitMs('10.0.0.1', t0)).toBe(2_000);
    expect(throttle.waitMs('10.0.0.1', new Date(t0.getTime() + 2_000))).toBe(0);
    throttle.succeeded('10.0.0.1');
    expect(throttle.waitMs('10.0.0.1', t0)).toBe(0);
  });

  it('ends sessions when they expire and when they are closed', () => {
    const sessions = new ConsoleSessions(60_000);
    const t0 = new Date('2026-12-03T12:00:00Z');
    const session = sessions.open(t0);
    expect(session.csrf).not.toBe(session.id);
    expect(sessions.find(session.id, new Date(t0.getTime() + 59_999))).toBe(session);
    expect(sessions.find(session.id, new Date(t0.getTime() + 60_000))).toBeUndefined();
    const other = sessions.open(t0);
    sessions.close(other.id);
    expect(sessions.find(other.id, t0)).toBeUndefined();
    expect(sessions.find(undefined, t0)).toBeUndefined();
  });
});
