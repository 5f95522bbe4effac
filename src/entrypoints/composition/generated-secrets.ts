import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './load-config.ts';

const GENERATED = ['ADMIN_TOKEN', 'MELTWATER_WEBHOOK_TOKEN'] as const;
type GeneratedSecret = (typeof GENERATED)[number];

export interface SecretsOutcome {
  readonly config: AppConfig;
  /** Secrets created by this call, to be shown once to whoever started the server. */
  readonly generated: Partial<Record<GeneratedSecret, string>>;
  readonly file: string;
}

/**
 * A fresh clone must serve with no configuration, yet the admin API and the webhook must never be
 * open. Missing tokens are generated once and kept in `DATA_DIR/secrets.json` (readable by the owner
 * only), so that the webhook URLs configured in Meltwater keep working across restarts.
 */
export function provideSecrets(config: AppConfig): SecretsOutcome {
  const dataDir = resolve(config.DATA_DIR);
  const file = join(dataDir, 'secrets.json');
  const stored = readStored(file);
  const generated: Partial<Record<GeneratedSecret, string>> = {};
  const values: Partial<Record<GeneratedSecret, string>> = {};
  for (const name of GENERATED) {
    if (config[name] !== undefined) continue;
    const value = stored[name] ?? randomBytes(24).toString('base64url');
    if (stored[name] === undefined) generated[name] = value;
    values[name] = value;
  }
  if (Object.keys(generated).length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...stored, ...generated }, null, 2)}\n`, { mode: 0o600 });
  }
  return { config: { ...config, ...values }, generated, file };
}

function readStored(file: string): Partial<Record<GeneratedSecret, string>> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return Object.fromEntries(GENERATED.filter((name) => typeof parsed[name] === 'string').map((name) => [name, parsed[name] as string]));
  } catch {
    return {};
  }
}
