import { fc, test } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { WEBHOOK_TOKEN } from '../support/server-process.ts';
import { hostileJson, MENTION_KEYS, notJsonText } from './hostile-bodies.ts';
import { expectError, expectHealthy, send, useHostileServer, type Answer } from './hostile-http.ts';

const PER_MINUTE = 5;
const hostile = useHostileServer(() => ({ WEBHOOK_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) }));

let from = 0;
beforeEach(() => {
  from = hostile().server.output.length;
});
afterEach(async () => {
  await expectHealthy(hostile().server, from);
});

/** A fresh client for each run, so that one run's allowance is never another's. */
const clientId = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 24, maxLength: 24 }).map((chars) => chars.join(''));
const body = fc.oneof(
  notJsonText,
  hostileJson(MENTION_KEYS),
  fc.constant('{"title":"Titular","links":{"article":"https://www.nacion.com/x"}}'),
);

const post = (client: string, text: string, token: string | undefined) =>
  send(hostile().server, `/api/mw/whatsapp/${client}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`, {
    method: 'POST',
    body: text,
  });

/** README "Routes": `429 rate_limited` with `Retry-After` (whole seconds) past the allowance. */
function expectRateLimited(answer: Answer): void {
  expectError(answer, 'rate_limited');
  expect(answer.headers.get('retry-after') ?? '', answer.text).toMatch(/^[1-9]\d*$/u);
}

describe('the webhook rate limit under a hostile flood (README "Routes")', () => {
  test.prop([clientId, fc.array(body, { minLength: PER_MINUTE + 3, maxLength: PER_MINUTE + 8 })], { numRuns: 15 })(
    'answers each call of a flood with its own verdict until the allowance is spent, then 429 rate_limited',
    async (client, bodies) => {
      const answers: Answer[] = [];
      for (const text of bodies) answers.push(await post(client, text, WEBHOOK_TOKEN));
      const limited = answers.filter((answer) => answer.status === 429);
      for (const answer of limited) expectRateLimited(answer);
      // Bodies of any kind count alike: the limit is on calls, whatever they carry.
      expect(answers.length - limited.length).toBeLessThanOrEqual(PER_MINUTE + 1);
      expect(limited.length).toBeGreaterThan(0);
      for (const answer of answers.filter((each) => each.status !== 429)) {
        // No client exists here: a mention finds none, anything else is not a mention.
        expect(['invalid_body', 'client_not_found'], answer.text).toContain((answer.body as { error?: string }).error);
      }
    },
  );

  test.prop([clientId, body, fc.option(fc.constantFrom('wrong-token', `${WEBHOOK_TOKEN}x`, ''), { nil: undefined })], { numRuns: 15 })(
    'keeps answering 401 to callers without the token, however limited the client is',
    async (client, text, token) => {
      for (let i = 0; i < PER_MINUTE + 1; i++) await post(client, text, WEBHOOK_TOKEN);
      expectRateLimited(await post(client, text, WEBHOOK_TOKEN));
      expectError(await post(client, text, token), 'unauthorized');
      expectError(await post(`${client}0`, text, WEBHOOK_TOKEN), 'invalid_client_id');
    },
  );
});
