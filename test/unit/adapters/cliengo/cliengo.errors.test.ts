import { describe, expect, it } from 'vitest';
import { classifyCliengoAnswer } from '../../../../src/adapters/cliengo/cliengo.errors.ts';
import { err, ok } from '../../../../src/domain/shared/result.ts';

/** The answers of docs/contracts/providers/cliengo.md ("Response"), verbatim but for the <…> the help centre puts around links. */
const SEED = {
  SUCCESS: {
    code: 'SUCCESS',
    statusCode: 200,
    description: 'Resource successfully created',
    result: 'HSM notification sent to 542994231917.',
  },
  INVALID_BODY: {
    code: 'INVALID_BODY',
    statusCode: 400,
    description: 'Invalid body, query or params',
    result: [
      {
        message: '"templateId" is required',
        path: ['templateId'],
        type: 'any.required',
        context: { label: 'templateId', key: 'templateId' },
      },
      {
        message: '"destination" is required',
        path: ['destination'],
        type: 'any.required',
        context: { label: 'destination', key: 'destination' },
      },
      { message: '"params" is required', path: ['params'], type: 'any.required', context: { label: 'params', key: 'params' } },
    ],
  },
  INVALID_CONTENT_LENGTH: {
    code: 'INVALID_CONTENT_LENGTH',
    statusCode: 400,
    description: 'Cant get content-lenght header',
    result: {
      link: 'https://cima.aemps.es/cima/pdfs/es/p/83321/P_83321.pdf',
      contentLength: null,
      contentType: 'application/pdf',
      templateType: 'DOCUMENT',
      maxFileSize: 2000000,
    },
  },
  INVALID_CONTENT_TYPE: {
    code: 'INVALID_CONTENT_TYPE',
    statusCode: 400,
    description: 'content-type does not match valid values.',
    result: {
      link: 'https://edisciplinas.usp.br/pluginfile.php/5196097/mod_resource/content/1/Teste.mp4',
      contentLength: 1570024,
      contentType: 'video/mp4',
      templateType: 'IMAGE',
      allowedMimeTypes: ['image/png', 'image/jpeg'],
    },
  },
  HEAD_METHOD_NOT_ALLOWED: {
    code: 'HEAD_METHOD_NOT_ALLOWED',
    statusCode: 400,
    description: 'The link does not support method HEAD.',
    result: { link: 'https://picsum.photos/200' },
  },
  UNAUTHORIZED: { code: 'UNAUTHORIZED', statusCode: 401, description: 'Invalid ApiKey', result: { websiteId: '64652663e65219005dc61bd6' } },
  NOT_FOUND: {
    code: 'NOT_FOUND',
    statusCode: 404,
    description: 'Cant find requested template 5 for website 6377e1f22f9fc600267345c3',
    result: { templateId: '5', websiteId: '6377e1f22f9fc600267345c3' },
  },
  FILE_SIZE_EXCEEDED: {
    code: 'FILE_SIZE_EXCEEDED',
    statusCode: 409,
    description: 'File size exeeded for template type',
    result: {
      link: 'https://upload.wikimedia.org/wikipedia/commons/2/2d/Snake_River_%285mb%29.jpg',
      contentLength: 5245329,
      contentType: 'image/jpeg',
      templateType: 'IMAGE',
      maxFileSize: 2000000,
    },
  },
} as const;

const answer = (status: number, body: unknown, extra: { retryAfterMs?: number; location?: string } = {}) =>
  classifyCliengoAnswer({
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    retryAfterMs: extra.retryAfterMs,
    location: extra.location,
  });

describe('classifying Cliengo\u2019s answers (docs/contracts/providers/cliengo.md)', () => {
  it('takes SUCCESS as sent', () => {
    expect(answer(200, SEED.SUCCESS)).toEqual(ok(null));
  });

  it.each([
    [
      'INVALID_BODY',
      400,
      'rejected',
      'Cliengo answered HTTP 400 INVALID_BODY: Invalid body, query or params: "templateId" is required; "destination" is required; "params" is required',
    ],
    [
      'INVALID_CONTENT_LENGTH',
      400,
      'rejected',
      "Cliengo answered HTTP 400 INVALID_CONTENT_LENGTH: Cant get content-lenght header (the template's media link)",
    ],
    [
      'INVALID_CONTENT_TYPE',
      400,
      'rejected',
      "Cliengo answered HTTP 400 INVALID_CONTENT_TYPE: content-type does not match valid values. (the template's media link)",
    ],
    [
      'HEAD_METHOD_NOT_ALLOWED',
      400,
      'rejected',
      "Cliengo answered HTTP 400 HEAD_METHOD_NOT_ALLOWED: The link does not support method HEAD. (the template's media link)",
    ],
    [
      'UNAUTHORIZED',
      401,
      'unauthorized',
      'Cliengo answered HTTP 401 UNAUTHORIZED: Invalid ApiKey (check CLIENGO_API_KEY and CLIENGO_WEBSITE_ID)',
    ],
    [
      'NOT_FOUND',
      404,
      'template_rejected',
      'Cliengo answered HTTP 404 NOT_FOUND: Cant find requested template 5 for website 6377e1f22f9fc600267345c3 (check the template ids in CLIENGO_TEMPLATES)',
    ],
    [
      'FILE_SIZE_EXCEEDED',
      409,
      'rejected',
      "Cliengo answered HTTP 409 FILE_SIZE_EXCEEDED: File size exeeded for template type (the template's media link)",
    ],
  ] as const)('classifies %s (HTTP %i) as a permanent %s, with Cliengo\u2019s own words', (code, status, kind, message) => {
    expect(answer(status, SEED[code])).toEqual(err({ kind, retryable: false, message }));
  });

  it('calls an INVALID_BODY about the destination\u2019s value a bad recipient, and a missing one our own mistake', () => {
    const body = {
      ...SEED.INVALID_BODY,
      result: [
        {
          message: '"destination" with value "abc" fails to match the required pattern',
          path: ['destination'],
          type: 'string.pattern.base',
          context: {},
        },
      ],
    };
    expect(answer(400, body)).toMatchObject(err({ kind: 'invalid_recipient', retryable: false }));
    expect(answer(400, { ...SEED.INVALID_BODY, result: [SEED.INVALID_BODY.result[1]] })).toMatchObject(err({ kind: 'rejected' }));
  });

  it('trusts the code over the status, and the status when there is no code', () => {
    expect(answer(200, { ...SEED.NOT_FOUND, statusCode: 200 })).toMatchObject(err({ kind: 'template_rejected' }));
    expect(answer(401, 'Unauthorized')).toMatchObject(err({ kind: 'unauthorized', message: 'Cliengo answered HTTP 401: Unauthorized' }));
    expect(answer(400, { code: 'SOMETHING_NEW', description: 'new' })).toMatchObject(
      err({
        kind: 'rejected',
        message: 'Cliengo answered HTTP 400 SOMETHING_NEW: new',
      }),
    );
  });

  it('waits as long as a 429 asks (or a second), and retries 5xx, 408 and an unknown code on a 5xx', () => {
    expect(answer(429, 'Too Many Requests', { retryAfterMs: 7_000 })).toEqual(
      err({
        kind: 'rate_limited',
        retryable: true,
        retryAfterMs: 7_000,
        message: 'Cliengo answered HTTP 429: Too Many Requests',
      }),
    );
    expect(answer(429, '')).toMatchObject(
      err({
        kind: 'rate_limited',
        retryAfterMs: 1_000,
        message: 'Cliengo answered HTTP 429: (empty body)',
      }),
    );
    expect(answer(502, '<html><h1>502 Bad Gateway</h1></html>')).toMatchObject(err({ kind: 'unavailable', retryable: true }));
    expect(answer(503, '', { retryAfterMs: 30_000 })).toMatchObject(err({ kind: 'unavailable', retryAfterMs: 30_000 }));
    expect(answer(408, '')).toMatchObject(err({ kind: 'timeout', retryable: true }));
    expect(answer(500, { code: 'INTERNAL_ERROR', statusCode: 500 })).toMatchObject(err({ kind: 'unavailable', retryable: true }));
  });

  it('never counts a 200 without SUCCESS as sent, nor retries it (Cliengo may have sent it)', () => {
    expect(answer(200, '<html>Welcome to nginx</html>')).toEqual(
      err({
        kind: 'rejected',
        retryable: false,
        message: 'Cliengo answered HTTP 200 without its SUCCESS code: <html>Welcome to nginx</html>',
      }),
    );
    expect(answer(200, '')).toMatchObject(err({ kind: 'rejected' }));
  });

  it('says where a redirect points, since http may one day move to https', () => {
    expect(answer(301, '', { location: 'https://technical-solutions-api.cliengo.com/website/x/hsm/notifications' })).toEqual(
      err({
        kind: 'rejected',
        retryable: false,
        message:
          'Cliengo redirected the call (HTTP 301) to https://technical-solutions-api.cliengo.com/website/x/hsm/notifications: set CLIENGO_BASE_URL to the new address',
      }),
    );
  });

  it('refuses other 4xx permanently', () => {
    expect(answer(413, 'Payload Too Large')).toMatchObject(err({ kind: 'rejected', retryable: false }));
    expect(answer(403, 'Forbidden')).toMatchObject(err({ kind: 'unauthorized', retryable: false }));
  });
});
