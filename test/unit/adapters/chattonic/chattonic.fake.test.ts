import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../../src/adapters/chattonic/chattonic.campaign.ts';
import { startChattonicFake } from '../../../support/fakes/chattonic.fake.ts';

/** The fake decodes campaign uploads with a real multipart parser, so a malformed upload cannot pass. */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const entry = {
  phone: '+50688888888',
  namespace: '',
  elementName: 'alerta_noticia',
  languageCode: 'es',
  languagePolicy: 'DETERMINISTIC',
  flag: 'd1',
  parameters: ['T', 'L'],
};

async function upload(form: { body: Buffer | string; contentType: string }) {
  const started = await startChattonicFake();
  closers.push(started.close);
  const { env } = started;
  const response = await request(
    `${env.CHATTONIC_BASE_URL}/${env.CHATTONIC_APP_CODENAME}/hsm/campaign/upload?platform=${env.CHATTONIC_PLATFORM}&accountId=${env.CHATTONIC_ACCOUNT_ID}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${env.CHATTONIC_TOKEN}`, 'content-type': form.contentType },
      body: form.body,
    },
  );
  return { status: response.statusCode, body: await response.body.json(), fake: started.fake };
}

describe('the Chat-Tonic fake\u2019s campaign upload', () => {
  it('takes a JSON file in field upload', async () => {
    const answer = await upload(
      multipartBody({ field: 'upload', name: 'Alerta-08-05-2020.json', type: 'application/json', content: JSON.stringify([entry]) }),
    );
    expect(answer.status).toBe(200);
    expect(answer.fake.campaigns()[0]).toMatchObject({ fileName: 'Alerta-08-05-2020.json', entries: [entry] });
  });

  it.each([
    [
      'another field name',
      multipartBody({ field: 'file', name: 'c.json', type: 'application/json', content: JSON.stringify([entry]) }),
      '"upload" must carry the campaign file',
    ],
    [
      'a JSON body instead of a form',
      { body: JSON.stringify([entry]), contentType: 'application/json' },
      'the campaign must be uploaded as multipart/form-data',
    ],
    [
      'an unsupported file type',
      multipartBody({ field: 'upload', name: 'c.txt', type: 'text/plain', content: 'x' }),
      'supported files: XLS, CSV, JSON, or them in ZIP, GZ, TAR',
    ],
    [
      'a line without DETERMINISTIC',
      multipartBody({
        field: 'upload',
        name: 'c.json',
        type: 'application/json',
        content: JSON.stringify([{ ...entry, languagePolicy: 'FALLBACK' }]),
      }),
      'line 1: "languagePolicy" must be DETERMINISTIC',
    ],
    ['a broken boundary', { body: '--x\r\nnot a part', contentType: 'multipart/form-data; boundary=y' }, 'malformed multipart body'],
  ] as const)('refuses %s', async (_what, form, message) => {
    const answer = await upload(form);
    expect(answer).toMatchObject({ status: 400, body: { message } });
    expect(answer.fake.accepted()).toEqual([]);
  });
});
