import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { CheerioReportRenderer } from '../../../adapters/cheerio/cheerio.report-renderer.adapter.ts';
import { MeltwaterNewsletterSource } from '../../../adapters/meltwater/meltwater.newsletter-source.adapter.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';

/** Reading and writing report HTML, and downloading Meltwater's newsletters. */
export const htmlModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind }) => {
    bind('reportRenderer').toConstantValue(new CheerioReportRenderer());
    bind('newsletterSource')
      .toResolvedValue((config: AppConfig) => new MeltwaterNewsletterSource(config), ['config'])
      .inSingletonScope();
  });
