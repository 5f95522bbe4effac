import type { AppConfig } from './load-config.ts';
import { coreModule, type CoreOptions } from './modules/core.module.ts';
import { persistenceModules } from './modules/families.ts';
import { noticesModule } from './modules/notices.module.ts';
import { useCasesModule } from './modules/use-cases.module.ts';
import type { ServiceMap } from './service-map.ts';
import { TypedContainer, type ContainerModule } from './typed-container.ts';

export type AppContainer = TypedContainer<ServiceMap>;

/**
 * What a container may leave out until something needs it, each imported on demand: report pages (their
 * store and the render pool), newsletters (Meltwater's downloads), sending (the WhatsApp providers and
 * push). The server and the worker take them all; a CLI command that lists clients takes none.
 */
export type ContainerPart = 'reports' | 'newsletters' | 'sending';
export const ALL_CONTAINER_PARTS: readonly ContainerPart[] = ['reports', 'newsletters', 'sending'];

export interface ContainerOptions extends CoreOptions {
  /** Every part unless told. */
  readonly parts?: readonly ContainerPart[];
}

/**
 * The composition root of the server, the worker and the CLI: every use case, with the adapters the
 * configuration chose. The Lambda functions have roots of their own, each loading only what it uses.
 */
export async function createContainer(config: AppConfig, options: ContainerOptions = {}): Promise<AppContainer> {
  const container = new TypedContainer<ServiceMap>();
  for (const module of [
    coreModule(config, options),
    ...(await persistenceModules(config)),
    useCasesModule(),
    noticesModule({ whatsapp: true }),
  ]) {
    container.load(module);
  }
  await addContainerParts(container, options.parts ?? ALL_CONTAINER_PARTS);
  return container;
}

const partsOf = new WeakMap<AppContainer, Set<ContainerPart>>();

/** Adds the parts a container does not have yet (a later CLI command may need more than the first). */
export async function addContainerParts(container: AppContainer, parts: readonly ContainerPart[]): Promise<void> {
  const loaded = partsOf.get(container) ?? new Set<ContainerPart>();
  partsOf.set(container, loaded);
  const missing = parts.filter((part) => !loaded.has(part));
  for (const part of missing) loaded.add(part);
  const config = container.get('config');
  for (const modules of await Promise.all(missing.map((part) => modulesOf(part, config)))) {
    for (const module of modules) container.load(module);
  }
}

async function modulesOf(part: ContainerPart, config: AppConfig): Promise<ContainerModule<ServiceMap>[]> {
  switch (part) {
    case 'reports': {
      const [{ reportStoreModule }, { rendererModule }] = await Promise.all([
        import('./modules/report-store-family.ts'),
        import('./modules/renderer.module.ts'),
      ]);
      return [await reportStoreModule(config), rendererModule()];
    }
    case 'newsletters':
      return [(await import('./modules/newsletter-source.module.ts')).newsletterSourceModule()];
    case 'sending': {
      const [{ messagingModule }, { pushModule }] = await Promise.all([
        import('./modules/messaging.module.ts'),
        import('./modules/push.module.ts'),
      ]);
      return [await messagingModule(config), await pushModule(config)];
    }
  }
}
