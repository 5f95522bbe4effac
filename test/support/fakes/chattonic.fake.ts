import type { ServerResponse } from 'node:http';
import { CONTRACT_TEMPLATES, type AcceptedMessage, type Fault, type ProviderFake } from '../../contract/messaging.contract.ts';
import { startLoopbackServer } from '../loopback-server.ts';
import { FaultQueue, HeldAnswers } from './fake-http.ts';

/**
 * Chat-Tonic as docs/contracts/providers/chattonic.md documents it, under `/api/v1`:
 * - `POST /{appCodename}/{platform}/{accountId}/sendhsm` with `Authorization: Bearer {appToken}` and
 *   `{id, hsm: {namespace, elementName, parameters}, flag?, agreeHSMConsent?}` (consent required on gupshup);
 * - `POST /{appCodename}/hsm/campaign/upload?platform=&accountId=` as multipart/form-data with the file
 *   in field `upload`; the JSON format (an array of {phone|id, namespace, elementName, languageCode,
 *   languagePolicy: DETERMINISTIC, flag, parameters}) is parsed for real.
 * Chat-Tonic documents no answer bodies or error codes (docs/contracts/providers/chattonic.md §3): this fake answers 200 `{}`,
 * and `{"message": …}` with 400 / 401 / 404 / 429 / 500, which is a choice, not a fact. `answerNext`
 * scripts any other answer for tests of the adapter's defensive reading.
 */
export interface ChattonicFakeOptions {
  readonly token?: string;
  readonly appCodename?: string;
  readonly platform?: string;
  readonly accountId?: string;
  /** How long a `timeout` fault holds its answer: longer than the adapter's timeout in tests. */
  readonly slowMs?: number;
}

export interface ChattonicHsmSeen {
  readonly id: string;
  readonly hsm: { readonly namespace: string; readonly elementName: string; readonly parameters: string[] };
  readonly flag?: string;
  readonly agreeHSMConsent?: boolean;
}

export interface ChattonicCampaignEntrySeen {
  readonly phone?: string;
  readonly id?: string;
  readonly namespace: string;
  readonly elementName: string;
  readonly languageCode: string;
  readonly languagePolicy: string;
  readonly flag?: string;
  readonly parameters: string[];
}

export interface ChattonicCampaignSeen {
  readonly fileName: string;
  readonly fileType: string;
  readonly query: Record<string, string>;
  readonly fields: Record<string, string>;
  readonly entries: ChattonicCampaignEntrySeen[];
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface ChattonicFake extends ProviderFake {
  /** sendhsm bodies Chat-Tonic took, as sent. */
  hsms(): ChattonicHsmSeen[];
  /** Campaign uploads Chat-Tonic took, decoded from the multipart body. */
  campaigns(): ChattonicCampaignSeen[];
  /** Calls per endpoint, accepted or not. */
  callsTo(endpoint: 'sendhsm' | 'campaign'): number;
  /** The next `times` calls (either endpoint) get this answer verbatim, after taking the message when 2xx. */
  answerNext(answer: ScriptedAnswer, times?: number): void;
  /**
   * The next call (either endpoint) is carried out, its messages taken, but its answer never reaches the
   * caller: `late` holds it past the caller's timeout, `dropped` closes the connection instead.
   */
  loseNextAnswer(how: 'late' | 'dropped'): void;
}

/** `CHATTONIC_TEMPLATES` for the contract's templates: they are positional already. */
export const CHATTONIC_CONTRACT_TEMPLATES = CONTRACT_TEMPLATES;

export async function startChattonicFake(options: ChattonicFakeOptions = {}) {
  const token = options.token ?? 'chattonic-fake-app-token-4d2b8e61';
  const appCodename = options.appCodename ?? 'cvt';
  const platform = options.platform ?? 'whatsapp-infobip';
  const accountId = options.accountId ?? 'cvt-wa-01';
  const slowMs = options.slowMs ?? 2_000;
  const faults = new FaultQueue();
  const scripted: ScriptedAnswer[] = [];
  const accepted: AcceptedMessage[] = [];
  const hsms: ChattonicHsmSeen[] = [];
  const campaigns: ChattonicCampaignSeen[] = [];
  const held = new HeldAnswers();
  const counts = { sendhsm: 0, campaign: 0 };
  const lost: ('late' | 'dropped')[] = [];

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  };
  const refuse = (response: ServerResponse, status: number, message: string) => json(response, status, { message });

  const injectFault = (response: ServerResponse, fault: Fault): void => {
    switch (fault) {
      case 'rate_limited':
        return json(response, 429, { message: 'Too many requests' }, { 'retry-after': '1' });
      case 'server_error':
        return json(response, 500, { message: 'Internal server error' });
      case 'timeout':
        return held.after(slowMs, () => {
          if (!response.destroyed) json(response, 504, { message: 'Gateway timeout' });
        });
      case 'unauthorized':
        return refuse(response, 401, 'Unauthorized');
      default:
        throw new Error(`Chat-Tonic documents no way to tell ${fault} apart`);
    }
  };

  /** Takes the messages, then answers: 200 `{}` unless a test scripted something else. */
  const take = (response: ServerResponse, messages: AcceptedMessage[], record: () => void): void => {
    const losing = lost.shift();
    if (losing !== undefined) {
      record();
      accepted.push(...messages);
      if (losing === 'dropped') return void response.socket?.destroy();
      return held.after(slowMs, () => {
        if (!response.destroyed) json(response, 200, {});
      });
    }
    const answer = scripted.shift();
    if (answer === undefined || (answer.status >= 200 && answer.status < 300)) {
      record();
      accepted.push(...messages);
    }
    if (answer === undefined) return json(response, 200, {});
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers }).end(answer.body ?? '');
  };

  const server = await startLoopbackServer(async (request, response, raw) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const single = /^\/api\/v1\/([^/]+)\/([^/]+)\/([^/]+)\/sendhsm$/u.exec(url.pathname);
    const upload = /^\/api\/v1\/([^/]+)\/hsm\/campaign\/upload$/u.exec(url.pathname);
    if (request.method !== 'POST' || (single === null && upload === null))
      return refuse(response, 404, `Cannot ${request.method} ${url.pathname}`);
    counts[single !== null ? 'sendhsm' : 'campaign']++;
    const fault = faults.take();
    if (fault !== undefined) return injectFault(response, fault);
    if (request.headers.authorization !== `Bearer ${token}`) return refuse(response, 401, 'Unauthorized');

    if (single !== null) {
      const [, app, onPlatform, account] = single.map((part) => decodeURIComponent(part));
      if (app !== appCodename || onPlatform !== platform || account !== accountId)
        return refuse(response, 404, 'Application or account not found');
      const problem = checkHsm(raw, platform);
      if (typeof problem === 'string') return refuse(response, 400, problem);
      return take(
        response,
        [{ to: phoneOf(problem.id), template: { name: problem.hsm.elementName, parameters: problem.hsm.parameters } }],
        () => hsms.push(problem),
      );
    }

    const query = Object.fromEntries(url.searchParams);
    if (decodeURIComponent(upload![1]!) !== appCodename) return refuse(response, 404, 'Application not found');
    if (query['platform'] !== platform || query['accountId'] !== accountId)
      return refuse(response, 400, 'platform and accountId must name the account');
    const campaign = await readCampaign(raw, request.headers['content-type']);
    if (typeof campaign === 'string') return refuse(response, 400, campaign);
    if (platform === 'whatsapp-gupshup' && query['agreeHSMConsent'] !== 'true' && campaign.fields['agreeHSMConsent'] !== 'true') {
      return refuse(response, 400, 'agreeHSMConsent is required for GupShup');
    }
    const seen = { ...campaign, query };
    return take(
      response,
      campaign.entries.map((entry) => ({
        to: phoneOf(entry.phone ?? entry.id ?? ''),
        template: { name: entry.elementName, parameters: entry.parameters },
      })),
      () => campaigns.push(seen),
    );
  });

  const fake: ChattonicFake = {
    fail(fault, times = 1) {
      if (!['rate_limited', 'server_error', 'timeout', 'unauthorized'].includes(fault))
        throw new Error(`Chat-Tonic documents no way to tell ${fault} apart`);
      faults.add(fault, times);
    },
    accepted: () => [...accepted],
    calls: () => counts.sendhsm + counts.campaign,
    callsTo: (endpoint) => counts[endpoint],
    secrets: [token],
    hsms: () => [...hsms],
    campaigns: () => [...campaigns],
    answerNext(answer, times = 1) {
      for (let i = 0; i < times; i++) scripted.push(answer);
    },
    loseNextAnswer(how) {
      lost.push(how);
    },
  };

  return {
    url: server.url,
    env: {
      CHATTONIC_BASE_URL: `${server.url}/api/v1`,
      CHATTONIC_TOKEN: token,
      CHATTONIC_APP_CODENAME: appCodename,
      CHATTONIC_PLATFORM: platform,
      CHATTONIC_ACCOUNT_ID: accountId,
      CHATTONIC_TEMPLATES: JSON.stringify(CHATTONIC_CONTRACT_TEMPLATES),
    },
    fake,
    close: async () => {
      held.clear();
      await server.close();
    },
  };
}

/** Chat-Tonic cleans what people type around a number ("+54 (911) 1234-5678" → "5491112345678", docs/contracts/providers/chattonic.md). */
function phoneOf(value: string): string {
  return `+${value.replace(/[^\d]/gu, '')}`;
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function checkHsm(raw: string, platform: string): ChattonicHsmSeen | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'body must be JSON';
  }
  const { id, hsm, flag, agreeHSMConsent } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof id !== 'string' || !/^\+?\d{8,15}$/u.test(id)) return '"id" must be the full phone number';
  const template = (typeof hsm === 'object' && hsm !== null ? hsm : undefined) as Record<string, unknown> | undefined;
  if (template === undefined) return '"hsm" is required';
  if (typeof template['namespace'] !== 'string') return '"hsm.namespace" is required';
  if (typeof template['elementName'] !== 'string' || template['elementName'] === '') return '"hsm.elementName" is required';
  if (!isStrings(template['parameters'])) return '"hsm.parameters" must be an array of strings';
  if (flag !== undefined && typeof flag !== 'string') return '"flag" must be a string';
  if (platform === 'whatsapp-gupshup' && agreeHSMConsent !== true) return '"agreeHSMConsent" is required for GupShup';
  return body as ChattonicHsmSeen;
}

/** The multipart body decoded by a real parser (undici's, behind Response.formData). */
async function readCampaign(raw: string, contentType: string | undefined): Promise<Omit<ChattonicCampaignSeen, 'query'> | string> {
  if (!/^multipart\/form-data\b/iu.test(contentType ?? '')) return 'the campaign must be uploaded as multipart/form-data';
  let form: FormData;
  try {
    form = await new Response(Buffer.from(raw, 'utf8'), { headers: { 'content-type': contentType! } }).formData();
  } catch {
    return 'malformed multipart body';
  }
  const file = form.get('upload');
  if (file === null || typeof file === 'string') return '"upload" must carry the campaign file';
  if (!/\.(json|csv|xls|xlsx|zip|gz|tar)$/iu.test(file.name)) return 'supported files: XLS, CSV, JSON, or them in ZIP, GZ, TAR';
  if (!/\.json$/iu.test(file.name)) return 'this fake reads JSON campaigns only';
  let entries: unknown;
  try {
    entries = JSON.parse(await file.text());
  } catch {
    return 'the JSON file is not JSON';
  }
  if (!Array.isArray(entries) || entries.length === 0) return 'the JSON file must be a non-empty array';
  for (const [index, entry] of entries.entries()) {
    const line = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const phone = line['phone'] ?? line['id'];
    if (typeof phone !== 'string' || !/^\+?\d{8,15}$/u.test(phone.replace(/[\s()-]/gu, '')))
      return `line ${index + 1}: "phone" must be a full phone number`;
    for (const key of ['namespace', 'elementName', 'languageCode'] as const)
      if (typeof line[key] !== 'string') return `line ${index + 1}: "${key}" is required`;
    if (line['elementName'] === '' || line['languageCode'] === '')
      return `line ${index + 1}: "elementName" and "languageCode" cannot be blank`;
    if (line['languagePolicy'] !== 'DETERMINISTIC') return `line ${index + 1}: "languagePolicy" must be DETERMINISTIC`;
    if (line['flag'] !== undefined && typeof line['flag'] !== 'string') return `line ${index + 1}: "flag" must be a string`;
    if (!isStrings(line['parameters'])) return `line ${index + 1}: "parameters" must be an array of strings`;
  }
  const fields = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { fileName: file.name, fileType: file.type, fields, entries: entries as ChattonicCampaignEntrySeen[] };
}
