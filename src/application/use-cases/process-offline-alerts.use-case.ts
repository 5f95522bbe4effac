import type { OfflineAlertEntry } from '../../domain/alerts/offline-alert.ts';
import { parseClientId } from '../../domain/clients/client-id.ts';
import { parseClientUser } from '../../domain/clients/client-user.ts';
import type { DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { noteLink, notePushTarget, offlineAlertMessage, offlineAlertPush } from '../../domain/messages/offline-alert.message.ts';
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
  /** Push notifications queued for the entries' `onesignalDevices`. */
  readonly pushQueued: number;
  /** Push devices named by the entries, which this deployment does not serve (push is not configured). */
  readonly pushDevicesNotServed: number;
}

export interface ProcessOfflineAlertsDeps {
  readonly intake: DeliveryIntake;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
  readonly appBaseUrl: string;
  /** Whether push notifications are configured; without them devices are reported, never dropped silently. */
  readonly pushEnabled: boolean;
}

/**
 * Job 1.4: each entry whose `correo` is a WhatsApp id gets the note, once per recipient; and, like the
 * old function, each of the entries' app devices gets a push notification, once per note and device.
 */
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
    const pushes = entries.flatMap((entry) => this.#pushRequests(entry));
    const pushDevicesNotServed = this.#deps.pushEnabled ? 0 : pushes.length;
    if (pushDevicesNotServed > 0) {
      log.warn('push notification devices not served: no push provider is configured', { devices: pushDevicesNotServed });
    }
    const whatsapp = await this.#deps.intake.submit(requests);
    const push = this.#deps.pushEnabled ? await this.#deps.intake.submit(pushes) : { queued: 0, duplicates: 0 };
    log.info('offline alerts processed', { entries: entries.length, ignored, ...whatsapp, pushQueued: push.queued });
    return {
      entries: entries.length,
      ignored,
      rejected,
      queued: whatsapp.queued,
      duplicates: whatsapp.duplicates + push.duplicates,
      pushQueued: push.queued,
      pushDevicesNotServed,
    };
  }

  #pushRequests(entry: OfflineAlertEntry): DeliveryRequest[] {
    const clientId = parseClientId(entry.cliente) ?? null;
    const message = offlineAlertPush(entry.titulo, notePushTarget(this.#deps.appBaseUrl, entry.cliente, entry.nota));
    return [...new Set(entry.onesignalDevices)].map((device) => ({
      job: 'offline-alert',
      eventKey: entry.nota,
      clientId,
      channel: 'push',
      recipient: device,
      message,
    }));
  }
}
