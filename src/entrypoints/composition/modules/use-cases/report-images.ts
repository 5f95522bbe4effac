import { DEFAULT_ASSETS } from '../../../shared/default-assets.ts';
import type { AppConfig } from '../../load-config.ts';

/** The banner at the top of a report page: CVT's, or the one bundled with the service. */
export function headerImage(config: AppConfig): string {
  return config.REPORT_HEADER_IMAGE_URL ?? `${config.PUBLIC_MEDIA_BASE_URL}/${DEFAULT_ASSETS.header}`;
}

/** The link preview card; a header image set by CVT is its own preview until a card is set too. */
export function previewImage(config: AppConfig): string {
  if (config.REPORT_PREVIEW_IMAGE_URL !== undefined) return config.REPORT_PREVIEW_IMAGE_URL;
  return config.REPORT_HEADER_IMAGE_URL ?? `${config.PUBLIC_MEDIA_BASE_URL}/${DEFAULT_ASSETS.preview}`;
}
