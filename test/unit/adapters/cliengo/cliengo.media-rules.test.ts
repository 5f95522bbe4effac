import { describe, expect, it } from 'vitest';
import { judgeMediaHead, MEDIA_RULES } from '../../../../src/adapters/cliengo/cliengo.media-rules.ts';
import { err } from '../../../../src/domain/shared/result.ts';

const head = (contentType: string | undefined, contentLength: string | undefined, status = 200) => ({ status, contentType, contentLength });

describe('Cliengo\u2019s media link rules (docs/contracts/providers/cliengo.md)', () => {
  it('allows each type\u2019s content-types up to its maximum size', () => {
    expect(judgeMediaHead(MEDIA_RULES.image, head('image/jpeg', '2000000')).ok).toBe(true);
    expect(judgeMediaHead(MEDIA_RULES.image, head('IMAGE/PNG; charset=binary', '10')).ok).toBe(true);
    expect(judgeMediaHead(MEDIA_RULES.video, head('audio/mpeg', '20000000')).ok).toBe(true);
    expect(judgeMediaHead(MEDIA_RULES.video, head('video/mp4', '1570024')).ok).toBe(true);
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '1')).ok).toBe(
      true,
    );
    expect(
      judgeMediaHead(MEDIA_RULES.document, head('application/vnd.openxmlformats-officedocument.wordprocessingml.document', '1')).ok,
    ).toBe(true);
  });

  it('refuses one byte over the maximum as FILE_SIZE_EXCEEDED', () => {
    expect(judgeMediaHead(MEDIA_RULES.image, head('image/png', '2000001'))).toMatchObject(err({ code: 'FILE_SIZE_EXCEEDED' }));
    expect(judgeMediaHead(MEDIA_RULES.video, head('video/mp4', '20000001'))).toMatchObject(err({ code: 'FILE_SIZE_EXCEEDED' }));
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/pdf', '5245329'))).toMatchObject(err({ code: 'FILE_SIZE_EXCEEDED' }));
  });

  it('refuses a type not allowed for the template, or none, as INVALID_CONTENT_TYPE', () => {
    expect(judgeMediaHead(MEDIA_RULES.image, head('video/mp4', '1570024'))).toEqual(
      err({
        code: 'INVALID_CONTENT_TYPE',
        reason: 'content-type video/mp4 is not one of image/jpeg, image/png for an IMAGE template',
      }),
    );
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/msword', '10'))).toMatchObject(err({ code: 'INVALID_CONTENT_TYPE' }));
    expect(judgeMediaHead(MEDIA_RULES.image, head(undefined, '10'))).toMatchObject(err({ code: 'INVALID_CONTENT_TYPE' }));
  });

  it('refuses a missing or unreadable content-length as INVALID_CONTENT_LENGTH', () => {
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/pdf', undefined))).toMatchObject(err({ code: 'INVALID_CONTENT_LENGTH' }));
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/pdf', 'many'))).toMatchObject(err({ code: 'INVALID_CONTENT_LENGTH' }));
  });

  it('refuses a link whose HEAD is not a 2xx, redirects included, as HEAD_METHOD_NOT_ALLOWED', () => {
    for (const status of [302, 404, 405])
      expect(judgeMediaHead(MEDIA_RULES.image, head('image/png', '10', status))).toMatchObject(err({ code: 'HEAD_METHOD_NOT_ALLOWED' }));
  });
});
