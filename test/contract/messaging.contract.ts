import { err, ok } from '../../src/domain/shared/result.ts';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ResilientMessaging } from '../../src/application/services/resilient-messaging.ts';
import type { MessagingPort, ProviderMessage } from '../../src/application/ports/messaging.port.ts';
import type { InboundCallback, ReceiptSource } from '../../src/application/ports/receipt-source.port.ts';
import type { Job } from '../../src/domain/deliveries/job.ts';
import type { MessageVariables } from '../../src/domain/deliveries/message.ts';
import type { SendFailureKind } from '../../src/domain/deliveries/send-failure.ts';
import type { PhoneNumber } from '../../src/domain/phone/phone-number.ts';
import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { MemoryLogger } from '../support/silent-logger.ts';

/** The ways a provider can refuse a call, each produced by the fake in the provider's own wire format. */
export type Fault = 'rate_limited' | 'server_error' | 'timeout' | 'unauthorized' | 'invalid_recipient' | 'unknown_template' | 'not_ready';

/** What the provider received and took, decoded from its wire format. */
export interface AcceptedMessage {
  /** E.164, whatever form the provider's API wants. */
  readonly to: string;
  readonly text?: string;
  readonly template?: { readonly name: string; readonly parameters: readonly string[] };
}

/** A real HTTP server on 127.0.0.1 that behaves as the provider's documented contract. */
export interface ProviderFake {
  /** The next `times` calls fail with `fault`. */
  fail(fault: Fault, times?: number): void;
  accepted(): AcceptedMessage[];
  /** How many send calls reached the provider, accepted or not. */
  calls(): number;
  /** A receipt callback exactly as the provider would post it for a message it accepted. */
  receipt?(providerMessageId: string, status: 'delivered' | 'read', secretOk: boolean): InboundCallback;
  /** Credentials configured for the adapter; none may ever appear in a failure. */
  readonly secrets: readonly string[];
}

export interface MessagingHarness {
  readonly name: string;
  /** Free-text providers get the Spanish text; template providers the job's template and its parameters. */
  readonly kind: 'free-text' | 'template';
  /** The faults this provider can show (the outbox has none). */
  readonly faults: readonly Fault[];
  /** The longest a call may take before the adapter gives up, as configured in `setup`. */
  readonly timeoutMs: number;
  setup(): Promise<{ port: MessagingPort; receipts?: ReceiptSource; fake: ProviderFake; close(): Promise<void> }>;
}

/** The templates every template harness configures: the parameter values are the message's variables in this order. */
export const CONTRACT_TEMPLATES = {
  'meltwater-alert': { template: 'alerta_meltwater', language: 'es', params: { '1': 'titulo', '2': 'fuente', '3': 'link' } },
  'meltwater-newsletter': { template: 'informe_meltwater', language: 'es', params: { '1': 'titulo', '2': 'link' } },
  'offline-report': { template: 'informe_offline', language: 'es', params: { '1': 'subject', '2': 'link' } },
  'offline-alert': { template: 'alerta_noticia', language: 'es', params: { '1': 'titulo', '2': 'link' } },
} as const;

const EXPECTED: Record<Fault, { kind: SendFailureKind | SendFailureKind[]; retryable: boolean }> = {
  rate_limited: { kind: 'rate_limited', retryable: true },
  server_error: { kind: 'unavailable', retryable: true },
  timeout: { kind: ['timeout', 'unavailable'], retryable: true },
  not_ready: { kind: 'not_ready', retryable: true },
  unauthorized: { kind: 'unauthorized', retryable: false },
  invalid_recipient: { kind: 'invalid_recipient', retryable: false },
  unknown_template: { kind: 'template_rejected', retryable: false },
};

let counter = 0;
export function contractMessage(options: { to?: string; job?: Job; text?: string; variables?: MessageVariables } = {}): ProviderMessage {
  const job = options.job ?? 'offline-alert';
  return {
    deliveryId: `d${++counter}`,
    clientId: null,
    to: (options.to ?? '+50688888888') as PhoneNumber,
    message: {
      job,
      text: options.text ?? '*Alerta de noticia*\n\nTítulo de la nota\n\nhttps://app.controles.co.cr/?shared=1&id=n1',
      variables: options.variables ?? { titulo: 'Título de la nota', link: 'https://app.controles.co.cr/?shared=1&id=n1' },
    },
  };
}

/** The messaging port's promises, the same for every provider (ARCHITECTURE.md, "Adding a WhatsApp provider"). */
export function messagingContract(harness: MessagingHarness): void {
  describe(`MessagingPort contract: ${harness.name}`, () => {
    const withProvider = (run: (setup: Awaited<ReturnType<MessagingHarness['setup']>>) => Promise<void>) => async () => {
      const setup = await harness.setup();
      try {
        await run(setup);
      } finally {
        await setup.close();
      }
    };

    it(
      'sends a message and names itself and the provider message id',
      withProvider(async ({ port, fake }) => {
        const result = await port.send(contractMessage());
        expect(result).toEqual({
          ok: true,
          value: { provider: harness.name, providerMessageId: expect.toBeOneOf([null, expect.any(String)]) },
        });
        expect(fake.accepted()).toHaveLength(1);
        expect(fake.accepted()[0]!.to).toBe('+50688888888');
      }),
    );

    if (harness.kind === 'free-text') {
      test.prop([fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }).filter((text) => text.trim() !== '')], { numRuns: 15 })(
        'delivers the text unchanged, whatever its characters',
        async (text) => {
          const setup = await harness.setup();
          try {
            expect((await setup.port.send(contractMessage({ text }))).ok).toBe(true);
            expect(setup.fake.accepted().at(-1)!.text).toBe(text);
          } finally {
            await setup.close();
          }
        },
      );
    } else {
      it(
        'sends each job as its configured template, with the parameters in order',
        withProvider(async ({ port, fake }) => {
          await port.send(
            contractMessage({ job: 'meltwater-alert', variables: { titulo: 'Nueva ruta', fuente: 'La Nación', link: 'https://x.cr/a' } }),
          );
          await port.send(
            contractMessage({
              job: 'offline-report',
              variables: { subject: 'Informe matutino', titulo: 'Informe matutino', link: 'https://m.cr/i.html' },
            }),
          );
          await port.send(contractMessage({ job: 'meltwater-alert', variables: { titulo: 'Sin fuente', link: 'https://x.cr/b' } }));
          expect(fake.accepted().map((message) => message.template)).toEqual([
            { name: 'alerta_meltwater', parameters: ['Nueva ruta', 'La Nación', 'https://x.cr/a'] },
            { name: 'informe_offline', parameters: ['Informe matutino', 'https://m.cr/i.html'] },
            { name: 'alerta_meltwater', parameters: ['Sin fuente', '-', 'https://x.cr/b'] },
          ]);
        }),
      );
    }

    it(
      'addresses Costa Rican and foreign numbers in the provider\u2019s own format',
      withProvider(async ({ port, fake }) => {
        for (const to of ['+50670001234', '+14155550123', '+5491112345678'])
          expect((await port.send(contractMessage({ to }))).ok).toBe(true);
        expect(fake.accepted().map((message) => message.to)).toEqual(['+50670001234', '+14155550123', '+5491112345678']);
      }),
    );

    for (const fault of harness.faults) {
      const expected = EXPECTED[fault];
      it(
        `classifies ${fault} as ${[expected.kind].flat().join(' or ')}, ${expected.retryable ? 'retryable' : 'permanent'}, without credentials`,
        withProvider(async ({ port, fake }) => {
          fake.fail(fault);
          const started = Date.now();
          const result = await port.send(contractMessage());
          expect(Date.now() - started).toBeLessThan(harness.timeoutMs + 2_000);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect([expected.kind].flat()).toContain(result.error.kind);
          expect(result.error).toMatchObject({ retryable: expected.retryable, provider: harness.name, message: expect.any(String) });
          if (fault === 'rate_limited') expect(result.error.retryAfterMs).toBeGreaterThanOrEqual(0);
          const serialised = JSON.stringify(result);
          for (const secret of fake.secrets) expect(serialised).not.toContain(secret);
          expect(fake.accepted()).toHaveLength(0);
        }),
      );
    }

    if (harness.faults.includes('server_error')) {
      it(
        'takes the message on a later try after a passing failure, once',
        withProvider(async ({ port, fake }) => {
          fake.fail('server_error');
          const resilient = new ResilientMessaging(
            port,
            { WHATSAPP_RETRY_ATTEMPTS: 2, WHATSAPP_BREAKER_FAILURES: 5, WHATSAPP_BREAKER_HALF_OPEN_MS: 30_000 },
            new MemoryLogger(),
            new SystemClock(),
          );
          expect((await resilient.send(contractMessage())).ok).toBe(true);
          expect(fake.accepted()).toHaveLength(1);
          expect(fake.calls()).toBe(2);
        }),
      );
    }

    const permanent = harness.faults.find((fault) => !EXPECTED[fault].retryable);
    if (permanent !== undefined) {
      it(
        `never retries a permanent failure (${permanent})`,
        withProvider(async ({ port, fake }) => {
          fake.fail(permanent, 5);
          const resilient = new ResilientMessaging(
            port,
            { WHATSAPP_RETRY_ATTEMPTS: 3, WHATSAPP_BREAKER_FAILURES: 5, WHATSAPP_BREAKER_HALF_OPEN_MS: 30_000 },
            new MemoryLogger(),
            new SystemClock(),
          );
          expect((await resilient.send(contractMessage())).ok).toBe(false);
          expect(fake.calls()).toBe(1);
        }),
      );
    }

    it(
      'reports whether it can send',
      withProvider(async ({ port }) => {
        expect(await port.session()).toEqual({ ready: true, detail: expect.any(String) });
      }),
    );

    it(
      'never throws for any provider failure, even when nothing answers',
      withProvider(async ({ port, fake }) => {
        for (const fault of harness.faults) {
          fake.fail(fault);
          await expect(port.send(contractMessage())).resolves.toMatchObject({ ok: false });
        }
      }),
    );

    it(
      'reads its receipts, refuses a bad secret, and ignores anything else without throwing',
      withProvider(async ({ port, receipts, fake }) => {
        if (receipts === undefined || fake.receipt === undefined) return;
        const sent = await port.send(contractMessage());
        expect(sent.ok).toBe(true);
        const id = sent.ok ? sent.value.providerMessageId! : '';
        expect(receipts.parseReceipts(fake.receipt(id, 'delivered', true))).toEqual(
          ok({
            receipts: [expect.objectContaining({ status: 'delivered' })],
          }),
        );
        expect(receipts.parseReceipts(fake.receipt(id, 'read', true))).toEqual(
          ok({
            receipts: [expect.objectContaining({ status: 'read' })],
          }),
        );
        expect(receipts.parseReceipts(fake.receipt(id, 'read', false))).toEqual(err('unauthorized'));
        const authorised = fake.receipt(id, 'read', true);
        fc.assert(
          fc.property(
            fc.oneof(
              fc.json(),
              fc.string(),
              fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
            ),
            (body) => {
              const parsed = receipts.parseReceipts({ ...authorised, rawBody: Buffer.from(body) });
              expect([true, false]).toContain(parsed.ok);
            },
          ),
          { numRuns: 200 },
        );
      }),
    );
  });
}
