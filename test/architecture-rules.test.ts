import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './support/temp-dir.ts';

/**
 * The rule tools of `npm run check:architecture` (.dependency-cruiser.cjs and eslint.config.js) must fail
 * for each way the dependency rule can be broken. Each hole is planted in a copy of src/ and must be named,
 * with its rule, in the tool's report.
 */
const run = promisify(execFile);
const tempDir = useTempDirs();

const HOLES: { file: string; source: string; tool: 'depcruise' | 'eslint'; rule: string }[] = [
  {
    file: 'src/application/use-cases/hole-dynamic-import.ts',
    source: "export const load = () => import('../../adapters/json-log/json-logger.adapter.ts');\n",
    tool: 'depcruise',
    rule: 'application-sees-only-the-domain',
  },
  {
    file: 'src/application/use-cases/hole-type-import.ts',
    source: "import type { JsonLogger } from '../../adapters/json-log/json-logger.adapter.ts';\nexport type Hole = JsonLogger;\n",
    tool: 'depcruise',
    rule: 'application-sees-only-the-domain',
  },
  {
    file: 'src/domain/shared/hole-require.ts',
    source: "export const fs = require('node:fs');\n",
    tool: 'depcruise',
    rule: 'domain-is-pure',
  },
  {
    file: 'src/adapters/s3/hole-other-adapter.ts',
    source: "export { SqsQueues } from '../sqs/sqs.queues.adapter.ts';\n",
    tool: 'depcruise',
    rule: 'adapters-never-import-each-other',
  },
  {
    file: 'src/entrypoints/lambda/hole-server.ts',
    source: "import '../http/app.ts';\n",
    tool: 'depcruise',
    rule: 'lambda-functions-stay-lean',
  },
  { file: 'src/entrypoints/cli/hole-http.ts', source: "import '../http/app.ts';\n", tool: 'depcruise', rule: 'cli-is-not-the-http-server' },
  {
    file: 'src/domain/shared/hole-cycle-a.ts',
    source: "import { b } from './hole-cycle-b.ts';\nexport const a = () => b;\n",
    tool: 'depcruise',
    rule: 'no-cycles',
  },
  {
    file: 'src/domain/shared/hole-cycle-b.ts',
    source: "import { a } from './hole-cycle-a.ts';\nexport const b = () => a;\n",
    tool: 'depcruise',
    rule: 'no-cycles',
  },
  {
    file: 'src/adapters/sqs/hole-env-computed.ts',
    source: "export const env = process['env'];\n",
    tool: 'eslint',
    rule: 'no-restricted-syntax',
  },
  {
    file: 'src/adapters/s3/hole-env-destructured.ts',
    source: 'const { env } = process;\nexport const read = env;\n',
    tool: 'eslint',
    rule: 'no-restricted-properties',
  },
  {
    file: 'src/adapters/fs/hole-env-alias.ts',
    source: 'const proc = process;\nexport const read = proc.env;\n',
    tool: 'eslint',
    rule: 'no-restricted-syntax',
  },
  {
    file: 'src/adapters/outbox/hole-env-import.ts',
    source: "import { env } from 'node:process';\nexport const read = env;\n",
    tool: 'eslint',
    rule: 'no-restricted-imports',
  },
  {
    file: 'src/domain/shared/hole-process.ts',
    source: 'export const cwd = () => process.cwd();\n',
    tool: 'eslint',
    rule: 'no-restricted-globals',
  },
];

interface Finding {
  readonly file: string;
  readonly rule: string;
}

/** What a tool reports, read from its JSON output: which file broke which rule. */
async function findings(tool: 'depcruise' | 'eslint', cwd: string): Promise<{ failed: boolean; findings: Finding[] }> {
  const args = tool === 'depcruise' ? ['src', '--output-type', 'json'] : ['src', '--format', 'json'];
  let failed = false;
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [join(cwd, 'node_modules', '.bin', tool), ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    failed = true;
    ({ stdout } = error as { stdout: string });
  }
  if (tool === 'depcruise') {
    // Its JSON report exits 0 whatever it finds; the exit code that fails `npm run check:architecture` is the err reporter's.
    failed = await run(process.execPath, [join(cwd, 'node_modules', '.bin', tool), 'src'], { cwd }).then(
      () => false,
      () => true,
    );
    const result = JSON.parse(stdout) as { summary: { violations: { from: string; rule: { name: string } }[] } };
    return { failed, findings: result.summary.violations.map((violation) => ({ file: violation.from, rule: violation.rule.name })) };
  }
  const result = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
  return {
    failed,
    findings: result.flatMap((file) =>
      file.messages.map((message) => ({ file: relative(cwd, file.filePath), rule: message.ruleId ?? 'parse error' })),
    ),
  };
}

describe('the architecture rule tools', () => {
  it('fail, naming the file and the rule, for every hole planted in a copy of the sources', async () => {
    const copy = tempDir();
    for (const item of ['src', 'tsconfig.json', 'package.json', '.dependency-cruiser.cjs', 'eslint.config.js']) {
      cpSync(item, join(copy, item), { recursive: true });
    }
    symlinkSync(resolve('node_modules'), join(copy, 'node_modules'));
    for (const hole of HOLES) {
      mkdirSync(join(copy, hole.file, '..'), { recursive: true });
      writeFileSync(join(copy, hole.file), hole.source);
    }
    const reports = { depcruise: await findings('depcruise', copy), eslint: await findings('eslint', copy) };
    expect(reports.depcruise.failed).toBe(true);
    expect(reports.eslint.failed).toBe(true);
    // A cycle is reported once, from whichever of its files the tool met first.
    const sameHole = (file: string, hole: (typeof HOLES)[number]) =>
      file === hole.file || (hole.rule === 'no-cycles' && file.startsWith('src/domain/shared/hole-cycle-'));
    const missed = HOLES.filter(
      (hole) => !reports[hole.tool].findings.some((finding) => sameHole(finding.file, hole) && finding.rule === hole.rule),
    );
    expect(missed.map((hole) => `${hole.tool} did not report ${hole.rule} in ${hole.file}`)).toEqual([]);
    // Nothing but the holes: the copy of the real sources is clean.
    const reported = [...reports.depcruise.findings, ...reports.eslint.findings].map((finding) => finding.file);
    expect(reported.filter((file) => !HOLES.some((hole) => hole.file === file))).toEqual([]);
  }, 180_000);
});
