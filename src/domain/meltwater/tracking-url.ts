/**
 * Meltwater wraps article links in tracking redirects (`t.notifications.meltwater.com/…?u=…`,
 * `…/mwTransition?url=…`), sometimes with the target URL-encoded twice. Clients must get the real
 * article, so the redirect is peeled off until a non-Meltwater URL remains.
 */
const MELTWATER_HOST = /(^|\.)meltwater\.(com|net|io)$/iu;
const TARGET_PARAMETERS = ['u', 'url', 'target', 'redirect'];
const MAX_DEPTH = 5;

export function isMeltwaterHost(hostname: string): boolean {
  return MELTWATER_HOST.test(hostname);
}

export function unwrapTrackingUrl(raw: string): string {
  return peelTrackingUrl(raw).href;
}

/** A link with Meltwater's redirects peeled off, and its URL when it is a web link. */
export interface PeeledUrl {
  readonly href: string;
  /** The parse the peeling already made, to read rather than parse `href` again; not to be changed. */
  readonly url: URL | undefined;
}

export function peelTrackingUrl(raw: string): PeeledUrl {
  const href = raw.trim();
  let peeled: PeeledUrl = { href, url: parseHttpUrl(href) };
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (peeled.url === undefined || !isMeltwaterHost(peeled.url.hostname)) return peeled;
    const target = redirectTarget(peeled.url);
    if (target === undefined) return peeled;
    peeled = target;
  }
  return peeled;
}

function redirectTarget(url: URL): PeeledUrl | undefined {
  for (const name of TARGET_PARAMETERS) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    const decoded = decodeUntilUrl(value);
    if (decoded !== undefined) return decoded;
  }
  return undefined;
}

/** URLSearchParams already decodes once; a double-encoded target needs more rounds. */
function decodeUntilUrl(value: string): PeeledUrl | undefined {
  let current = value.trim();
  for (let round = 0; round < 4; round++) {
    const url = parseHttpUrl(current);
    if (url !== undefined) return { href: current, url };
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return undefined;
    current = next.trim();
  }
  const url = parseHttpUrl(current);
  return url === undefined ? undefined : { href: current, url };
}

export function parseHttpUrl(value: string): URL | undefined {
  if (!/^https?:\/\//iu.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const TRACKING_PARAMETER = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|ref_src|igshid)$/iu;

/**
 * The form of an article URL used to recognise the same article: redirects unwrapped, host in lower
 * case, no fragment, no marketing parameters. Links that stay on a Meltwater host (paywall and
 * licensed-content redirects) keep only their path, because their query carries per-send tokens.
 */
export function canonicalArticleUrl(raw: string): string {
  return canonicalUnwrappedUrl(unwrapTrackingUrl(raw));
}

/** `canonicalArticleUrl` of a link whose redirects `unwrapTrackingUrl` already peeled. */
export function canonicalUnwrappedUrl(unwrapped: string): string {
  const url = parseHttpUrl(unwrapped);
  if (url === undefined) return unwrapped.trim();
  url.hash = '';
  if (isMeltwaterHost(url.hostname)) {
    url.search = '';
  } else {
    for (const name of [...url.searchParams.keys()]) {
      if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
    }
    url.searchParams.sort();
  }
  return url.toString();
}
