import type { z } from 'zod';
import type { PlainCheck, PlainSetting } from '../src/entrypoints/composition/plain-setting-check.ts';
import {
  hasNoUrlCredentials,
  settingsRuleOf,
  templatesRulesOf,
  trimmed,
  type SettingsRule,
} from '../src/adapters/provider-support/setting-rules.ts';
import { withoutTrailingSlashes } from '../src/entrypoints/composition/setting-transforms.ts';

/** The parts of zod's definitions read here (zod v4's `_zod.def`). */
interface Definition {
  readonly type: string;
  readonly coerce?: boolean;
  readonly innerType?: z.ZodType;
  readonly defaultValue?: unknown;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly transform?: unknown;
  readonly entries?: Record<string, unknown>;
  readonly format?: string;
  readonly protocol?: RegExp;
  readonly hostname?: RegExp;
  readonly normalize?: boolean;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDefinition } }[];
}

interface CheckDefinition {
  readonly check: string;
  readonly format?: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: RegExp;
  readonly fn?: unknown;
  readonly tx?: unknown;
}

const definition = (schema: z.ZodType): Definition => (schema as unknown as { _zod: { def: Definition } })._zod.def;

/**
 * What the start-path check may know of a setting, read from its zod schema: its kind and checks when
 * every one of them is of a kind plain-setting-check.ts decides exactly, else undefined (zod checks it).
 */
export function plainSettingOf(schema: z.ZodType): PlainSetting | undefined {
  const outer = definition(schema);
  // A refinement on the wrapper (`.default(…).refine(…)`) is a function only zod can run.
  const wrapped = outer.type === 'default' || outer.type === 'optional';
  if (wrapped && (outer.checks ?? []).length > 0) return undefined;
  if (outer.type === 'default') {
    const check = plainCheckOf(outer.innerType!);
    return check && { check, unset: { default: outer.defaultValue } };
  }
  if (outer.type === 'optional') {
    const check = plainCheckOf(outer.innerType!);
    return check && { check, unset: 'absent' };
  }
  const check = plainCheckOf(schema);
  return check && { check, unset: 'required' };
}

function plainCheckOf(schema: z.ZodType): PlainCheck | undefined {
  const def = definition(schema);
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  switch (def.type) {
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return checks.length === 0 && values.every((value) => typeof value === 'string')
        ? { kind: 'enum', values: values as string[] }
        : undefined;
    }
    case 'number':
      return def.coerce === true ? numberCheck(checks) : undefined;
    case 'string':
      if (def.format === 'url') return urlCheck(def, false);
      if (def.format !== undefined) return undefined;
      return stringCheck(checks);
    case 'pipe': {
      if (checks.length > 0) return undefined;
      const inner = def.in === undefined ? undefined : definition(def.in);
      const out = def.out === undefined ? undefined : definition(def.out);
      // A provider's templates, read by the shared transform (provider-support/settings.ts) from any text.
      const templates = out?.type === 'transform' ? templatesRulesOf(out.transform) : undefined;
      if (templates !== undefined)
        return inner?.type === 'string' && inner.format === undefined && (inner.checks ?? []).length === 0
          ? { kind: 'templates', positional: templates.positional, ...(templates.check !== undefined && { check: templates.check }) }
          : undefined;
      // Only the http(s) base URLs' own transform is known: any other is a function only zod can run.
      if (inner?.format !== 'url' || out?.type !== 'transform' || out.transform !== withoutTrailingSlashes) return undefined;
      return urlCheck(inner, true);
    }
    default:
      return undefined;
  }
}

function numberCheck(checks: readonly CheckDefinition[]): PlainCheck | undefined {
  let int = false;
  let min: [number, boolean] | undefined;
  let max: [number, boolean] | undefined;
  for (const check of checks) {
    if (check.check === 'number_format' && check.format === 'safeint' && !int) int = true;
    else if (check.check === 'greater_than' && min === undefined && check.value !== undefined)
      min = [check.value, check.inclusive === true];
    else if (check.check === 'less_than' && max === undefined && check.value !== undefined) max = [check.value, check.inclusive === true];
    else return undefined;
  }
  return { kind: 'number', int, ...(min && { min }), ...(max && { max }) };
}

function stringCheck(checks: readonly CheckDefinition[]): PlainCheck | undefined {
  let minLength: number | undefined;
  let maxLength: number | undefined;
  const patterns: [string, string][] = [];
  // Trimmed first (the shared `trimmed`, as `.trim()` does), so that every later check reads the trimmed text.
  const trim = checks[0]?.check === 'overwrite' && checks[0].tx === trimmed;
  for (const check of trim ? checks.slice(1) : checks) {
    if (check.check === 'min_length' && minLength === undefined) minLength = check.minimum;
    else if (check.check === 'max_length' && maxLength === undefined) maxLength = check.maximum;
    else if (
      check.check === 'string_format' &&
      check.format === 'regex' &&
      check.pattern !== undefined &&
      !check.pattern.global &&
      !check.pattern.sticky
    )
      patterns.push([check.pattern.source, check.pattern.flags]);
    else return undefined;
  }
  return {
    kind: 'string',
    ...(trim && { trim }),
    ...(minLength !== undefined && { minLength }),
    ...(maxLength !== undefined && { maxLength }),
    patterns,
  };
}

function urlCheck(def: Definition, trailingSlashesRemoved: boolean): PlainCheck | undefined {
  // Without a protocol zod skips its "://" guard, and a hostname or normalize changes what it answers.
  if (def.protocol === undefined || def.hostname !== undefined || 'normalize' in def) return undefined;
  if (def.protocol.global || def.protocol.sticky) return undefined;
  // The one refinement known: the providers' base URLs without credentials (provider-support/setting-rules.ts).
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  if (!checks.every((check) => check.check === 'custom' && check.fn === hasNoUrlCredentials)) return undefined;
  return {
    kind: 'url',
    protocol: [def.protocol.source, def.protocol.flags],
    withoutTrailingSlashes: trailingSlashesRemoved,
    ...(checks.length > 0 && { withoutCredentials: true }),
  };
}

/**
 * The rules across an object's settings, when every refinement of the object is one the plain check knows
 * (provider-support/setting-rules.ts); undefined when one is a function only zod can run.
 */
export function settingsRulesOf(schema: z.ZodObject): SettingsRule[] | undefined {
  const rules: SettingsRule[] = [];
  for (const check of definition(schema).checks ?? []) {
    const rule = settingsRuleOf(check._zod.def.fn);
    if (rule === undefined) return undefined;
    if (!rules.some((known) => JSON.stringify(known) === JSON.stringify(rule))) rules.push(rule);
  }
  return rules;
}
