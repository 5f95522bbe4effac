import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { EchoConfig } from './echo.config.ts';

/** Throwaway: takes every message and sends nothing. */
export function createEchoProvider(settings: EchoConfig): { messaging: MessagingPort } {
  return {
    messaging: {
      provider: 'echo',
      send: async (message) => ({
        ok: true,
        value: { provider: 'echo', providerMessageId: `${settings.ECHO_BASE_URL}#${message.deliveryId}` },
      }),
      session: async () => ({ ready: true, detail: 'echo' }),
    },
  };
}
