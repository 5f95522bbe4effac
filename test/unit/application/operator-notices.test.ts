import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/application/ports/clock.port.ts';
import type { OperatorNotice, OperatorNotifier } from '../../../src/application/ports/operator-notifier.port.ts';
import { OperatorNotices } from '../../../src/application/services/operator-notices.ts';
import { WhatsAppOperatorNotifier } from '../../../src/application/services/whatsapp-operator-notifier.ts';
import type { PhoneNumber } from '../../../src/domain/phone/phone-number.ts';
import { err, ok, type Result } from '../../../src/domain/shared/result.ts';
import { eventually } from '../../support/server-process.ts';
import { ScriptedMessaging } from '../../support/scripted-messaging.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

/** Time that moves only when the test says; sleepers wake when it passes their deadline, or at once when aborted. */
class ManualClock implements Clock {
  #now = Date.parse('2026-12-03T14:00:00Z');
  readonly #sleepers: { at: number; wake: () => void }[] = [];

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((wake) => {
      this.#sleepers.push({ at: this.#now + ms, wake });
      signal?.addEventListener('abort', () => wake(), { once: true });
    });
  }

  async advance(ms: number): Promise<void> {
    this.#now += ms;
    for (const sleeper of this.#sleepers.filter((candidate) => candidate.at <= this.#now)) {
      this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
      sleeper.wake();
    }
    // Let woken work run before the test looks.
    for (let turn = 0; turn < 10; turn++) await Promise.resolve();
  }
}

class RecordingNotifier implements OperatorNotifier {
  readonly name = 'recording';
  readonly received: OperatorNotice[] = [];
  failuresLeft = 0;

  async notify(notice: OperatorNotice): Promise<Result<void, string>> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      return err('the operators\u2019 webhook answered HTTP 503');
    }
    this.received.push(notice);
    return ok(undefined);
  }
}

function setUp(options: { threshold?: number } = {}) {
  const clock = new ManualClock();
  const notifier = new RecordingNotifier();
  const logger = new MemoryLogger();
  const notices = new OperatorNotices({
    notifiers: [notifier],
    clock,
    logger,
    notifyAfterMs: 300_000,
    failureThreshold: options.threshold ?? 10,
    retryMs: 60_000,
  });
  return { clock, notifier, logger, notices };
}

const texts = (notifier: RecordingNotifier) => notifier.received.map((notice) => notice.text);

describe('operator notices (issue 10 §6)', () => {
  it('tells of an outage once, after the grace period, with its cause, the waiting deliveries and what to do; and of its end once', async () => {
    const { clock, notifier, notices } = setUp();
    const since = clock.now();
    const unavailable = (waiting: number) =>
      notices.raise({ kind: 'provider-unavailable', provider: 'waapi', cause: 'waapi session not ready (qr)', since, waiting });
    unavailable(3);
    await clock.advance(240_000);
    unavailable(7);
    expect(notifier.received).toEqual([]);
    await clock.advance(60_000);
    await eventually(async () => (notifier.received.length === 1 ? true : undefined), 2_000, 'the outage notice');
    for (let look = 0; look < 20; look++) {
      unavailable(9);
      await clock.advance(30_000);
    }
    notices.raise({ kind: 'provider-recovered', provider: 'waapi', since, waiting: 9 });
    notices.raise({ kind: 'provider-recovered', provider: 'waapi', since, waiting: 9 });
    await eventually(async () => (notifier.received.length === 2 ? true : undefined), 2_000, 'the recovery notice');
    await clock.advance(600_000);
    const [down, back] = texts(notifier);
    expect(notifier.received).toHaveLength(2);
    expect(down).toContain('waapi no está disponible desde hace 5 minutos');
    expect(down).toContain('Causa: waapi session not ready (qr)');
    expect(down).toContain('7 entregas en espera');
    expect(down).toContain('escanee de nuevo el código QR');
    expect(notifier.received[0]!.providersDown).toEqual(['waapi']);
    expect(back).toContain('waapi volvió a responder tras 15 minutos sin servicio');
    expect(back).toContain('las 9 entregas que esperaban');
    expect(notifier.received[1]!.providersDown).toEqual([]);
  });

  it('says nothing of an outage shorter than the grace period, and treats a new outage as a new incident', async () => {
    const { clock, notifier, notices } = setUp();
    const first = clock.now();
    notices.raise({ kind: 'provider-unavailable', provider: 'gowa', cause: 'ECONNREFUSED', since: first, waiting: 1 });
    await clock.advance(120_000);
    notices.raise({ kind: 'provider-recovered', provider: 'gowa', since: first, waiting: 1 });
    await clock.advance(600_000);
    expect(notifier.received).toEqual([]);

    const second = clock.now();
    notices.raise({ kind: 'provider-unavailable', provider: 'cliengo', cause: 'HTTP 503', since: second, waiting: 1 });
    await clock.advance(300_000);
    await eventually(async () => (notifier.received.length === 1 ? true : undefined), 2_000, 'the outage notice');
    expect(texts(notifier)[0]).toContain('revise el estado del servicio cliengo');
  });

  it('tells of deliveries given up above the threshold once, until they fall back under it', async () => {
    const { clock, notifier, notices } = setUp({ threshold: 3 });
    const giveUp = (status: 'failed' | 'expired') =>
      notices.raise({ kind: 'delivery-given-up', status, job: 'meltwater-alert', at: clock.now() });
    for (const status of ['failed', 'expired', 'failed'] as const) giveUp(status);
    await clock.advance(1_000);
    expect(notifier.received).toEqual([]);
    for (let more = 0; more < 5; more++) giveUp('failed');
    await eventually(async () => (notifier.received.length === 1 ? true : undefined), 2_000, 'the threshold notice');
    expect(texts(notifier)[0]).toContain('4 entregas terminaron sin enviarse en la última hora (el umbral es 3): 3 fallidas y 1 vencidas');
    await clock.advance(2 * 3_600_000);
    giveUp('expired');
    for (let more = 0; more < 4; more++) giveUp('expired');
    await eventually(async () => (notifier.received.length === 2 ? true : undefined), 2_000, 'a second incident');
  });

  it('tells of a failed newsletter run with its distributions, and of dead letters at most once an hour per queue', async () => {
    const { clock, notifier, notices } = setUp();
    notices.raise({
      kind: 'newsletter-run-failed',
      runId: 'run-1',
      failed: [{ distributionId: '6734a46da330314a4cd0c3db', reason: 'Meltwater answered HTTP 500' }],
    });
    for (let letter = 0; letter < 3; letter++)
      notices.raise({ kind: 'dead-lettered', queue: 'offline-reports', reason: 'the body is not valid JSON' });
    await eventually(async () => (notifier.received.length === 2 ? true : undefined), 2_000, 'two notices');
    await clock.advance(3_600_000);
    notices.raise({ kind: 'dead-lettered', queue: 'offline-reports', reason: 'the body is not valid JSON' });
    await eventually(async () => (notifier.received.length === 3 ? true : undefined), 2_000, 'the next hour\u2019s notice');
    const [run, firstLetter, nextLetter] = texts(notifier);
    expect(run).toContain(
      'la corrida de boletines run-1 terminó con 1 boletín fallido: 6734a46da330314a4cd0c3db: Meltwater answered HTTP 500',
    );
    expect(firstLetter).toContain('un mensaje de la cola offline-reports pasó a mensajes muertos. Motivo: the body is not valid JSON');
    expect(nextLetter).toContain('(y 2 más desde el aviso anterior)');
    expect(nextLetter).toContain('cvt-whatsapp dead-letters redrive offline-reports');
  });

  it('tells of a bulk send whose answer was lost, naming the provider, the call and what to check before resending', async () => {
    const { notifier, notices } = setUp();
    notices.raise({
      kind: 'answer-lost',
      provider: 'chattonic',
      job: 'offline-report',
      recipients: 40,
      reference: 'informe-abc123-20261203',
      at: new Date('2026-12-03T14:00:00Z'),
    });
    await eventually(async () => (notifier.received.length === 1 ? true : undefined), 2_000, 'the answer-lost notice');
    const [text] = texts(notifier);
    expect(text).toContain('chattonic no respondió a un envío masivo (informe-abc123-20261203, 40 entregas');
    expect(text).toContain('revise el historial de campañas de chattonic');
  });

  it('tells of a template Meta paused and of its approval, naming the jobs that wait, and not of other review steps', async () => {
    const { notifier, notices } = setUp();
    const at = new Date('2026-12-03T14:00:00Z');
    notices.raise({
      kind: 'template-status-changed',
      provider: 'cloudapi',
      template: 'alerta_noticia',
      event: 'PENDING',
      jobs: ['offline-alert'],
      at,
    });
    notices.raise({
      kind: 'template-status-changed',
      provider: 'cloudapi',
      template: 'alerta_noticia',
      event: 'PAUSED',
      jobs: ['offline-alert'],
      at,
    });
    notices.raise({
      kind: 'template-status-changed',
      provider: 'cloudapi',
      template: 'alerta_noticia',
      event: 'APPROVED',
      jobs: ['offline-alert'],
      at,
    });
    await eventually(async () => (notifier.received.length === 2 ? true : undefined), 2_000, 'the template notices');
    const [paused, approved] = texts(notifier);
    expect(paused).toContain('cloudapi marcó la plantilla alerta_noticia como PAUSED');
    expect(paused).toContain('los envíos de offline-alert esperan');
    expect(approved).toContain('alerta_noticia como APPROVED');
  });

  it('logs a notifier that fails and tries it again later, without ever throwing at whoever raised', async () => {
    const { clock, notifier, notices, logger } = setUp();
    notifier.failuresLeft = 2;
    expect(() => notices.raise({ kind: 'dead-lettered', queue: 'offline-alerts', reason: 'x' })).not.toThrow();
    await eventually(
      async () => (logger.lines.some((line) => line.message.includes('trying again later')) ? true : undefined),
      2_000,
      'a log line',
    );
    expect(notifier.received).toEqual([]);
    await clock.advance(60_000);
    await clock.advance(120_000);
    await eventually(async () => (notifier.received.length === 1 ? true : undefined), 2_000, 'the notice at the third try');
    expect(logger.lines.filter((line) => line.message.includes('trying again later'))).toHaveLength(2);
    await notices.stop();
  });
});

describe('WhatsApp notices to operators', () => {
  const to = '+50688887777' as PhoneNumber;
  it('go through the primary provider, and through the fallback while the primary is down', async () => {
    const primary = new ScriptedMessaging([], 'waapi');
    const fallback = new ScriptedMessaging([], 'cliengo');
    const notifier = new WhatsAppOperatorNotifier({
      to,
      provider: (id) =>
        new Map([
          ['waapi', primary],
          ['cliengo', fallback],
        ]).get(id),
      primary: 'waapi',
      fallback: 'cliengo',
    });
    expect(notifier.name).toBe('whatsapp +506****7777');
    expect(await notifier.notify({ text: 'todo bien', providersDown: [] })).toEqual(ok(undefined));
    expect(await notifier.notify({ text: 'waapi caído', providersDown: ['waapi'] })).toEqual(ok(undefined));
    expect(primary.accepted.map((message) => [message.to, message.message.text])).toEqual([[to, 'todo bien']]);
    expect(fallback.accepted.map((message) => [message.to, message.message.text])).toEqual([[to, 'waapi caído']]);
    await expect(
      new WhatsAppOperatorNotifier({
        to,
        provider: (id) => (id === 'waapi' ? new ScriptedMessaging(['permanent'], 'waapi') : undefined),
        primary: 'waapi',
        fallback: null,
      }).notify({
        text: 'x',
        providersDown: ['waapi'],
      }),
    ).resolves.toEqual(err(expect.stringMatching(/waapi did not take the notice/u)));
  });
});
