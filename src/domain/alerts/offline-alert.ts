/** One entry of a `notificaciones-controles` message: one note for one recipient (docs/contracts/product.md §1.4). */
export interface OfflineAlertEntry {
  readonly nota: string;
  readonly titulo: string;
  readonly cliente: string;
  readonly correo: string;
  readonly onesignalDevices: readonly string[];
}
