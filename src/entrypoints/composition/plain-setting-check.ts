import { hasNoUrlCredentials, TEMPLATE_CHECKS, trimmed, type TemplateCheckName } from '../../adapters/provider-support/setting-rules.ts';
import { parseJobTemplates } from '../../domain/messages/job-templates.ts';
import { withoutTrailingSlashes } from './setting-transforms.ts';

/**
 * What the start-path check knows of one setting, generated from its zod schema by `npm run docs:config`
 * (setting-checks.ts): the simple kinds only, each read from the schema's own checks.
 */
export type PlainCheck =
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | {
      readonly kind: 'number';
      readonly int: boolean;
      /** [bound, inclusive] */
      readonly min?: readonly [number, boolean];
      readonly max?: readonly [number, boolean];
    }
  | {
      readonly kind: 'string';
      /** Trimmed before the other checks, and answered trimmed (the shared `trimmed`, as zod's `.trim()`). */
      readonly trim?: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
      /** [source, flags] of each pattern the value must match. */
      readonly patterns: readonly (readonly [string, string])[];
    }
  | {
      readonly kind: 'url';
      /** [source, flags] of the protocol, without its colon. */
      readonly protocol: readonly [string, string];
      readonly withoutTrailingSlashes: boolean;
      /** Refused (left to zod) with credentials before the host (`https://user:secret@host`). */
      readonly withoutCredentials?: boolean;
    }
  /** A provider's `<PROVIDER>_TEMPLATES`: JSON read by `parseJobTemplates`, then the provider's own check if it has one. */
  | { readonly kind: 'templates'; readonly positional: boolean; readonly check?: TemplateCheckName };

export interface PlainSetting {
  readonly check: PlainCheck;
  /** What the schema answers when the setting is unset: its default, absent, or (required) an error only zod words. */
  readonly unset: { readonly default: unknown } | 'absent' | 'required';
}

/** A value the plain check is sure of, or undefined: then zod decides (and words any error). */
export type PlainAnswer = { readonly value: unknown } | undefined;

/** Plain decimals only: anything else (exponents, hex, spaces, "Infinity") is left to zod. */
const DECIMAL = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/u;
const INTEGER = /^-?(?:0|[1-9]\d{0,14})$/u;
/** What zod's URL check would trim or strip, and its guard for http(s) URLs without "//". */
const URL_REWRITTEN = /[\s\u0000-\u001f\u007f]/u;
/** zod counts a string's length in code points: only text below the surrogates is counted here, where they agree. */
const BEYOND_SURROGATES = /[^\u0000-\ud7ff]/u;
const WITH_SLASHES = /^[a-z][a-z0-9+.-]*:\/\//iu;

/**
 * Accepts only what the setting's zod schema surely accepts, answering what the schema would; undecided
 * otherwise. A property test (test/unit/entrypoints/plain-setting-check.test.ts) holds it to the schema.
 */
export function plainCheck(setting: PlainSetting, text: string | undefined): PlainAnswer {
  if (text === undefined) {
    if (setting.unset === 'required') return undefined;
    return setting.unset === 'absent' ? { value: undefined } : { value: structuredClone(setting.unset.default) };
  }
  const check = setting.check;
  switch (check.kind) {
    case 'enum':
      return check.values.includes(text) ? { value: text } : undefined;
    case 'number': {
      if (!(check.int ? INTEGER : DECIMAL).test(text)) return undefined;
      const value = Number(text);
      if (check.min !== undefined && !(check.min[1] ? value >= check.min[0] : value > check.min[0])) return undefined;
      if (check.max !== undefined && !(check.max[1] ? value <= check.max[0] : value < check.max[0])) return undefined;
      return { value };
    }
    case 'string': {
      const value = check.trim === true ? trimmed(text) : text;
      if ((check.minLength !== undefined || check.maxLength !== undefined) && BEYOND_SURROGATES.test(value)) return undefined;
      if (check.minLength !== undefined && value.length < check.minLength) return undefined;
      if (check.maxLength !== undefined && value.length > check.maxLength) return undefined;
      for (const [source, flags] of check.patterns) if (!new RegExp(source, flags).test(value)) return undefined;
      return { value };
    }
    case 'url': {
      if (URL_REWRITTEN.test(text) || !WITH_SLASHES.test(text)) return undefined;
      const url = URL.parse(text);
      if (url === null || !new RegExp(check.protocol[0], check.protocol[1]).test(url.protocol.replace(/:$/u, ''))) return undefined;
      if (check.withoutCredentials === true && !hasNoUrlCredentials(text)) return undefined;
      return { value: check.withoutTrailingSlashes ? withoutTrailingSlashes(text) : text };
    }
    case 'templates': {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return undefined;
      }
      const parsed = parseJobTemplates(json, { positional: check.positional });
      if (!parsed.ok) return undefined;
      return check.check === undefined || TEMPLATE_CHECKS[check.check](parsed.value).length === 0 ? { value: parsed.value } : undefined;
    }
  }
}
