/**
 * The images the project ships under assets/ (CVT-neutral: no logo, no brand artwork), served by the
 * server at the same paths, and the defaults of REPORT_HEADER_IMAGE_URL, REPORT_FOOTER_IMAGE_URL and
 * REPORT_PREVIEW_IMAGE_URL under PUBLIC_MEDIA_BASE_URL. Where the media host is a bucket, assets/ is
 * copied to it (README, "Report pages").
 */
export const DEFAULT_ASSETS = {
  header: 'assets/cvt-header.png',
  footer: 'assets/cvt-footer.png',
  /** The link preview card (`og:image`), 1200 × 630 as WhatsApp and others show it. */
  preview: 'assets/cvt-preview.png',
} as const;
