import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by `npm run test:faults`: the folder the figures of the run are gathered in. */
    faultsReportDir?: string;
  }
}

/**
 * How big the reliability runs are. Inside `npm test` they are a quick subset that still injects every
 * fault; `npm run test:faults` runs them at full size and writes docs/reliability.md from the figures.
 */
export interface FaultScale {
  readonly name: 'quick' | 'full';
  /** Independent runs (each with its own seed) of each scenario. */
  readonly runs: number;
  /** Deliveries asked of each job in a provider-fault run. */
  readonly perJob: number;
  /** Deliveries of a crash run, and how many times the process is killed during it. */
  readonly crashDeliveries: number;
  readonly kills: number;
  /** Queue messages (five deliveries each) that two workers drain together. */
  readonly workerMessages: number;
}

const QUICK: FaultScale = { name: 'quick', runs: 1, perJob: 30, crashDeliveries: 60, kills: 2, workerMessages: 12 };
const FULL: FaultScale = { name: 'full', runs: 3, perJob: 250, crashDeliveries: 600, kills: 6, workerMessages: 120 };

export function faultScale(): FaultScale {
  return inject('faultsReportDir') === undefined ? QUICK : FULL;
}

/** Figures of one run, for docs/reliability.md; dropped in the quick subset, which writes no report. */
export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  const dir = inject('faultsReportDir');
  if (dir === undefined) return;
  writeFileSync(join(dir, `${randomUUID()}.json`), JSON.stringify({ scenario, at: new Date().toISOString(), ...figures }));
}
