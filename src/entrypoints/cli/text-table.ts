/**
 * Aligned plain-text columns for terminals: each column as wide as its widest cell, two spaces
 * between columns, the last column left ragged so that long errors do not pad every line.
 */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** `1 contact`, `2 contacts`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A time to the second, in UTC like the logs: `2025-01-31T14:00:00Z`. */
export function shortTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}
