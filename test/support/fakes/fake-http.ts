import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '../../contract/messaging.contract.ts';

/** An answer a fake has decided on, written in one go once the (possibly slow) decision is made. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A JSON answer; `headers` come after the JSON content type, so they may replace it. */
export function jsonAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): FakeAnswer {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

/**
 * Writes the answer, unless there is none (a fault that never answers) or the caller is gone: an
 * adapter that timed out closes its socket while the fake still holds the answer.
 */
export function writeAnswer(request: IncomingMessage, response: ServerResponse, answer: FakeAnswer | undefined): void {
  if (answer === undefined || response.destroyed || request.socket.destroyed) return;
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** Faults a test queued with `fail(fault, times)`, taken one per provider call, in order. */
export class FaultQueue {
  readonly #faults: Fault[] = [];

  add(fault: Fault, times: number): void {
    for (let time = 0; time < times; time++) this.#faults.push(fault);
  }

  take(): Fault | undefined {
    return this.#faults.shift();
  }
}

/**
 * The timers behind slow answers (`timeout` faults). They are cleared when the fake closes, so a test
 * never waits for an answer nobody will read and no timer outlives its server.
 */
export class HeldAnswers {
  readonly #timers = new Set<NodeJS.Timeout>();

  /** Runs `answer` after `ms`, unless the fake closes first. */
  after(ms: number, answer: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      answer();
    }, ms);
    this.#timers.add(timer);
  }

  /** Resolves after `ms`; never, if the fake closes first (its server is going away with the request). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
