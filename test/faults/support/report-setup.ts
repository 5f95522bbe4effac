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
    const previous = existsSync('docs/reliability.md') ? readFileSync('docs/reliability.md', 'utf8') : '';
    writeFileSync(
      'docs/reliability.md',
      renderReliabilityReport(figures, { machine, date: new Date().toISOString().slice(0, 10), previous }),
    );
  };
}
