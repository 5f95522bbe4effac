import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPT_IN_WORDS, DEFAULT_OPT_OUT_WORDS, optChangeOf } from '../../../src/domain/opt-out/opt-out-words.ts';

const words = { optOut: DEFAULT_OPT_OUT_WORDS, optIn: DEFAULT_OPT_IN_WORDS };

describe('opt-out words (issue 13 §2)', () => {
  it('reads the default words whatever their case, accents, punctuation and spaces', () => {
    for (const text of ['BAJA', 'Baja ', '  baja\n', 'bája', 'Baja.', 'stop', 'Cancelar!', 'No más', 'NO  MAS', 'no mas 🙏'])
      expect(optChangeOf(text, words)).toBe('opt-out');
    for (const text of ['ALTA', 'alta', ' Alta ', 'start', 'ÁLTA']) expect(optChangeOf(text, words)).toBe('opt-in');
  });

  it('never reads a sentence that only contains a word', () => {
    for (const text of ['quiero darme de baja', 'no me den de baja', 'Responda BAJA para no recibir más', 'bajar', 'nomas', '', '   '])
      expect(optChangeOf(text, words)).toBeNull();
  });

  it('uses the configured words instead of the defaults', () => {
    const custom = { optOut: ['Salir'], optIn: ['Volver'] };
    expect(optChangeOf('salir', custom)).toBe('opt-out');
    expect(optChangeOf('BAJA', custom)).toBeNull();
    expect(optChangeOf('volver', custom)).toBe('opt-in');
  });

  test.prop([
    fc.constantFrom(...DEFAULT_OPT_OUT_WORDS),
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '.', '!'), maxLength: 4 }),
    fc.boolean(),
  ])('an opt-out word stays one with any surrounding spaces and punctuation, in either case', (word, around, lower) => {
    const text = `${around}${lower ? word.toLowerCase() : word}${around}`;
    expect(optChangeOf(text, words)).toBe('opt-out');
  });
});
