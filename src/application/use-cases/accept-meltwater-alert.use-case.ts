import { profileOf, type Client, type ClientProfile } from '../../domain/clients/client.ts';
import type { DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { mentionEventKey, toMention, type Mention, type RawMention } from '../../domain/meltwater/mention.ts';
import { meltwaterAlertMessage } from '../../domain/messages/meltwater-alert.message.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { ClientDirectory } from '../ports/client-directory.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { DeliveryIntake } from '../services/delivery-intake.ts';

export interface MeltwaterAlertAccepted {
  readonly accepted: number;
  readonly queued: number;
  readonly duplicates: number;
  readonly warning?: string;
}

/** One call would fan out to more deliveries than one call may create: refused whole. */
interface TooManyDeliveries {
  readonly kind: 'too_many_deliveries';
  readonly deliveries: number;
  readonly mentions: number;
  readonly contacts: number;
  readonly limit: number;
}

export type MeltwaterAlertRejection = 'no_mentions' | 'client_not_found' | TooManyDeliveries;

export interface AcceptMeltwaterAlertDeps {
  readonly directory: ClientDirectory;
  readonly intake: DeliveryIntake;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
  /** Deliveries one call may create (mentions × contacts). */
  readonly maxDeliveries: number;
}

/** Job 1.1: a Meltwater webhook call becomes one message per mention and WhatsApp contact of the client. */
export class AcceptMeltwaterAlert {
  readonly #deps: AcceptMeltwaterAlertDeps;
  /** Profiles by client object: a directory that keeps a client between lookups returns the same object. */
  readonly #profiles = new WeakMap<Client, ClientProfile>();

  constructor(deps: AcceptMeltwaterAlertDeps) {
    this.#deps = deps;
  }

  async execute(clientId: string, rawMentions: readonly RawMention[]): Promise<Result<MeltwaterAlertAccepted, MeltwaterAlertRejection>> {
    const mentions = meaningfulMentions(rawMentions);
    if (mentions.length === 0) return err('no_mentions');

    const client = await this.#deps.directory.get(clientId);
    if (client === undefined) return err('client_not_found');
    const profile = this.#profileOf(client);
    if (profile.rejected.length > 0) {
      this.#deps.logger.warn('client has invalid users; they are skipped', { clientId, rejected: profile.rejected });
    }
    if (profile.contacts.length === 0) {
      return ok({ accepted: mentions.length, queued: 0, duplicates: 0, warning: 'El cliente no tiene contactos de WhatsApp.' });
    }

    const deliveries = mentions.length * profile.contacts.length;
    if (deliveries > this.#deps.maxDeliveries) {
      this.#deps.logger.warn('webhook call refused: too many deliveries', { clientId, mentions: mentions.length, deliveries });
      return err({
        kind: 'too_many_deliveries',
        deliveries,
        mentions: mentions.length,
        contacts: profile.contacts.length,
        limit: this.#deps.maxDeliveries,
      });
    }

    const requests: DeliveryRequest[] = mentions.flatMap((mention) => {
      const message = meltwaterAlertMessage(mention, client.name);
      const eventKey = mentionEventKey(mention);
      return profile.contacts.map((contact) => ({
        job: 'meltwater-alert' as const,
        eventKey,
        clientId,
        channel: 'whatsapp' as const,
        recipient: contact.phone,
        message,
      }));
    });
    const outcome = await this.#deps.intake.submit(requests);
    return ok({ accepted: mentions.length, ...outcome });
  }

  #profileOf(client: Client): ClientProfile {
    let profile = this.#profiles.get(client);
    if (profile === undefined) {
      profile = profileOf(client, this.#deps.defaultCountryCode);
      this.#profiles.set(client, profile);
    }
    return profile;
  }
}

function meaningfulMentions(rawMentions: readonly RawMention[]): Mention[] {
  return rawMentions.map(toMention).filter((mention): mention is Mention => mention !== undefined);
}
