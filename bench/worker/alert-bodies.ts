/**
 * The i-th body of CVT's `notificaciones-controles` queue, as its backend sends it: an array with one
 * entry, a note of its own to a WhatsApp user of its own, so that each message becomes one new delivery.
 */
export function offlineAlertBody(index: number): string {
  return JSON.stringify([
    {
      nota: `66f1c0ffee${index.toString(16).padStart(8, '0')}`,
      titulo: `Título de la nota ${index}`,
      cliente: '5792a7288ac8f35b0aa93bee',
      correo: `506${80_000_000 + index}@c.us`,
      onesignalDevices: [],
    },
  ]);
}
