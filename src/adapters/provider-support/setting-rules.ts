/**
 * What settings' schemas share with the start-path check (src/entrypoints/composition/plain-setting-check.ts):
 * the generated checks recognise these functions by identity in the schemas, and run the same rule without
 * zod, so that each rule is written once.
 */

export function withoutTrailingSlashes(url: string): string {
  return url.replace(/\/+$/u, '');
}

/** Credentials in a URL would end up in logs and errors: each provider names the settings that carry them. */
export function hasNoUrlCredentials(url: string): boolean {
  return !/^[a-z]+:\/\/[^/?#]*@/iu.test(url);
}

const TEMPLATES = new WeakMap<object, { readonly positional: boolean }>();

/**
 * Marks a `<PROVIDER>_TEMPLATES` transform as the shared one (JSON read by `parseJobTemplates`, with no check
 * of the provider's own), which the plain check runs the same way.
 */
export function asTemplatesTransform<T extends object>(transform: T, rules: { readonly positional: boolean }): T {
  TEMPLATES.set(transform, rules);
  return transform;
}

/** The rules of a transform marked by {@link asTemplatesTransform}, or undefined for any other function. */
export function templatesRulesOf(transform: unknown): { readonly positional: boolean } | undefined {
  return typeof transform === 'function' ? TEMPLATES.get(transform) : undefined;
}

/** A rule across one provider's settings, as the plain check reads it. */
export interface SettingsRule {
  /** Settings that are set together or not at all. */
  readonly together: readonly [string, string];
}

const RULES = new WeakMap<object, SettingsRule>();

/** The rule behind one of the refinements {@link setTogether} makes, or undefined for any other function. */
export function settingsRuleOf(refinement: unknown): SettingsRule | undefined {
  return typeof refinement === 'function' ? RULES.get(refinement) : undefined;
}

type Settings = Readonly<Record<string, unknown>>;

/**
 * Two refinements (for zod's `.refine`) saying that `first` and `second` are set together or not at all,
 * each failing on the one left unset: the object's issue names the setting that is missing.
 */
export function setTogether(first: string, second: string): readonly [(settings: Settings) => boolean, (settings: Settings) => boolean] {
  const firstMissing = (settings: Settings) => !(settings[first] === undefined && settings[second] !== undefined);
  const secondMissing = (settings: Settings) => !(settings[second] === undefined && settings[first] !== undefined);
  RULES.set(firstMissing, { together: [first, second] });
  RULES.set(secondMissing, { together: [first, second] });
  return [firstMissing, secondMissing];
}
