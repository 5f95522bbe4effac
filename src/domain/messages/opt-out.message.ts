import type { OptChange } from '../opt-out/opt-out-words.ts';

/** The one confirmation a contact gets when their own word changed whether they receive alerts (issue 13 §2). */
export function optChangeConfirmation(change: OptChange): string {
  return change === 'opt-out'
    ? 'Listo: ya no recibirá alertas de CVT por WhatsApp. Escriba ALTA para volver a recibirlas.'
    : 'Listo: volverá a recibir las alertas de CVT por WhatsApp. Escriba BAJA para dejar de recibirlas.';
}
