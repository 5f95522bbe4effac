/** A figure with its unit, as it goes into results.json and the table. */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  /** What was measured, in a few words. */
  readonly what: string;
}

/**
 * What a check promises: the ratio measured / baseline, or the difference measured − baseline, on the
 * right side of a bound. A check without a target is reported for information only.
 */
export interface Target {
  readonly of: 'ratio' | 'difference';
  readonly comparison: '>=' | '<=';
  readonly value: number;
}

export interface Check {
  readonly name: string;
  readonly baseline: Figure;
  readonly measured: Figure;
  readonly ratio: number;
  readonly difference: number;
  readonly target: Target | null;
  /** Null for a check that has no target. */
  readonly met: boolean | null;
}

export interface BenchReport {
  readonly id: string;
  readonly title: string;
  readonly checks: readonly Check[];
  /** Parameters and the raw figures behind the checks. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
}

export function check(name: string, baseline: Figure, measured: Figure, target: Target | null): Check {
  const ratio = measured.value / baseline.value;
  const difference = measured.value - baseline.value;
  const compared = target === null ? null : target.of === 'ratio' ? ratio : difference;
  const met =
    target === null || compared === null ? null : target.comparison === '>=' ? compared >= target.value : compared <= target.value;
  return { name, baseline, measured, ratio, difference, target, met };
}

export function targetText(target: Target | null, unit: string): string {
  if (target === null) return '—';
  return target.of === 'ratio'
    ? `ratio ${target.comparison} ${target.value}`
    : `+${target.value} ${unit} ${target.comparison === '<=' ? 'at most' : 'at least'}`;
}
