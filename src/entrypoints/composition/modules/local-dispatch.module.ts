import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { InProcessDispatchSignal } from '../../../adapters/in-process/dispatch-signal.adapter.ts';
import type { ServiceMap } from '../service-map.ts';

/** In the server the ledger is the dispatch queue; publishing wakes the in-process dispatcher. */
export const localDispatchModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind }) => {
    bind('dispatchSignal').toConstantValue(new InProcessDispatchSignal());
    bind('dispatchQueue').toService('dispatchSignal');
  });
