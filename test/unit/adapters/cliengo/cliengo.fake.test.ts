import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliengoFake, type CliengoFake } from '../../../support/fakes/cliengo.fake.ts';

/** The fake answers as docs/contracts/providers/cliengo.md shows, so what the adapter is tested against is Cliengo's documented contract. */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function post(body: object | ((fake: CliengoFake) => object), headers: Record<string, string> = {}) {
  const started = await startCliengoFake();
  closers.push(started.close);
  const { env, fake } = started;
  const response = await request(`${env.CLIENGO_BASE_URL}/website/${env.CLIENGO_WEBSITE_ID}/hsm/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', apikey: env.CLIENGO_API_KEY, ...headers },
    body: JSON.stringify(typeof body === 'function' ? body(fake) : body),
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown>, fake };
}

describe('the Cliengo fake', () => {
  it('lists every missing field at once, as the article\u2019s INVALID_BODY', async () => {
    expect(await post({})).toMatchObject({
      status: 400,
      body: {
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
    });
  });

  it('answers SUCCESS without a message id, and takes the template id as a number too', async () => {
    expect(await post({ templateId: 104, destination: '542994231917', params: { titulo: 'T', link: 'L' } })).toMatchObject({
      status: 200,
      body: {
        code: 'SUCCESS',
        statusCode: 200,
        description: 'Resource successfully created',
        result: 'HSM notification sent to 542994231917.',
      },
    });
  });

  it('refuses a wrong apikey, an unknown template and unknown fields as Cliengo does', async () => {
    const notification = { templateId: '104', destination: '542994231917', params: { titulo: 'T', link: 'L' } };
    expect(await post(notification, { apikey: 'nope' })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHORIZED', statusCode: 401, description: 'Invalid ApiKey', result: { websiteId: '64652663e65219005dc61bd6' } },
    });
    expect(await post({ ...notification, templateId: '5' })).toMatchObject({
      status: 404,
      body: {
        code: 'NOT_FOUND',
        description: 'Cant find requested template 5 for website 64652663e65219005dc61bd6',
        result: { templateId: '5' },
      },
    });
    expect(await post({ ...notification, text: 'hola' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_BODY', result: [{ message: '"text" is not allowed' }] },
    });
  });

  it.each([
    [
      'foto-grande.jpg',
      409,
      {
        code: 'FILE_SIZE_EXCEEDED',
        description: 'File size exeeded for template type',
        result: { contentLength: 5245329, contentType: 'image/jpeg', templateType: 'IMAGE', maxFileSize: 2000000 },
      },
    ],
    [
      'clip.mp4',
      400,
      {
        code: 'INVALID_CONTENT_TYPE',
        result: { contentLength: 1570024, contentType: 'video/mp4', templateType: 'IMAGE', allowedMimeTypes: ['image/png', 'image/jpeg'] },
      },
    ],
    ['redirige.png', 400, { code: 'HEAD_METHOD_NOT_ALLOWED', description: 'The link does not support method HEAD.' }],
    ['sin-head.png', 400, { code: 'HEAD_METHOD_NOT_ALLOWED' }],
  ] as const)('checks the media link %s by HEAD before sending', async (file, status, body) => {
    const answer = await post((fake: CliengoFake) => ({
      templateId: '201',
      destination: '542994231917',
      params: { titulo: 'T' },
      media: { link: fake.mediaUrl(file) },
    }));
    expect(answer).toMatchObject({
      status,
      body: { ...body, statusCode: status, result: { ...('result' in body ? body.result : {}), link: answer.fake.mediaUrl(file) } },
    });
    expect(answer.fake.accepted()).toEqual([]);
  });

  it('refuses a document without content-length', async () => {
    const answer = await post((fake: CliengoFake) => ({
      templateId: '203',
      destination: '542994231917',
      params: { titulo: 'T' },
      media: { link: fake.mediaUrl('sin-largo.pdf'), filename: 'Informe' },
    }));
    expect(answer.body).toMatchObject({
      code: 'INVALID_CONTENT_LENGTH',
      description: 'Cant get content-lenght header',
      result: { contentLength: null, contentType: 'application/pdf', templateType: 'DOCUMENT', maxFileSize: 2000000 },
    });
  });
});
