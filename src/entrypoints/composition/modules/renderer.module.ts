import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { CheerioReportRenderer } from '../../../adapters/cheerio/cheerio.report-renderer.adapter.ts';
import type { ServiceMap } from '../service-map.ts';

/** Reading newsletters and writing report pages (cheerio). */
export const rendererModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind }) => {
    bind('reportRenderer').toConstantValue(new CheerioReportRenderer());
  });
