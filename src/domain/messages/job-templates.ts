import { JOBS, type Job } from '../deliveries/job.ts';
import { MESSAGE_VARIABLES, type MessageVariable, type MessageVariables } from '../deliveries/message.ts';
import { err, ok, type Result } from '../shared/result.ts';

/**
 * Template (HSM) providers cannot send free text outside WhatsApp's 24-hour window: each job is sent
 * as an approved template whose parameters are filled from the message's variables. This is the
 * `<PROVIDER>_TEMPLATES` setting of docs/contracts/product.md §7:
 * `{"offline-alert": {"template": "alerta_noticia", "language": "es", "params": {"1": "titulo", "2": "link"}}}`.
 */
export interface TemplateMedia {
  readonly type: 'image' | 'video' | 'document';
  readonly link: string;
  readonly filename?: string;
}

export interface JobTemplate {
  readonly template: string;
  readonly language: string;
  /** Provider parameter name (or position, "1", "2"…) → message variable. */
  readonly params: Readonly<Record<string, MessageVariable>>;
  /** Chat-Tonic (Wavy) templates are identified by a namespace too. */
  readonly namespace?: string;
  readonly media?: TemplateMedia;
}

export type JobTemplates = Readonly<Record<Job, JobTemplate>>;

/** The variables each job's messages carry; a template may only use these. */
const JOB_VARIABLES: Readonly<Record<Job, readonly MessageVariable[]>> = {
  'meltwater-alert': ['titulo', 'link', 'fuente', 'sentimiento', 'cliente'],
  'meltwater-newsletter': ['titulo', 'link', 'cliente'],
  'offline-report': ['subject', 'titulo', 'link'],
  'offline-alert': ['titulo', 'link'],
};

/** WhatsApp refuses empty template parameters; a variable a message lacks (an unknown outlet) shows as this. */
const MISSING_VARIABLE = '-';

export interface TemplateRules {
  /** Ordered providers (Chat-Tonic) take positions "1".."n" and no gaps. */
  readonly positional: boolean;
}

/** Reads and checks the `<PROVIDER>_TEMPLATES` setting; every problem is reported, each naming the job. */
export function parseJobTemplates(value: unknown, rules: TemplateRules): Result<JobTemplates, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err(['must be a JSON object with one entry per job: ' + JOBS.join(', ')]);
  }
  const problems: string[] = [];
  const entries = value as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!(JOBS as readonly string[]).includes(key)) problems.push(`"${key}" is not a job; jobs are ${JOBS.join(', ')}`);
  }
  const templates: Partial<Record<Job, JobTemplate>> = {};
  for (const job of JOBS) {
    const entry = entries[job];
    if (entry === undefined) {
      problems.push(`${job}: no template configured`);
      continue;
    }
    const parsed = parseJobTemplate(job, entry, rules);
    if (parsed.ok) templates[job] = parsed.value;
    else problems.push(...parsed.error.map((problem) => `${job}: ${problem}`));
  }
  return problems.length === 0 ? ok(templates as JobTemplates) : err(problems);
}

function parseJobTemplate(job: Job, entry: unknown, rules: TemplateRules): Result<JobTemplate, string[]> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return err(['must be an object']);
  const { template, language, params, namespace, media } = entry as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof template !== 'string' || template.trim() === '') problems.push('"template" must be the template name or id');
  if (language !== undefined && (typeof language !== 'string' || !/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/u.test(language))) {
    problems.push('"language" must be a language code such as es or es_CR');
  }
  if (namespace !== undefined && typeof namespace !== 'string') problems.push('"namespace" must be a string');
  const checkedParams = parseParams(job, params ?? {}, rules, problems);
  const checkedMedia = media === undefined ? undefined : parseMedia(media, problems);
  if (problems.length > 0) return err(problems);
  return ok({
    template: String(template).trim(),
    language: typeof language === 'string' ? language : 'es',
    params: checkedParams,
    ...(typeof namespace === 'string' ? { namespace } : {}),
    ...(checkedMedia === undefined ? {} : { media: checkedMedia }),
  });
}

function parseParams(job: Job, params: unknown, rules: TemplateRules, problems: string[]): Record<string, MessageVariable> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    problems.push('"params" must map parameter names to message variables');
    return {};
  }
  const result: Record<string, MessageVariable> = {};
  for (const [name, variable] of Object.entries(params as Record<string, unknown>)) {
    if (typeof variable !== 'string' || !(MESSAGE_VARIABLES as readonly string[]).includes(variable)) {
      problems.push(`parameter "${name}" must be one of ${MESSAGE_VARIABLES.join(', ')}`);
    } else if (!JOB_VARIABLES[job].includes(variable as MessageVariable)) {
      problems.push(`parameter "${name}": ${job} messages have no "${variable}" (they have ${JOB_VARIABLES[job].join(', ')})`);
    } else {
      result[name] = variable as MessageVariable;
    }
  }
  if (rules.positional) {
    const positions = Object.keys(result).map(Number);
    const expected = positions.map((_, index) => index + 1);
    if (positions.some((position) => !Number.isInteger(position)) || [...positions].sort((a, b) => a - b).join() !== expected.join()) {
      problems.push('parameters are positional here: name them "1", "2", … without gaps');
    }
  }
  return result;
}

const MEDIA_TYPES = ['image', 'video', 'document'] as const;

function parseMedia(media: unknown, problems: string[]): TemplateMedia | undefined {
  const { type, link, filename } = (typeof media === 'object' && media !== null ? media : {}) as Record<string, unknown>;
  if (typeof type !== 'string' || !(MEDIA_TYPES as readonly string[]).includes(type))
    problems.push('"media.type" must be image, video or document');
  if (typeof link !== 'string' || !/^https:\/\/\S+$/u.test(link)) problems.push('"media.link" must be a public https URL');
  if (filename !== undefined && typeof filename !== 'string') problems.push('"media.filename" must be a string');
  if (problems.length > 0) return undefined;
  return { type: type as TemplateMedia['type'], link: link as string, ...(typeof filename === 'string' ? { filename } : {}) };
}

/** The template's parameters with their values, in the template's order (positions sorted numerically). */
export function templateParameters(template: JobTemplate, variables: MessageVariables): [name: string, value: string][] {
  return Object.entries(template.params)
    .sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b))
    .map(([name, variable]) => {
      const value = variables[variable]?.trim();
      return [name, value === undefined || value === '' ? MISSING_VARIABLE : value];
    });
}
