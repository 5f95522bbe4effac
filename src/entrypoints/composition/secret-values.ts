import type { AppConfig } from './load-config.ts';
import { SECRET_SETTING, URL_WITH_CREDENTIALS } from './secret-settings.ts';

/** URLs that are credentials by their path and query (incoming webhooks): those parts are secrets on their own. */
const SECRET_URL_SETTING = /WEBHOOK_URL/u;
const MAX_DEPTH = 4;

/**
 * The values of every secret-bearing setting, wherever it sits in the configuration (the technology
 * groups `mongodb`, `s3`, `sqs` and each provider's settings included), so that logs can redact them
 * wherever they appear; and the credentials inside any URL-like setting (the password of MONGODB_URI,
 * a user:password in an endpoint), raw and decoded, since a driver may quote the host without them or
 * with them decoded.
 */
export function secretValues(config: AppConfig): string[] {
  const found = new Set<string>();
  collect(config as unknown as Record<string, unknown>, found, 0);
  return [...found].filter((value) => value !== '');
}

function collect(group: Record<string, unknown>, found: Set<string>, depth: number): void {
  for (const [key, value] of Object.entries(group)) {
    if (typeof value === 'string') {
      if (SECRET_SETTING.test(key)) found.add(value);
      if (SECRET_URL_SETTING.test(key)) for (const part of urlSecretParts(value)) found.add(part);
      for (const credential of urlCredentials(value)) found.add(credential);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < MAX_DEPTH) {
      collect(value as Record<string, unknown>, found, depth + 1);
    }
  }
}

/** `scheme://user:password@host…`: the password and user:password, raw and percent-decoded. */
function urlCredentials(value: string): string[] {
  const match = URL_WITH_CREDENTIALS.exec(value);
  if (match === null) return [];
  const userInfo = match[1]!;
  const colon = userInfo.indexOf(':');
  if (colon < 0) return [userInfo, decoded(userInfo)];
  const password = userInfo.slice(colon + 1);
  // Several hosts (a replica set) share the credentials; the whole URI is a secret too.
  return [value, userInfo, decoded(userInfo), password, decoded(password)];
}

/** The path and query of a URL, whole and decoded, and each query value: a server quoting its request shows them. */
function urlSecretParts(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const parts = [`${url.pathname}${url.search}`, url.pathname, url.search, decoded(url.pathname), ...url.searchParams.values()];
  // A bare "/" or a short path names nothing secret, and redacting it would shred every line.
  return parts.filter((part) => part.replace(/[/?]/gu, '').length >= 8);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
