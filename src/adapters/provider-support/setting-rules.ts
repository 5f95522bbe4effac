import type { JobTemplates } from '../../domain/messages/job-templates.ts';

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

/** zod's own `.trim()`, as a function of ours (for `.overwrite`) that the plain check recognises. */
export function trimmed(text: string): string {
  return text.trim();
}

/**
 * The providers' own checks of their templates, beyond `parseJobTemplates`, by name: the generated plain check
 * names the one a provider's `<PROVIDER>_TEMPLATES` runs, and runs it the same way. Each answers the problems
 * of templates that parsed, worded for the operator.
 */
export const TEMPLATE_CHECKS = {
  // Botmaker's trigger-intent has no media field: a template's header media is part of the template there.
  'botmaker-without-media': (templates: JobTemplates): string[] =>
    Object.entries(templates)
      .filter(([, template]) => template.media !== undefined)
      .map(([job]) => `${job}: Botmaker templates carry their own media; remove "media"`),
  // Cloud API sends parameters by position ("1", "2"…) or by name, never both in one template.
  'positional-or-named': (templates: JobTemplates): string[] =>
    Object.entries(templates)
      .filter(([, template]) => {
        const names = Object.keys(template.params);
        const positional = names.filter((name) => /^\d+$/u.test(name));
        return positional.length > 0 && positional.length !== names.length;
      })
      .map(([job]) => `${job}: parameters are either all positional ("1", "2", …) or all named`),
} satisfies Record<string, (templates: JobTemplates) => string[]>;

export type TemplateCheckName = keyof typeof TEMPLATE_CHECKS;

/** How a `<PROVIDER>_TEMPLATES` value is read: named or positional parameters, and the provider's own check if any. */
export interface TemplatesRules {
  readonly positional: boolean;
  readonly check?: TemplateCheckName;
}

const TEMPLATES = new WeakMap<object, TemplatesRules>();

/**
 * Marks a `<PROVIDER>_TEMPLATES` transform as the shared one (JSON read by `parseJobTemplates`, then the
 * provider's check named in `rules`, if any), which the plain check runs the same way.
 */
export function asTemplatesTransform<T extends object>(transform: T, rules: TemplatesRules): T {
  TEMPLATES.set(transform, rules);
  return transform;
}

/** The rules of a transform marked by {@link asTemplatesTransform}, or undefined for any other function. */
export function templatesRulesOf(transform: unknown): TemplatesRules | undefined {
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
