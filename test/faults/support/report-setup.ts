import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { renderReliabilityReport, type Figures } from './reliability-report.ts';

/**
 * `npm run test:faults`: the tests write the figures of each run into a folder, and once they are all
 * done docs/reliability.md is written from them, so the document always shows a real run. A scenario
 * file run on its own (`npm run test:faults -- test/faults/outage.test.ts`) replaces only its own
 * sections; the others keep the figures of the run that wrote them.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cvt-faults-'));
  project.provide('faultsReportDir', dir);
  return () => {
    const figures = readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Figures);
    rmSync(dir, { recursive: true, force: true });
    if (figures.length === 0) return;
    const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
    const current = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
    const at = current.indexOf(KEPT_MARKER);
    // The scenarios' part is the one the report replaces; what follows the marker is kept as it is.
    const previous = at === -1 ? current : current.slice(0, at);
    const kept = at === -1 ? '' : `\n${current.slice(at)}`;
    const report = renderReliabilityReport(figures, { machine, date: new Date().toISOString().slice(0, 10), previous });
    writeFileSync(REPORT, `${report}${kept}`);
  };
}

const REPORT = 'docs/reliability.md';
/** Sections of docs/reliability.md measured by other tests (test/hostile), kept as they are from this line on. */
export const KEPT_MARKER = '<!-- Sections below are not written by npm run test:faults; it keeps them. -->';
