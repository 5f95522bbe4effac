import type { OfflineAlertEntry } from '../../domain/alerts/offline-alert.ts';
import { parseClientId } from '../../domain/clients/client-id.ts';
import { parseClientUser } from '../../domain/clients/client-user.ts';
import type { DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { noteLink, offlineAlertMessage } from '../../domain/messages/offline-alert.message.ts';
import type { RejectedUser } from '../../domain/clients/client-user.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { DeliveryIntake } from '../services/delivery-intake.ts';

export interface OfflineAlertsProcessed {
  readonly entries: number;
  readonly queued: number;
  readonly duplicates: number;
  /** Entries addressed to e-mail users, not ours. */
  readonly ignored: number;
  readonly rejected: readonly RejectedUser[];
  /** Push devices named by the entries, which this deployment does not serve. */
  readonly pushDevicesNotServed: number;
}

export interface ProcessOfflineAlertsDeps {
  readonly intake: DeliveryIntake;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
  readonly appBaseUrl: string;
}

/** Job 1.4: each entry whose `correo` is a WhatsApp id gets the note, once per recipient. */
export class ProcessOfflineAlerts {
  readonly #deps: ProcessOfflineAlertsDeps;

  constructor(deps: ProcessOfflineAlertsDeps) {
    this.#deps = deps;
  }

  async execute(entries: readonly OfflineAlertEntry[]): Promise<OfflineAlertsProcessed> {
    const log = this.#deps.logger.child({ job: 'offline-alert' });
    const requests: DeliveryRequest[] = [];
    const rejected: RejectedUser[] = [];
    let ignored = 0;
    for (const entry of entries) {
      const user = parseClientUser(entry.correo, this.#deps.defaultCountryCode);
      if (user.kind === 'whatsapp') {
        requests.push({
          job: 'offline-alert',
          eventKey: entry.nota,
          clientId: parseClientId(entry.cliente) ?? null,
          channel: 'whatsapp',
          recipient: user.phone,
          message: offlineAlertMessage(entry.titulo, noteLink(this.#deps.appBaseUrl, entry.nota)),
        });
      } else if (user.kind === 'invalid' && user.value.toLowerCase().endsWith('@c.us')) {
        rejected.push({ value: user.value, reason: user.reason });
      } else {
        ignored++;
      }
    }
    if (rejected.length > 0) log.warn('invalid WhatsApp recipients skipped', { rejected });
    const pushDevicesNotServed = entries.reduce((sum, entry) => sum + entry.onesignalDevices.length, 0);
    if (pushDevicesNotServed > 0) {
      // The old function also pushed to these devices; until push is configured they are reported, not dropped silently.
      log.warn('push notification devices not served: no push provider is configured', { devices: pushDevicesNotServed });
    }
    const outcome = await this.#deps.intake.submit(requests);
    log.info('offline alerts processed', { entries: entries.length, ignored, ...outcome });
    return { entries: entries.length, ignored, rejected, pushDevicesNotServed, ...outcome };
  }
}
