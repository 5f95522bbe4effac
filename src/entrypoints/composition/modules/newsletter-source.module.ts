import { MeltwaterNewsletterSource } from '../../../adapters/meltwater/meltwater.newsletter-source.adapter.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/** Downloading Meltwater's published newsletters. */
export const newsletterSourceModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('newsletterSource').toResolvedValue((config: AppConfig) => new MeltwaterNewsletterSource(config), ['config']);
  };
