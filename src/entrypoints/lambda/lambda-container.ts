import type { AppContainer } from '../composition/container.ts';
import { ConfigError, loadConfig, type AppConfig } from '../composition/load-config.ts';
import { coreModule } from '../composition/modules/core.module.ts';
import { noticesModule } from '../composition/modules/notices.module.ts';
import type { SettingName } from '../composition/config.schema.ts';
import { EVERY_FUNCTION } from './lambda-settings.ts';
import type { ServiceMap } from '../composition/service-map.ts';
import { TypedContainer, type ContainerModule } from '../composition/typed-container.ts';

export interface LambdaComposition {
  /** Whether this function sends, and so needs the providers' settings. */
  readonly providers: boolean;
  /**
   * The settings it reads beyond {@link EVERY_FUNCTION}'s, checked at start; any other is checked if it is
   * ever read (a cold start builds the schema of each setting it checks).
   */
  readonly settings: readonly SettingName[];
  /**
   * The adapter families this function uses; what it does not import is not in its bundle, and what the
   * configuration does not choose (families.ts imports it on demand) is never read.
   */
  readonly modules: (config: AppConfig) => Promise<ContainerModule<ServiceMap>[]>;
}

/**
 * One container per Lambda instance, built on the first invocation and reused by the next ones (the
 * MongoDB connection and the SDK clients with it). A bad configuration fails every invocation with the
 * same clear message rather than a half-built container.
 */
export function lambdaContainer(composition: LambdaComposition): () => Promise<AppContainer> {
  let built: Promise<AppContainer> | undefined;
  return () => {
    // A failed build is not kept: the next invocation tries again (and fails with the same message).
    built ??= build(composition).catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

async function build(composition: LambdaComposition): Promise<AppContainer> {
  const config = await loadConfig(undefined, { providers: composition.providers, settings: [...EVERY_FUNCTION, ...composition.settings] });
  if (config.QUEUE !== 'sqs' || config.sqs.SQS_DISPATCH_URL === undefined) {
    throw new ConfigError([
      'QUEUE and SQS_DISPATCH_URL: Lambda functions hand deliveries over through SQS; set QUEUE=sqs and SQS_DISPATCH_URL',
    ]);
  }
  const container = new TypedContainer<ServiceMap>();
  container.load(coreModule(config));
  // A function keeps its notices' state only while its instance lives; WhatsApp notices need the
  // providers, which most functions do not carry, so functions notify through the webhook only.
  container.load(noticesModule({ whatsapp: false }));
  for (const module of await composition.modules(config)) container.load(module);
  return container;
}
