import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import { CONTRACT_TEMPLATES, type AcceptedMessage, type Fault, type ProviderFake } from '../../contract/messaging.contract.ts';
import { startLoopbackServer } from '../loopback-server.ts';
import { FaultQueue, HeldAnswers } from './fake-http.ts';

/**
 * Cliengo's HSM notifications API as docs/contracts/providers/cliengo.md documents it: `POST /website/{websiteId}/hsm/notifications`
 * with header `apikey`, body `{templateId, destination, params, media?}` validated the Joi way (every
 * problem listed, unknown keys refused), answers `{code, statusCode, description, result}` with the
 * article's codes and texts, and the media link checked by HEAD before anything is sent.
 *
 * Not in the article, so chosen here and marked as such: how a bad `destination` is refused (a Joi
 * pattern error, digits only), a template variable missing from `params` (a Joi "required" error),
 * and the bodies of 429 / 5xx, which come from whatever gateway stands in front.
 */
export interface CliengoFakeTemplate {
  readonly id: string;
  readonly name: string;
  readonly type: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  /** Variable names, in the order the template shows them. */
  readonly variables: readonly string[];
}

export interface CliengoFakeOptions {
  readonly apiKey?: string;
  readonly websiteId?: string;
  readonly templates?: readonly CliengoFakeTemplate[];
  /** How long a `timeout` fault holds its answer: longer than the adapter's timeout in tests. */
  readonly slowMs?: number;
}

/** What a HEAD / GET of the fake's own media files answers, to exercise Cliengo's link checks. */
const MEDIA_FILES = {
  'logo.png': { status: 200, type: 'image/png', length: 1_024 },
  'foto-grande.jpg': { status: 200, type: 'image/jpeg', length: 5_245_329 },
  'clip.mp4': { status: 200, type: 'video/mp4', length: 1_570_024 },
  'informe.pdf': { status: 200, type: 'application/pdf', length: 40_000 },
  /** Streams its body, so it answers without content-length (docs/contracts/providers/cliengo.md, INVALID_CONTENT_LENGTH). */
  'sin-largo.pdf': { status: 200, type: 'application/pdf', length: null },
  'sin-head.png': { status: 405, type: 'image/png', length: 1_024 },
  /** Like https://picsum.photos/200 of the article's HEAD_METHOD_NOT_ALLOWED example: a redirect. */
  'redirige.png': { status: 302, type: 'image/png', length: 1_024 },
  'caido.png': { status: 503, type: 'text/html', length: 20 },
} as const;
export type CliengoFakeMediaFile = keyof typeof MEDIA_FILES;

const MEDIA_RULES = {
  IMAGE: { allowed: ['image/png', 'image/jpeg'], max: 2_000_000 },
  VIDEO: { allowed: ['audio/mpeg', 'video/mp4'], max: 20_000_000 },
  DOCUMENT: {
    allowed: [
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    max: 2_000_000,
  },
} as const;

/** The contract's templates as Cliengo's HSM Manager would hold them: numeric ids, named variables. */
export const CLIENGO_CONTRACT_TEMPLATES: readonly CliengoFakeTemplate[] = [
  ...Object.values(CONTRACT_TEMPLATES).map((template, index) => ({
    id: String(101 + index),
    name: template.template,
    type: 'TEXT' as const,
    variables: Object.values(template.params),
  })),
  { id: '201', name: 'aviso_imagen', type: 'IMAGE', variables: ['titulo'] },
  { id: '202', name: 'aviso_video', type: 'VIDEO', variables: ['titulo'] },
  { id: '203', name: 'aviso_documento', type: 'DOCUMENT', variables: ['titulo'] },
];

/** `CLIENGO_TEMPLATES` for the contract's templates: the template id, and params named as the variables. */
export function cliengoContractTemplates(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(CONTRACT_TEMPLATES).map(([job, template], index) => [
      job,
      {
        template: String(101 + index),
        language: template.language,
        params: Object.fromEntries(Object.values(template.params).map((v) => [v, v])),
      },
    ]),
  );
}

export interface CliengoNotificationSeen {
  readonly templateId: string;
  readonly destination: string;
  readonly params: Record<string, string>;
  readonly media?: { readonly link: string; readonly filename?: string };
}

export interface CliengoFake extends ProviderFake {
  /** The URL of one of the fake's media files, with a query if given (as a signed link has). */
  mediaUrl(file: CliengoFakeMediaFile, query?: string): string;
  /** Requests for media files, with who made them: `cliengo` for the fake's own checks. */
  mediaRequests(): { method: string; file: string; by: 'cliengo' | 'other' }[];
  /** The notification bodies Cliengo took, as sent. */
  notifications(): CliengoNotificationSeen[];
}

const CHECKER_AGENT = 'cliengo-fake-media-check';

export async function startCliengoFake(options: CliengoFakeOptions = {}) {
  const apiKey = options.apiKey ?? 'cliengo-fake-apikey-7f3a9c1e5b';
  const websiteId = options.websiteId ?? '64652663e65219005dc61bd6';
  const templates = options.templates ?? CLIENGO_CONTRACT_TEMPLATES;
  const slowMs = options.slowMs ?? 2_000;
  const faults = new FaultQueue();
  const accepted: AcceptedMessage[] = [];
  const notifications: CliengoNotificationSeen[] = [];
  const mediaRequests: { method: string; file: string; by: 'cliengo' | 'other' }[] = [];
  const held = new HeldAnswers();
  let calls = 0;
  let baseUrl = '';

  const answer = (response: ServerResponse, statusCode: number, code: string, description: string, result: unknown) => {
    response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ code, statusCode, description, result }));
  };
  const invalidBody = (response: ServerResponse, problems: JoiProblem[]) =>
    answer(response, 400, 'INVALID_BODY', 'Invalid body, query or params', problems);

  const serveMedia = (request: IncomingMessage, response: ServerResponse, file: string) => {
    const media = (MEDIA_FILES as Record<string, (typeof MEDIA_FILES)[CliengoFakeMediaFile]>)[file];
    mediaRequests.push({ method: request.method ?? '', file, by: request.headers['user-agent'] === CHECKER_AGENT ? 'cliengo' : 'other' });
    if (media === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (media.status === 302) {
      response.writeHead(302, { location: `${baseUrl}/media/logo.png` }).end();
      return;
    }
    if (media.status === 405 && request.method === 'HEAD') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (media.status === 503) {
      response.writeHead(503, { 'content-type': 'text/html' }).end(request.method === 'HEAD' ? undefined : '<h1>503</h1>');
      return;
    }
    const headers: Record<string, string | number> = { 'content-type': media.type };
    if (media.length !== null) headers['content-length'] = media.length;
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else response.end(Buffer.alloc(media.length ?? 4_096));
  };

  /** Cliengo's own link check (docs/contracts/providers/cliengo.md): HEAD, content-type for the template type, content-length under the maximum. */
  const refuseMedia = async (response: ServerResponse, template: CliengoFakeTemplate, link: string): Promise<boolean> => {
    if (template.type === 'TEXT') return false;
    const rule = MEDIA_RULES[template.type];
    let head: { status: number; contentType: string | null; contentLength: number | null };
    try {
      const checked = await request(link, { method: 'HEAD', headers: { 'user-agent': CHECKER_AGENT }, signal: AbortSignal.timeout(2_000) });
      await checked.body.dump();
      const length = checked.headers['content-length'];
      const type = checked.headers['content-type'];
      head = {
        status: checked.statusCode,
        contentType: typeof type === 'string' ? type.split(';')[0]!.trim() : null,
        contentLength: typeof length === 'string' ? Number(length) : null,
      };
    } catch {
      head = { status: 0, contentType: null, contentLength: null };
    }
    if (head.status < 200 || head.status >= 300) {
      answer(response, 400, 'HEAD_METHOD_NOT_ALLOWED', 'The link does not support method HEAD.', { link });
      return true;
    }
    if (head.contentType === null || !(rule.allowed as readonly string[]).includes(head.contentType)) {
      answer(response, 400, 'INVALID_CONTENT_TYPE', 'content-type does not match valid values.', {
        link,
        contentLength: head.contentLength,
        contentType: head.contentType,
        templateType: template.type,
        allowedMimeTypes: rule.allowed,
      });
      return true;
    }
    if (head.contentLength === null) {
      answer(response, 400, 'INVALID_CONTENT_LENGTH', 'Cant get content-lenght header', {
        link,
        contentLength: null,
        contentType: head.contentType,
        templateType: template.type,
        maxFileSize: rule.max,
      });
      return true;
    }
    if (head.contentLength > rule.max) {
      answer(response, 409, 'FILE_SIZE_EXCEEDED', 'File size exeeded for template type', {
        link,
        contentLength: head.contentLength,
        contentType: head.contentType,
        templateType: template.type,
        maxFileSize: rule.max,
      });
      return true;
    }
    return false;
  };

  const injectFault = (response: ServerResponse, fault: Fault, body: unknown): void => {
    switch (fault) {
      case 'rate_limited':
        response.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('Too Many Requests');
        return;
      case 'server_error':
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      case 'timeout':
        held.after(slowMs, () => {
          if (!response.destroyed) response.writeHead(504, { 'content-type': 'text/html' }).end('<h1>504 Gateway Time-out</h1>');
        });
        return;
      case 'unauthorized':
        answer(response, 401, 'UNAUTHORIZED', 'Invalid ApiKey', { websiteId });
        return;
      case 'invalid_recipient': {
        const destination = (body as { destination?: unknown }).destination;
        invalidBody(response, [patternProblem('destination', destination)]);
        return;
      }
      case 'unknown_template': {
        const templateId = String((body as { templateId?: unknown }).templateId);
        answer(response, 404, 'NOT_FOUND', `Cant find requested template ${templateId} for website ${websiteId}`, {
          templateId,
          websiteId,
        });
        return;
      }
      case 'not_ready':
        throw new Error('Cliengo has no session that could be "not ready"');
    }
  };

  const server = await startLoopbackServer(async (request, response, raw) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const mediaFile = /^\/media\/([^/]+)$/u.exec(path);
    if (mediaFile !== null && (request.method === 'GET' || request.method === 'HEAD')) return serveMedia(request, response, mediaFile[1]!);
    const route = /^\/website\/([^/]+)\/hsm\/notifications$/u.exec(path);
    if (route === null || request.method !== 'POST') {
      response.writeHead(404, { 'content-type': 'text/html' }).end(`<pre>Cannot ${request.method} ${path}</pre>`);
      return;
    }
    calls++;
    const isJson = /^application\/json\b/u.test(request.headers['content-type'] ?? '');
    const body = isJson ? parseObject(raw) : {};
    const fault = faults.take();
    if (fault !== undefined) return injectFault(response, fault, body);
    if (request.headers['apikey'] !== apiKey || decodeURIComponent(route[1]!) !== websiteId) {
      return answer(response, 401, 'UNAUTHORIZED', 'Invalid ApiKey', { websiteId: decodeURIComponent(route[1]!) });
    }
    if (body === undefined)
      return invalidBody(response, [
        { message: '"value" must be of type object', path: [], type: 'object.base', context: { label: 'value' } },
      ]);
    const problems = validate(body);
    if (problems.length > 0) return invalidBody(response, problems);
    const notification = body as unknown as CliengoNotificationSeen & { templateId: string | number };
    const templateId = String(notification.templateId);
    const template = templates.find((candidate) => candidate.id === templateId);
    if (template === undefined) {
      return answer(response, 404, 'NOT_FOUND', `Cant find requested template ${templateId} for website ${websiteId}`, {
        templateId,
        websiteId,
      });
    }
    const missing = template.variables.filter((variable) => typeof notification.params[variable] !== 'string');
    if (missing.length > 0) {
      return invalidBody(
        response,
        missing.map((variable) => ({
          message: `"params.${variable}" is required`,
          path: ['params', variable],
          type: 'any.required',
          context: { label: `params.${variable}`, key: variable },
        })),
      );
    }
    if (notification.media !== undefined && (await refuseMedia(response, template, notification.media.link))) return;
    notifications.push({ ...notification, templateId });
    accepted.push({
      to: `+${notification.destination}`,
      template: { name: template.name, parameters: template.variables.map((variable) => notification.params[variable]!) },
    });
    answer(response, 200, 'SUCCESS', 'Resource successfully created', `HSM notification sent to ${notification.destination}.`);
  });
  baseUrl = server.url;

  const fake: CliengoFake = {
    fail(fault, times = 1) {
      if (fault === 'not_ready') throw new Error('Cliengo has no session that could be "not ready"');
      faults.add(fault, times);
    },
    accepted: () => [...accepted],
    calls: () => calls,
    secrets: [apiKey],
    mediaUrl: (file, query) => `${server.url}/media/${file}${query === undefined ? '' : `?${query}`}`,
    mediaRequests: () => [...mediaRequests],
    notifications: () => [...notifications],
  };

  return {
    url: server.url,
    env: {
      CLIENGO_BASE_URL: server.url,
      CLIENGO_API_KEY: apiKey,
      CLIENGO_WEBSITE_ID: websiteId,
      CLIENGO_TEMPLATES: JSON.stringify(cliengoContractTemplates()),
    },
    fake,
    close: async () => {
      held.clear();
      await server.close();
    },
  };
}

interface JoiProblem {
  readonly message: string;
  readonly path: (string | number)[];
  readonly type: string;
  readonly context: Record<string, unknown>;
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const required = (key: string, parent?: string): JoiProblem => {
  const label = parent === undefined ? key : `${parent}.${key}`;
  return {
    message: `"${label}" is required`,
    path: parent === undefined ? [key] : [parent, key],
    type: 'any.required',
    context: { label, key },
  };
};

function patternProblem(key: string, value: unknown): JoiProblem {
  return {
    message: `"${key}" with value "${String(value)}" fails to match the required pattern: /^[0-9]{8,15}$/`,
    path: [key],
    type: 'string.pattern.base',
    context: { regex: {}, value, label: key, key },
  };
}

/** Joi with abortEarly off, as the article's INVALID_BODY example lists three problems at once. */
function validate(body: Record<string, unknown>): JoiProblem[] {
  const problems: JoiProblem[] = [];
  const { templateId, destination, params, media } = body;
  if (templateId === undefined) problems.push(required('templateId'));
  else if (typeof templateId !== 'string' && typeof templateId !== 'number') {
    problems.push({
      message: '"templateId" must be one of [string, number]',
      path: ['templateId'],
      type: 'alternatives.types',
      context: { label: 'templateId', key: 'templateId' },
    });
  }
  if (destination === undefined) problems.push(required('destination'));
  else if (typeof destination !== 'string' || !/^[0-9]{8,15}$/u.test(destination))
    problems.push(patternProblem('destination', destination));
  if (params === undefined) problems.push(required('params'));
  else if (
    typeof params !== 'object' ||
    params === null ||
    Array.isArray(params) ||
    Object.values(params).some((value) => typeof value !== 'string')
  ) {
    problems.push({
      message: '"params" must be an object of strings',
      path: ['params'],
      type: 'object.base',
      context: { label: 'params', key: 'params' },
    });
  }
  if (media !== undefined) {
    const { link, filename, ...rest } = (typeof media === 'object' && media !== null ? media : {}) as Record<string, unknown>;
    if (typeof link !== 'string' || !/^https?:\/\/\S+$/u.test(link))
      problems.push({
        message: '"media.link" must be a valid uri',
        path: ['media', 'link'],
        type: 'string.uri',
        context: { label: 'media.link', key: 'link' },
      });
    if (filename !== undefined && typeof filename !== 'string')
      problems.push({
        message: '"media.filename" must be a string',
        path: ['media', 'filename'],
        type: 'string.base',
        context: { label: 'media.filename', key: 'filename' },
      });
    for (const key of Object.keys(rest))
      problems.push({
        message: `"media.${key}" is not allowed`,
        path: ['media', key],
        type: 'object.unknown',
        context: { label: `media.${key}`, key },
      });
  }
  for (const key of Object.keys(body)) {
    if (!['templateId', 'destination', 'params', 'media'].includes(key)) {
      problems.push({ message: `"${key}" is not allowed`, path: [key], type: 'object.unknown', context: { label: key, key } });
    }
  }
  return problems;
}
