import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AcceptedMessage, Fault } from '../../contract/messaging.contract.ts';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server.ts';
import { FaultQueue, HeldAnswers, writeAnswer, type FakeAnswer } from './fake-http.ts';

/**
 * The bookkeeping the free-text gateway fakes (gowa, waapi) share, so each file keeps only how its
 * provider answers: faults queued for send calls, the count of those calls, the messages taken and the
 * ids handed out, answers held back by `timeout` faults, and writing an answer once it is decided.
 */
export abstract class FreeTextFake {
  server: LoopbackServer | undefined;
  protected readonly held = new HeldAnswers();
  readonly #provider: string;
  readonly #faults = new FaultQueue();
  readonly #accepted: AcceptedMessage[] = [];
  readonly #messageIds: string[] = [];
  #calls = 0;

  constructor(provider: string) {
    this.#provider = provider;
  }

  fail(fault: Fault, times = 1): void {
    if (fault === 'unknown_template') throw new Error(`${this.#provider} sends free text: it has no templates to reject`);
    this.#faults.add(fault, times);
  }

  accepted(): AcceptedMessage[] {
    return [...this.#accepted];
  }

  calls(): number {
    return this.#calls;
  }

  /**
   * The message ids handed out, in order, for end-to-end tests that post receipts: the admin API masks
   * the phone inside a Waapi id, so the ids are read here rather than from the ledger.
   */
  messageIds(): string[] {
    return [...this.#messageIds];
  }

  close(): void {
    this.held.clear();
  }

  /** Serves the fake on a loopback port; closing drops the answers still held back, then the server. */
  async listen(): Promise<{ readonly url: string; close(): Promise<void> }> {
    const server = await startLoopbackServer((request, response, body) => this.handle(request, response, body));
    this.server = server;
    return {
      url: server.url,
      close: async () => {
        this.close();
        await server.close();
      },
    };
  }

  async handle(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    writeAnswer(request, response, await this.answer(request, body));
  }

  /** How the provider answers a request; undefined leaves it unanswered. */
  protected abstract answer(request: IncomingMessage, body: string): Promise<FakeAnswer | undefined>;

  /** Counts a send call and takes the fault a test queued for it, if any. */
  protected sendCall(): Fault | undefined {
    this.#calls++;
    return this.#faults.take();
  }

  /** Records a message the provider took, under the id it hands out for it. */
  protected took(message: AcceptedMessage, messageId: string): void {
    this.#accepted.push(message);
    this.#messageIds.push(messageId);
  }
}
