import * as z from 'zod';
import { parseJobTemplates, type JobTemplates } from '../../domain/messages/job-templates.ts';
import {
  asTemplatesTransform,
  hasNoUrlCredentials,
  TEMPLATE_CHECKS,
  withoutTrailingSlashes,
  type TemplateCheckName,
} from './setting-rules.ts';

const PRINTABLE = /^[\x21-\x7e]+$/u;

/** A provider's http(s) base URL, kept without trailing slashes so paths can be appended. */
export function baseUrlSetting(options: { readonly credentialsHint?: string } = {}) {
  const url = z.url({ protocol: /^https?$/u });
  // Credentials in the URL would end up in logs and errors; each provider names the settings that carry them.
  const checked = options.credentialsHint === undefined ? url : url.refine(hasNoUrlCredentials, options.credentialsHint);
  return checked.transform(withoutTrailingSlashes);
}

/** A credential sent in a header: printable ASCII without spaces. */
export function tokenSetting(options: { readonly missing?: string; readonly invalid?: string } = {}) {
  const text = options.missing === undefined ? z.string() : z.string({ error: options.missing });
  return text.regex(PRINTABLE, options.invalid ?? 'must be printable ASCII without spaces');
}

/**
 * `<PROVIDER>_TEMPLATES`: JSON mapping each job to its approved template and parameters
 * (domain/messages/job-templates.ts), with parameters named or by position (`positional`); `check` adds a
 * provider's own problems (a field it cannot send), one of the shared {@link TEMPLATE_CHECKS}; `notJson` words
 * a value that is not JSON at all (by default, "must be JSON such as" the example).
 */
export function templatesSetting(options: {
  readonly positional: boolean;
  readonly example: string;
  readonly missing?: string;
  readonly notJson?: string;
  readonly check?: TemplateCheckName;
}) {
  const text = options.missing === undefined ? z.string() : z.string({ error: options.missing });
  const check = options.check === undefined ? undefined : TEMPLATE_CHECKS[options.check];
  const transform = (value: string, context: z.RefinementCtx): JobTemplates => {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      context.addIssue({ code: 'custom', message: options.notJson ?? `must be JSON such as ${options.example}` });
      return z.NEVER;
    }
    const parsed = parseJobTemplates(json, { positional: options.positional });
    const problems = parsed.ok ? (check?.(parsed.value) ?? []) : parsed.error;
    for (const problem of problems) context.addIssue({ code: 'custom', message: problem });
    return parsed.ok && problems.length === 0 ? parsed.value : z.NEVER;
  };
  // The start-path check reads the setting the same way, without zod.
  return text.transform(
    asTemplatesTransform(transform, { positional: options.positional, ...(options.check !== undefined && { check: options.check }) }),
  );
}
