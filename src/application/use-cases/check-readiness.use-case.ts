import type { ReadinessCheck, ReadinessProbe } from '../ports/readiness.port.ts';

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
}

/** Whether every dependency answers; a probe that throws or hangs counts as not ready. */
export class CheckReadiness {
  readonly #probes: readonly ReadinessProbe[];
  readonly #timeoutMs: number;

  constructor(probes: readonly ReadinessProbe[], timeoutMs: number) {
    this.#probes = probes;
    this.#timeoutMs = timeoutMs;
  }

  async execute(): Promise<Readiness> {
    const results = await Promise.all(this.#probes.map(async (probe) => [probe.name, await this.#check(probe)] as const));
    return { ready: results.every(([, check]) => check.ok), checks: Object.fromEntries(results) };
  }

  async #check(probe: ReadinessProbe): Promise<ReadinessCheck> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessCheck>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${this.#timeoutMs} ms` }), this.#timeoutMs);
    });
    try {
      return await Promise.race([probe.check(), timeout]);
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
