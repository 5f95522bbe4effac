import { PROVIDER_CATALOG } from '../../src/entrypoints/composition/providers/provider-catalog.ts';
import { PROVIDER_IDS } from '../../src/entrypoints/composition/providers/provider-ids.ts';

/**
 * What must never appear in a log line: a phone number in clear (E.164 or a WhatsApp chat id) and the
 * secrets the tests configure (their own tokens and every provider fake's credentials). The value of
 * each provider setting the catalog calls a secret is forbidden too, whatever a test sets it to
 * ({@link configuredSecrets}), so that a new provider's credentials are scanned without a line here.
 */
export const FORBIDDEN_IN_LOGS: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'phone number', pattern: /(?<![0-9A-Za-z*])\+?506[2-8]\d{7}(?![0-9A-Za-z])/u },
  { what: 'WhatsApp chat id', pattern: /(?<![0-9*])\d{8,15}@c\.us/u },
  { what: 'admin token', pattern: /admin-token-for-tests/u },
  { what: 'webhook token', pattern: /webhook-token-for-tests|hook-secret-0123456789/u },
  { what: 'Waapi token', pattern: /waapi-(?:token|hook)-[0-9a-f]{24}/u },
  { what: 'gowa password or secret', pattern: /gowa-(?:pass|hook)-[0-9a-f]{20,}/u },
  { what: 'Cliengo API key', pattern: /cliengo-fake-apikey/u },
  { what: 'Chat-Tonic token', pattern: /chattonic-fake-app-token/u },
  { what: 'Botmaker token', pattern: /bm-test-access-token|bm-webhook-token-1234567890/u },
  { what: 'planted MongoDB password', pattern: /mongo-pass-7c6b5a4d3e2f/u },
  { what: 'planted AWS credential', pattern: /AKIAPLANTEDKEY0123456|aws-secret-planted|aws-session-planted/u },
  { what: 'planted token', pattern: /(?:admin|webhook|waapi)-(?:token|hook)-planted/u },
  { what: 'operators\u2019 webhook URL', pattern: /ops-hook-secret-5f0e1d2c3b4a5968/u },
  { what: 'OneSignal key', pattern: /NGEwMGZmMjItY2NkNy0xMWUzLTk5ZDUtMDAwYzI5NDBlNjJj/u },
];

export interface LogFinding {
  readonly what: string;
  readonly source: string;
  readonly line: string;
}

/** A provider secret a test gave the service, by the name of its setting. */
export interface ConfiguredSecret {
  readonly setting: string;
  readonly value: string;
}

/** Shorter values could be found by chance in any line; no test configures a credential that short. */
const SHORTEST_SCANNED_SECRET = 8;

/** The settings the provider catalog calls secrets, as an environment sets them. */
export function configuredSecrets(env: Readonly<Record<string, string | undefined>>): ConfiguredSecret[] {
  return PROVIDER_IDS.flatMap((id) => PROVIDER_CATALOG[id].secrets).flatMap((setting) => {
    const value = env[setting]?.trim() ?? '';
    return value.length >= SHORTEST_SCANNED_SECRET ? [{ setting, value }] : [];
  });
}

export function scanLogLines(lines: readonly { source: string; line: string }[], secrets: readonly ConfiguredSecret[] = []): LogFinding[] {
  const findings: LogFinding[] = [];
  for (const { source, line } of lines) {
    for (const { what, pattern } of FORBIDDEN_IN_LOGS) if (pattern.test(line)) findings.push({ what, source, line });
    for (const { setting, value } of secrets) if (line.includes(value)) findings.push({ what: setting, source, line });
  }
  return findings;
}
