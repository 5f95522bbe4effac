import type { TemplateMedia } from '../../domain/messages/job-templates.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { CliengoMediaCode } from './cliengo.errors.ts';

/**
 * What Cliengo requires of `media.link` (docs/contracts/providers/cliengo.md, "El media.link debe cumplir los siguientes
 * requisitos" and the Image / Video / Document cases): HEAD must be allowed, and it must answer a
 * content-type allowed for the template type and a content-length no larger than the type's maximum.
 */
export interface MediaRule {
  readonly templateType: 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  readonly mimeTypes: readonly string[];
  readonly maxBytes: number;
}

export const MEDIA_RULES: Readonly<Record<TemplateMedia['type'], MediaRule>> = {
  image: { templateType: 'IMAGE', mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 2_000_000 },
  // Cliengo lists audio/mpeg among the video template's types.
  video: { templateType: 'VIDEO', mimeTypes: ['audio/mpeg', 'video/mp4'], maxBytes: 20_000_000 },
  document: {
    templateType: 'DOCUMENT',
    mimeTypes: [
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    maxBytes: 2_000_000,
  },
};

/** What a HEAD on the link answered. */
export interface MediaHead {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly contentLength: string | undefined;
}

export interface MediaRefusal {
  readonly code: CliengoMediaCode;
  readonly reason: string;
}

/**
 * The check in the order Cliengo's examples suggest: the HEAD itself (a redirect counts as refused,
 * as for the article's https://picsum.photos/200, which redirects), then the type, then the length.
 * "menor al máximo" is read as at most the maximum: the article gives MaxFileSize as the limit.
 */
export function judgeMediaHead(rule: MediaRule, head: MediaHead): Result<MediaHead, MediaRefusal> {
  if (head.status < 200 || head.status >= 300) {
    return err({ code: 'HEAD_METHOD_NOT_ALLOWED', reason: `the link answered HEAD with HTTP ${head.status}` });
  }
  const mimeType = head.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mimeType === undefined || mimeType === '' || !rule.mimeTypes.includes(mimeType)) {
    return err({
      code: 'INVALID_CONTENT_TYPE',
      reason: `content-type ${mimeType || '(none)'} is not one of ${rule.mimeTypes.join(', ')} for an ${rule.templateType} template`,
    });
  }
  const length =
    head.contentLength !== undefined && /^\d+$/u.test(head.contentLength.trim()) ? Number(head.contentLength.trim()) : undefined;
  if (length === undefined) return err({ code: 'INVALID_CONTENT_LENGTH', reason: 'the link answers without a content-length header' });
  if (length > rule.maxBytes) {
    return err({
      code: 'FILE_SIZE_EXCEEDED',
      reason: `${length} bytes is over the ${rule.maxBytes} allowed for an ${rule.templateType} template`,
    });
  }
  return ok(head);
}
