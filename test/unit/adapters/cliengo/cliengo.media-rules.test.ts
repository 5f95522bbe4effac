import { describe, expect, it } from 'vitest';
import { judgeMediaHead, MEDIA_RULES } from '../../../../src/adapters/cliengo/cliengo.media-rules.ts';

const head = (contentType: string | undefined, contentLength: string | undefined, status = 200) => ({ status, contentType, contentLength });

describe('Cliengo\u2019s media link rules (docs/contracts/providers/cliengo.md)', () => {
  it('allows each type\u2019s content-types up to its maximum size', () => {
    expect(judgeMediaHead(MEDIA_RULES.image, head('image/jpeg', '2000000'))).toBeNull();
    expect(judgeMediaHead(MEDIA_RULES.image, head('IMAGE/PNG; charset=binary', '10'))).toBeNull();
    expect(judgeMediaHead(MEDIA_RULES.video, head('audio/mpeg', '20000000'))).toBeNull();
    expect(judgeMediaHead(MEDIA_RULES.video, head('video/mp4', '1570024'))).toBeNull();
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '1'))).toBeNull();
    expect(
      judgeMediaHead(MEDIA_RULES.document, head('application/vnd.openxmlformats-officedocument.wordprocessingml.document', '1')),
    ).toBeNull();
  });

  it('refuses one byte over the maximum as FILE_SIZE_EXCEEDED', () => {
    expect(judgeMediaHead(MEDIA_RULES.image, head('image/png', '2000001'))?.code).toBe('FILE_SIZE_EXCEEDED');
    expect(judgeMediaHead(MEDIA_RULES.video, head('video/mp4', '20000001'))?.code).toBe('FILE_SIZE_EXCEEDED');
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/pdf', '5245329'))?.code).toBe('FILE_SIZE_EXCEEDED');
  });

  it('refuses a type not allowed for the template, or none, as INVALID_CONTENT_TYPE', () => {
    expect(judgeMediaHead(MEDIA_RULES.image, head('video/mp4', '1570024'))).toEqual({
      code: 'INVALID_CONTENT_TYPE',
      reason: 'content-type video/mp4 is not one of image/jpeg, image/png for an IMAGE template',
    });
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/msword', '10'))?.code).toBe('INVALID_CONTENT_TYPE');
    expect(judgeMediaHead(MEDIA_RULES.image, head(undefined, '10'))?.code).toBe('INVALID_CONTENT_TYPE');
  });

  it('refuses a missing or unreadable content-length as INVALID_CONTENT_LENGTH', () => {
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/pdf', undefined))?.code).toBe('INVALID_CONTENT_LENGTH');
    expect(judgeMediaHead(MEDIA_RULES.document, head('application/pdf', 'many'))?.code).toBe('INVALID_CONTENT_LENGTH');
  });

  it('refuses a link whose HEAD is not a 2xx, redirects included, as HEAD_METHOD_NOT_ALLOWED', () => {
    for (const status of [302, 404, 405])
      expect(judgeMediaHead(MEDIA_RULES.image, head('image/png', '10', status))?.code).toBe('HEAD_METHOD_NOT_ALLOWED');
  });
});
