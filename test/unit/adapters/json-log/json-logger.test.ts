import { describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../../src/adapters/json-log/json-log.config.ts';
import { JsonLogger } from '../../../../src/adapters/json-log/json-logger.adapter.ts';
import { LogSanitizer } from '../../../../src/adapters/json-log/log-sanitizer.ts';

const SECRET = 'webhook-token-0123456789';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const logger = new JsonLogger({ level, sanitizer: new LogSanitizer([SECRET]), write: (line) => lines.push(line) });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JsonLogger', () => {
  it('writes one JSON line per call with time, level and message', () => {
    const { logger, lines, entries } = capture('debug');
    logger.info('delivery sent', { deliveryId: 'abc', attempt: 1 });
    logger.warn('multi\nline\nmessage');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
    }
    const [first, second] = entries();
    expect(first).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u) as unknown,
      level: 'info',
      msg: 'delivery sent',
      deliveryId: 'abc',
      attempt: 1,
    });
    expect(second).toMatchObject({ level: 'warn', msg: 'multi\nline\nmessage' });
  });

  it('keeps a value holding U+2028 or U+2029 on one line, as line readers split on them', () => {
    const { logger, lines, entries } = capture('debug');
    logger.info('received', { title: 'Noticia\u2028con\u2029separadores' });
    expect(lines[0]).not.toMatch(/[\u2028\u2029]/u);
    expect(entries()[0]).toMatchObject({ title: 'Noticia\u2028con\u2029separadores' });
  });

  it('masks numbers and redacts secrets in the message and the fields', () => {
    const { logger, lines } = capture('info');
    logger.error(`send to +50688881234 failed with ${SECRET}`, {
      recipient: '50688881234@c.us',
      headers: { authorization: 'Bearer abc' },
      url: `/hook?token=${SECRET}`,
    });
    const line = lines[0]!;
    expect(line).not.toContain('88881234');
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain('Bearer');
    expect(JSON.parse(line)).toMatchObject({
      msg: 'send to +506****1234 failed with [REDACTED]',
      recipient: '506****1234@c.us',
      headers: { authorization: '[REDACTED]' },
    });
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as const)('at level %s writes only %j', (level, written) => {
    const { logger, entries } = capture(level);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(entries().map((entry) => entry['level'])).toEqual(written);
  });

  it('adds a child’s fields to every line, sanitised too', () => {
    const { logger, entries } = capture('info');
    const child = logger.child({ job: 'offline-alert', recipient: '+50688881234' });
    child.info('queued', { eventKey: 'nota:1' });
    logger.info('parent');
    expect(entries()).toEqual([
      expect.objectContaining({ msg: 'queued', job: 'offline-alert', recipient: '+506****1234', eventKey: 'nota:1' }),
      expect.not.objectContaining({ job: 'offline-alert' }) as unknown,
    ]);
  });

  it('keeps its own time, level and message when a field has the same name', () => {
    const { logger, entries } = capture('info');
    logger.error('real message', { level: 'debug', msg: 'fake', time: 'yesterday' });
    expect(entries()[0]).toMatchObject({ level: 'error', msg: 'real message' });
    expect(entries()[0]!['time']).not.toBe('yesterday');
  });

  it('logs errors by name and message', () => {
    const { logger, entries } = capture('info');
    logger.error('dispatch failed', { error: new RangeError('out of range') });
    expect(entries()[0]).toMatchObject({ error: { name: 'RangeError', message: 'out of range' } });
  });
});
