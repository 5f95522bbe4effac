/** Failure messages end up in logs and the admin API one line each; a provider's text may span many. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A short, single-line excerpt of provider text for a failure message, marked with … when cut. */
export function excerpt(text: string, max = 200): string {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Whether a body is markup (an HTML error page of a proxy or a web host) rather than an API's words. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*</u.test(text);
}

/** A body worth quoting: plain words, not an HTML page, whose start is only tags and styles. */
export function plainBody(text: string): string {
  return looksLikeHtml(text) ? '' : text;
}
