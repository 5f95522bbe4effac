import { targetText, type BenchReport, type Check } from './report.ts';

const HEADINGS = ['Benchmark', 'Check', 'Baseline', 'Measured', 'Ratio / Δ', 'Target', 'Met'];

/** The results as a plain-text table, one row per check. */
export function resultsTable(reports: readonly BenchReport[]): string {
  const rows = reports.flatMap((report) => report.checks.map((check, index) => row(index === 0 ? report.title : '', check)));
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ');
  return [line(HEADINGS), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

function row(title: string, check: Check): string[] {
  const figure = (value: number, unit: string) => `${value.toLocaleString('en')} ${unit}`;
  const compared =
    check.target?.of === 'difference'
      ? `${check.difference >= 0 ? '+' : ''}${check.difference.toFixed(1)} ${check.measured.unit}`
      : `${check.ratio.toFixed(3)}`;
  return [
    title,
    check.name,
    figure(check.baseline.value, check.baseline.unit),
    figure(check.measured.value, check.measured.unit),
    compared,
    targetText(check.target, check.measured.unit),
    check.met === null ? '—' : check.met ? 'yes' : 'NO',
  ];
}
