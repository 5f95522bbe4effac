import type { AcceptMeltwaterAlert } from '../../application/use-cases/accept-meltwater-alert.use-case.ts';
import { parseClientId } from '../../domain/clients/client-id.ts';
import { mentionsFromWebhookBody, webhookItems } from '../contracts/meltwater-webhook.plain.ts';
import { parseJson } from '../contracts/parse-json.ts';
import { errorResponse, MAX_BODY_BYTES, type HttpResponse } from './http-errors.ts';
import type { PerKeyRateLimit } from './per-key-rate-limit.ts';
import { configuredSecretMatcher, signatureMatches } from './webhook-auth.ts';

export interface MeltwaterWebhookRequest {
  readonly clientId: string;
  readonly rawBody: Uint8Array;
  /** `?token=` or the `x-webhook-token` header. */
  readonly token: string | undefined;
  /** `X-Hub-Signature`, sent by Data Streams hooks. */
  readonly signature: string | undefined;
}

export interface MeltwaterWebhookSettings {
  readonly webhookToken: string | undefined;
  readonly hookSecret: string | undefined;
  /** Per client: a leaked token must not let anyone flood a client's contacts. */
  readonly rateLimit: PerKeyRateLimit;
  /** Mentions one call may carry (WEBHOOK_MAX_MENTIONS): more are refused whole, never cut short. */
  readonly maxMentions: number;
}

/**
 * docs/contracts/product.md §1.1 as one function of the request, shared by the server's route and the Lambda handler:
 * validate, authenticate, accept, answer 202 before anything is sent.
 */
export async function handleMeltwaterWebhook(
  request: MeltwaterWebhookRequest,
  settings: MeltwaterWebhookSettings,
  acceptAlert: AcceptMeltwaterAlert,
): Promise<HttpResponse> {
  const clientId = parseClientId(request.clientId);
  if (clientId === undefined) return errorResponse('invalid_client_id');
  if (!isAuthorized(request, settings)) return errorResponse('unauthorized');
  // After authentication, so that nobody without the token can use up a client's allowance.
  const allowance = settings.rateLimit.take(clientId);
  if (!allowance.allowed) return { ...errorResponse('rate_limited'), headers: { 'retry-after': String(allowance.retryAfterSeconds) } };
  if (request.rawBody.byteLength > MAX_BODY_BYTES) return errorResponse('payload_too_large');

  // A view of the bytes, not a copy.
  const body = Buffer.from(request.rawBody.buffer, request.rawBody.byteOffset, request.rawBody.byteLength);
  const json = parseJson(body.toString('utf8'));
  if (!json.ok) return errorResponse('invalid_body', `${json.error}.`);
  const items = webhookItems(json.value).length;
  if (items > settings.maxMentions) {
    return errorResponse(
      'payload_too_large',
      `The call carries ${items} mentions; at most ${settings.maxMentions} are accepted in one call (WEBHOOK_MAX_MENTIONS). None was accepted: send them in smaller calls.`,
      { limit: settings.maxMentions },
    );
  }
  const mentions = mentionsFromWebhookBody(json.value);
  const accepted = await acceptAlert.execute(clientId, mentions);
  if (!accepted.ok) {
    const rejection = accepted.error;
    if (rejection === 'client_not_found') return errorResponse('client_not_found');
    if (rejection === 'no_mentions') return errorResponse('invalid_body', 'The body holds no Meltwater mention (no title and no link).');
    return errorResponse(
      'payload_too_large',
      `The call would create ${rejection.deliveries} deliveries (${rejection.mentions} mentions × ${rejection.contacts} WhatsApp contacts); at most ${rejection.limit} are accepted in one call (WEBHOOK_MAX_DELIVERIES). None was accepted: send fewer mentions per call.`,
      { limit: rejection.limit },
    );
  }
  return { status: 202, body: accepted.value };
}

function isAuthorized(request: MeltwaterWebhookRequest, settings: MeltwaterWebhookSettings): boolean {
  if (request.token !== undefined && tokenMatches(request.token, settings)) return true;
  return (
    request.signature !== undefined &&
    settings.hookSecret !== undefined &&
    signatureMatches(request.rawBody, request.signature, settings.hookSecret)
  );
}

/** Each settings' token matcher: the configured token is hashed once, not on every call. */
const tokenMatchers = new WeakMap<MeltwaterWebhookSettings, (presented: string) => boolean>();

function tokenMatches(token: string, settings: MeltwaterWebhookSettings): boolean {
  if (settings.webhookToken === undefined) return false;
  let matches = tokenMatchers.get(settings);
  if (matches === undefined) {
    matches = configuredSecretMatcher(settings.webhookToken);
    tokenMatchers.set(settings, matches);
  }
  return matches(token);
}
