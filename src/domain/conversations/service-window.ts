/** WhatsApp's customer-service window: 24 h from the contact's last message (docs/contracts/providers/cloudapi.md §4.4). */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function windowOpen(lastInboundAt: Date | undefined, now: Date): boolean {
  return lastInboundAt !== undefined && now.getTime() - lastInboundAt.getTime() < SERVICE_WINDOW_MS;
}
