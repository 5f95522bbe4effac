import type { Suppression } from '../../application/ports/suppression-list.port.ts';
import type { ClientProfile } from '../../domain/clients/client.ts';
import type { Delivery } from '../../domain/deliveries/delivery.ts';
import type { DeliveryEvent } from '../../domain/deliveries/delivery-event.ts';
import { maskPhone, maskPhonesInText } from '../../domain/phone/masking.ts';

/** A client as the admin API shows it (docs/contracts/product.md §7): contacts masked, invalid users with their reason. */
export function presentClient(profile: ClientProfile): Record<string, unknown> {
  return {
    id: profile.id,
    name: profile.name,
    contacts: profile.contacts.map((contact) => ({ phone: maskPhone(contact.phone) })),
    meltwaterDistributionIds: profile.meltwaterDistributionIds,
    rejected: profile.rejected.map((user) => ({ value: maskPhonesInText(user.value), reason: user.reason })),
    ...(profile.provider === null ? {} : { provider: profile.provider }),
  };
}

/** How a delivery filed under no client is shown. */
const UNKNOWN_CLIENT = 'unknown';

export function presentDelivery(delivery: Delivery): Record<string, unknown> {
  return {
    id: delivery.id,
    job: delivery.job,
    eventKey: delivery.eventKey,
    // Offline reports name recipients, not clients: a number no single client has is filed under no client.
    clientId: delivery.clientId ?? UNKNOWN_CLIENT,
    recipient: maskPhone(delivery.recipient),
    provider: delivery.provider,
    providerMessageId: delivery.providerMessageId === null ? null : maskPhonesInText(delivery.providerMessageId),
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError === null ? null : maskPhonesInText(delivery.lastError),
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

/** `GET /api/deliveries/:id`: the delivery as the list shows it, and its history, oldest first, phones masked. */
export function presentDeliveryHistory(delivery: Delivery, events: readonly DeliveryEvent[]): Record<string, unknown> {
  return {
    ...presentDelivery(delivery),
    events: events.map((event) => ({ at: event.at.toISOString(), type: event.type, detail: maskPhonesInText(event.detail) })),
  };
}

/** A suppressed number as the API and the CLI show it: masked, with when and how it was added. */
export function presentSuppression(suppression: Suppression): Record<string, unknown> {
  return {
    phone: maskPhone(suppression.phone),
    since: suppression.since.toISOString(),
    source: suppression.source,
    provider: suppression.provider,
  };
}
