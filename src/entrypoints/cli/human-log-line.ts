/** Fields every log line carries, or that only matter to a machine reading the logs. */
const HIDDEN_FIELDS = new Set(['time', 'level', 'msg', 'component', 'stack']);
const MAX_VALUE_LENGTH = 200;

/**
 * A JSON log line (already masked and redacted) as one line for a person at a terminal:
 * `warning: newsletter not sent (distributionId=…, reason=…)`.
 */
export function humanLogLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const level = entry['level'] === 'warn' ? 'warning' : String(entry['level'] ?? 'log');
  const details = Object.entries(entry)
    .filter(([key]) => !HIDDEN_FIELDS.has(key))
    .map(([key, value]) => `${key}=${shortValue(value)}`);
  return `${level}: ${String(entry['msg'] ?? '')}${details.length === 0 ? '' : ` (${details.join(', ')})`}\n`;
}

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = (text ?? '').replace(/\s+/gu, ' ');
  return oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH)}…` : oneLine;
}
