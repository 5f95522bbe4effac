import { maskPhone } from '../../domain/phone/masking.ts';
import { parsePhoneNumber, PHONE_REJECTION_REASONS } from '../../domain/phone/phone-number.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { Suppression, SuppressionList } from '../ports/suppression-list.port.ts';

export interface ManageSuppressionsDeps {
  readonly suppressions: SuppressionList;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
}

export interface SuppressionChange {
  readonly phone: string;
  /** Whether the list changed (false: the number was already on it, or already off it). */
  readonly changed: boolean;
}

/** The suppression list for operators (admin API and CLI): numbers are read as any client user's are. */
export class ManageSuppressions {
  readonly #deps: ManageSuppressionsDeps;

  constructor(deps: ManageSuppressionsDeps) {
    this.#deps = deps;
  }

  list(limit: number): Promise<Suppression[]> {
    return this.#deps.suppressions.list(limit);
  }

  async add(raw: string): Promise<Result<SuppressionChange, string>> {
    const phone = parsePhoneNumber(raw, this.#deps.defaultCountryCode);
    if (!phone.ok) return err(PHONE_REJECTION_REASONS[phone.error]);
    const changed = await this.#deps.suppressions.add({
      phone: phone.value,
      since: this.#deps.clock.now(),
      source: 'operator',
      provider: null,
    });
    if (changed) this.#deps.logger.info('number suppressed by an operator', { phone: maskPhone(phone.value) });
    return ok({ phone: phone.value, changed });
  }

  async remove(raw: string): Promise<Result<SuppressionChange, string>> {
    const phone = parsePhoneNumber(raw, this.#deps.defaultCountryCode);
    if (!phone.ok) return err(PHONE_REJECTION_REASONS[phone.error]);
    const changed = await this.#deps.suppressions.remove(phone.value);
    if (changed) this.#deps.logger.info('number taken off the suppression list by an operator', { phone: maskPhone(phone.value) });
    return ok({ phone: phone.value, changed });
  }
}
