import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import type { Result } from '../../domain/shared/result.ts';
import type { ProviderFailure, SentMessage } from './messaging.port.ts';

/**
 * Free text to a contact who just wrote to us (their service window is open), through the provider their
 * message came from: the confirmation of a BAJA or an ALTA. Never throws for provider failures.
 */
export interface ReplyPort {
  readonly provider: string;
  reply(to: PhoneNumber, text: string): Promise<Result<SentMessage, ProviderFailure>>;
}
