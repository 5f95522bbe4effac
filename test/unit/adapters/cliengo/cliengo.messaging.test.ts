import { afterEach, describe, expect, it } from 'vitest';
import { cliengoConfigSchema } from '../../../../src/adapters/cliengo/cliengo.config.ts';
import { MEDIA_VERDICT_TTL_MS } from '../../../../src/adapters/cliengo/cliengo.media-check.ts';
import { CliengoMessaging } from '../../../../src/adapters/cliengo/cliengo.messaging.adapter.ts';
import type { JobTemplate, TemplateMedia } from '../../../../src/domain/messages/job-templates.ts';
import { contractMessage } from '../../../contract/messaging.contract.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import {
  CLIENGO_CONTRACT_TEMPLATES,
  startCliengoFake,
  type CliengoFake,
  type CliengoFakeMediaFile,
} from '../../../support/fakes/cliengo.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * The adapter against the fake, which also hosts the media files. The offline-report template is given
 * parsed, since the fake serves its media over http and the setting accepts https links only.
 */
async function cliengo(offlineReportOf?: (fake: CliengoFake) => JobTemplate, env: Record<string, string> = {}) {
  const started = await startCliengoFake({
    templates: [...CLIENGO_CONTRACT_TEMPLATES, { id: '300', name: 'aviso_fijo', type: 'TEXT', variables: [] }],
  });
  closers.push(started.close);
  const base = cliengoConfigSchema.parse({ ...started.env, ...env });
  const offlineReport = offlineReportOf?.(started.fake);
  const settings = {
    ...base,
    CLIENGO_TEMPLATES: { ...base.CLIENGO_TEMPLATES, ...(offlineReport === undefined ? {} : { 'offline-report': offlineReport }) },
  };
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  return { ...started, port: new CliengoMessaging(settings, { timeoutMs: 1_000, clock, logger }), clock, logger };
}

const report = (
  variables = { subject: 'Informe matutino', titulo: 'Informe matutino', link: 'https://media.controles.co.cr/informes/a.html' },
) => contractMessage({ job: 'offline-report', variables });

describe('CliengoMessaging', () => {
  it('posts the notification of docs/contracts/providers/cliengo.md: templateId as a string, destination digits, named params, the apikey header', async () => {
    const { port, fake } = await cliengo();
    const sent = await port.send(contractMessage({ to: '+50670001234', variables: { titulo: 'Título', link: 'https://x.cr/n' } }));
    expect(sent).toEqual({ ok: true, value: { provider: 'cliengo', providerMessageId: null } });
    // The fake refuses unknown keys, a wrong apikey or website, as Cliengo's Joi validation and auth would.
    expect(fake.notifications()).toEqual([
      { templateId: '104', destination: '50670001234', params: { titulo: 'Título', link: 'https://x.cr/n' } },
    ]);
  });

  it('sends params as {} for a template without variables ("Debe enviarse vacío")', async () => {
    const { port, fake } = await cliengo(() => ({ template: '300', language: 'es', params: {} }));
    expect((await port.send(report())).ok).toBe(true);
    expect(fake.notifications()[0]!.params).toEqual({});
  });

  it('refuses with Cliengo\u2019s UNAUTHORIZED for a wrong key, without the key', async () => {
    const { port } = await cliengo(undefined, { CLIENGO_API_KEY: 'wrong-key-0123456789' });
    const sent = await port.send(contractMessage());
    expect(sent).toEqual({
      ok: false,
      error: {
        kind: 'unauthorized',
        retryable: false,
        provider: 'cliengo',
        message: 'Cliengo answered HTTP 401 UNAUTHORIZED: Invalid ApiKey (check CLIENGO_API_KEY and CLIENGO_WEBSITE_ID)',
      },
    });
  });

  it('names the unknown template id from Cliengo\u2019s NOT_FOUND', async () => {
    const { port } = await cliengo(() => ({ template: '999', language: 'es', params: { subject: 'subject' } }));
    expect(await port.send(report())).toMatchObject({
      ok: false,
      error: {
        kind: 'template_rejected',
        retryable: false,
        message: expect.stringContaining('Cant find requested template 999 for website 64652663e65219005dc61bd6'),
      },
    });
  });

  it('is retryable when Cliengo cannot be reached', async () => {
    const { port, close } = await cliengo();
    await close();
    expect(await port.send(contractMessage())).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('could not reach Cliengo') },
    });
  });

  it('is always ready: Cliengo has no session API', async () => {
    const { port } = await cliengo();
    expect(await port.session()).toEqual({ ready: true, detail: expect.stringContaining('no session') });
  });
});

describe('CliengoMessaging with a media template', () => {
  const withMedia =
    (type: TemplateMedia['type'], file: CliengoFakeMediaFile, options: { templateId?: string; query?: string } = {}) =>
    (fake: CliengoFake): JobTemplate => ({
      template: options.templateId ?? { image: '201', video: '202', document: '203' }[type],
      language: 'es',
      params: { titulo: 'titulo' },
      media: { type, link: fake.mediaUrl(file, options.query), filename: 'Informe CVT' },
    });
  /** Who asked for media: `other` is the adapter's own check, `cliengo` the provider's. */
  const askedBy = (fake: CliengoFake) => fake.mediaRequests().map((request) => `${request.method} ${request.file} ${request.by}`);

  it.each([
    ['image', 'logo.png'],
    ['video', 'clip.mp4'],
    ['document', 'informe.pdf'],
  ] as const)('sends a %s link that passes the checks, with media {link, filename}', async (type, file) => {
    const { port, fake } = await cliengo(withMedia(type, file));
    expect(await port.send(report())).toEqual({ ok: true, value: { provider: 'cliengo', providerMessageId: null } });
    expect(fake.notifications()[0]!.media).toEqual({ link: fake.mediaUrl(file), filename: 'Informe CVT' });
    expect(askedBy(fake)).toEqual([`HEAD ${file} other`, `HEAD ${file} cliengo`]);
    expect(fake.accepted()).toHaveLength(1);
  });

  it.each([
    ['image', 'foto-grande.jpg', 'FILE_SIZE_EXCEEDED', '5245329 bytes is over the 2000000 allowed for an IMAGE template'],
    ['image', 'clip.mp4', 'INVALID_CONTENT_TYPE', 'content-type video/mp4 is not one of image/jpeg, image/png for an IMAGE template'],
    ['document', 'sin-largo.pdf', 'INVALID_CONTENT_LENGTH', 'the link answers without a content-length header'],
    ['image', 'sin-head.png', 'HEAD_METHOD_NOT_ALLOWED', 'the link answered HEAD with HTTP 405'],
    ['image', 'redirige.png', 'HEAD_METHOD_NOT_ALLOWED', 'the link answered HEAD with HTTP 302'],
  ] as const)('refuses a %s link %s before sending anything, as Cliengo\u2019s %s', async (type, file, code, reason) => {
    const { port, fake } = await cliengo(withMedia(type, file));
    expect(await port.send(report())).toEqual({
      ok: false,
      error: {
        kind: 'rejected',
        retryable: false,
        provider: 'cliengo',
        message: `media link refused before sending, as Cliengo would (${code}): ${reason} (${fake.mediaUrl(file)})`,
      },
    });
    expect(fake.calls()).toBe(0);
  });

  it('asks once per link for a few minutes, even for concurrent sends, then asks again', async () => {
    const { port, fake, clock } = await cliengo(withMedia('image', 'foto-grande.jpg'));
    await Promise.all([port.send(report()), port.send(report()), port.send(report())]);
    await port.send(report());
    expect(askedBy(fake)).toEqual(['HEAD foto-grande.jpg other']);
    clock.advance(MEDIA_VERDICT_TTL_MS + 1);
    await port.send(report());
    expect(askedBy(fake)).toEqual(['HEAD foto-grande.jpg other', 'HEAD foto-grande.jpg other']);
  });

  it('remembers a good link too, while Cliengo checks it on its side each time', async () => {
    const { port, fake } = await cliengo(withMedia('image', 'logo.png'));
    for (let i = 0; i < 3; i++) expect((await port.send(report())).ok).toBe(true);
    expect(askedBy(fake).filter((line) => line.endsWith('other'))).toHaveLength(1);
    expect(askedBy(fake).filter((line) => line.endsWith('cliengo'))).toHaveLength(3);
  });

  it('retries a link that does not answer, and remembers nothing about it', async () => {
    const { port, fake } = await cliengo(withMedia('image', 'caido.png'));
    expect(await port.send(report())).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true } });
    expect(await port.send(report())).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(askedBy(fake)).toEqual(['HEAD caido.png other', 'HEAD caido.png other']);
    expect(fake.calls()).toBe(0);
  });

  it('never shows the query of a signed link', async () => {
    const { port, logger } = await cliengo(withMedia('image', 'foto-grande.jpg', { query: 'X-Amz-Signature=s3cr3t-signature' }));
    const sent = await port.send(report());
    expect(sent).toMatchObject({ ok: false, error: { message: expect.stringContaining('FILE_SIZE_EXCEEDED') } });
    expect(JSON.stringify(sent)).not.toContain('s3cr3t-signature');
    expect(JSON.stringify(logger.lines)).not.toContain('s3cr3t-signature');
  });

  it('classifies Cliengo\u2019s own refusal of a link that passed our check (its template is of another type)', async () => {
    const { port, fake } = await cliengo(withMedia('image', 'logo.png', { templateId: '202' }));
    expect(await port.send(report())).toMatchObject({
      ok: false,
      error: {
        kind: 'rejected',
        retryable: false,
        message: expect.stringContaining('HTTP 400 INVALID_CONTENT_TYPE: content-type does not match valid values.'),
      },
    });
    expect(askedBy(fake)).toEqual(['HEAD logo.png other', 'HEAD logo.png cliengo']);
  });
});
