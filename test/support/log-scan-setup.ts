import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { scanLogLines, type ConfiguredSecret } from './log-scan.ts';

/**
 * Every log line the service writes during the run (a spawned server, worker or CLI, or a handler in a
 * test process) is filed; at the end the run fails if one of them holds a phone number or a secret.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cvt-test-logs-'));
  project.provide('logCaptureDir', dir);
  return () => {
    const entries = (suffix: string) =>
      readdirSync(dir)
        .filter((file) => file.endsWith(suffix))
        .flatMap((file) =>
          readFileSync(join(dir, file), 'utf8')
            .split('\n')
            .filter((line) => line !== ''),
        )
        .map((line) => JSON.parse(line) as unknown);
    const lines = entries('.jsonl') as { source: string; line: string }[];
    const secrets = entries('.secrets') as ConfiguredSecret[];
    rmSync(dir, { recursive: true, force: true });
    const findings = scanLogLines(lines, secrets);
    if (findings.length > 0) {
      const shown = findings.slice(0, 20).map((finding) => `- ${finding.what} in ${finding.source}: ${finding.line.slice(0, 400)}`);
      throw new Error(`${findings.length} log lines of this run hold what logs must never hold:\n${shown.join('\n')}`);
    }
    console.log(
      `log scan (${project.name || 'faults'}): ${lines.length} log lines of the run checked, no phone number, no secret and none of the ${secrets.length} provider secrets configured in any`,
    );
  };
}
