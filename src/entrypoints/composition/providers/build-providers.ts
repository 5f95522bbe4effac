import { resolve } from 'node:path';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ClientDirectory } from '../../../application/ports/client-directory.port.ts';
import type { ConversationWindows } from '../../../application/ports/conversation-windows.port.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { OutboxReader } from '../../../application/ports/outbox.port.ts';
import type { ReceiptSource } from '../../../application/ports/receipt-source.port.ts';
import type { ReplyPort } from '../../../application/ports/reply.port.ts';
import { ClientProviderOverrides } from '../../../application/services/client-provider-overrides.ts';
import { PacedMessaging } from '../../../application/services/paced-messaging.ts';
import { ProviderRouter } from '../../../application/services/provider-router.ts';
import { ResilientMessaging } from '../../../application/services/resilient-messaging.ts';
import type { AppConfig } from '../load-config.ts';
import type { ProviderId, ProviderSettingsOf } from './provider-catalog.ts';
import { PROVIDER_IDS } from './provider-ids.ts';
import type { ProviderFactory, ProviderInstance, ProviderRuntime } from './provider-instance.ts';
import { pacingOf, PROVIDER_RUNTIME } from './provider-runtime.ts';

export interface BuiltProviders {
  /** What the core sends through: the router over every provider in use. */
  readonly messaging: MessagingPort;
  /** Each provider in use by id, paced and resilient, without the router: for notices that pick their provider. */
  readonly byProvider: ReadonlyMap<string, MessagingPort>;
  readonly outbox: OutboxReader | null;
  readonly receiptSources: ReadonlyMap<string, ReceiptSource>;
  readonly replyPorts: ReadonlyMap<string, ReplyPort>;
  close(): void;
}

/** A provider in use whose adapter is imported: its settings, and how to build it from them. */
interface LoadedProvider {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly build: (runtime: ProviderRuntime) => ProviderInstance;
}

/** The providers the configuration uses, their adapters imported side by side; the others are never read. */
export async function loadProviders(config: AppConfig): Promise<ReadonlyMap<ProviderId, LoadedProvider>> {
  const loaded = await Promise.all(PROVIDER_IDS.map(async (id) => [id, await loadProvider(id, config.providers[id])] as const));
  return new Map(loaded.filter((entry): entry is readonly [ProviderId, LoadedProvider] => entry[1] !== undefined));
}

/** The catalog seen per id, so that a provider's factory is typed by that same provider's settings. */
const CATALOG_BY_ID: { readonly [Id in ProviderId]: { readonly create: () => Promise<ProviderFactory<ProviderSettingsOf<Id>>> } } =
  PROVIDER_RUNTIME;

async function loadProvider<Id extends ProviderId>(
  id: Id,
  settings: (ProviderSettingsOf<Id> & Readonly<Record<string, unknown>>) | undefined,
): Promise<LoadedProvider | undefined> {
  if (settings === undefined) return undefined;
  const create = await CATALOG_BY_ID[id].create();
  return { settings, build: (runtime) => create(settings, runtime) };
}

/**
 * Builds each provider in use from its validated settings, and wraps it: its pace (per provider and per
 * recipient), then retries and a circuit breaker; the router on top picks the provider of each message
 * and hands over to the fallback.
 */
export function buildProviders(
  providers: ReadonlyMap<ProviderId, LoadedProvider>,
  config: AppConfig,
  clock: Clock,
  logger: Logger,
  directory: ClientDirectory,
  stores: { readonly windows: ConversationWindows; readonly alerts: OperatorAlerts },
): BuiltProviders {
  const instances = new Map<ProviderId, ProviderInstance>();
  const ports = new Map<string, MessagingPort>();
  for (const [id, provider] of providers) {
    const pacing = pacingOf(id, provider.settings);
    const log = logger.child({ provider: id });
    const instance = provider.build({
      dataDir: resolve(config.DATA_DIR),
      timeoutMs: pacing.timeoutMs,
      clock,
      logger: log,
      windows: stores.windows,
      alerts: stores.alerts,
    });
    instances.set(id, instance);
    const paced = new PacedMessaging(instance.messaging, clock, {
      minIntervalMs: pacing.minIntervalMs,
      jitterMs: pacing.jitterMs,
      recipientSpacingMs: Math.max(config.WHATSAPP_RECIPIENT_SPACING_MS, pacing.recipientSpacingMs),
      random: Math.random,
    });
    ports.set(id, new ResilientMessaging(paced, config, log, clock, Math.random));
  }
  const overrides = new ClientProviderOverrides(directory, config.WHATSAPP_CLIENT_PROVIDERS, clock);
  const messaging = new ProviderRouter({
    providers: ports,
    primary: config.WHATSAPP_PROVIDER,
    fallback: config.WHATSAPP_FALLBACK_PROVIDER ?? null,
    providerFor: (clientId) => overrides.providerFor(clientId),
    logger,
  });
  const receiptSources = new Map<string, ReceiptSource>();
  for (const [id, instance] of instances) if (instance.receipts !== undefined) receiptSources.set(id, instance.receipts);
  const replyPorts = new Map<string, ReplyPort>();
  for (const [id, instance] of instances) if (instance.replies !== undefined) replyPorts.set(id, instance.replies);
  return {
    messaging,
    replyPorts,
    byProvider: ports,
    outbox: [...instances.values()].find((instance) => instance.outbox !== undefined)?.outbox ?? null,
    receiptSources,
    close: () => {
      for (const instance of instances.values()) instance.close?.();
    },
  };
}
