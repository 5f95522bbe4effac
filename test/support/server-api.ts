import { eventually, type RunningServer } from './server-process.ts';

export interface OutboxItem {
  to: string;
  text: string;
  template: unknown;
  at: string;
}

export const CLIENT_ID = '5792a7288ac8f35b0aa93bee';
export const DISTRIBUTION_ID = '6734a46da330314a4cd0c3da';

export async function putClient(server: RunningServer, id: string, users: unknown[], name = 'Cliente Temporal'): Promise<Response> {
  return server.admin(`/api/clients/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, users }),
  });
}

export async function outbox(server: RunningServer): Promise<OutboxItem[]> {
  const response = await server.admin('/api/outbox?limit=1000');
  return ((await response.json()) as { items: OutboxItem[] }).items;
}

/**
 * Waits until the outbox holds at least `count` messages and the ledger has nothing left to send (see
 * {@link whenLedgerSettled}), so that an extra message would already be there.
 */
export async function outboxWhenSettled(server: RunningServer, count: number, timeoutMs = 10_000): Promise<OutboxItem[]> {
  await eventually(async () => ((await outbox(server)).length >= count ? true : undefined), timeoutMs, `${count} outbox messages`);
  await whenLedgerSettled(server, '', timeoutMs);
  return outbox(server);
}

export interface LedgerItem {
  readonly job: string;
  readonly recipient: string;
  readonly status: string;
  readonly attempts: number;
}

/**
 * The ledger's deliveries (`/api/deliveries`, `query` its filters), newest first. The intake records a
 * delivery before the request or the queue message is settled, and the outbox only ever holds what the
 * ledger holds: a ledger read after that point says what will be sent, where an outbox read after a
 * sleep only says what has been sent so far.
 */
export async function ledger(server: RunningServer, query = ''): Promise<LedgerItem[]> {
  const response = await server.admin(`/api/deliveries?limit=1000${query === '' ? '' : `&${query}`}`);
  return ((await response.json()) as { items: LedgerItem[] }).items;
}

/** Messages waiting or in flight in CVT's inbound queues (`cvt_queue_messages`; none where the server reads no local queue). */
async function inboundQueueMessages(server: RunningServer): Promise<number> {
  const metrics = await (await server.request('/metrics')).text();
  return [...metrics.matchAll(/^cvt_queue_messages\{[^}]*\} (\d+)$/gmu)].reduce((total, [, count]) => total + Number(count), 0);
}

/**
 * Waits until CVT's inbound queues are empty (every message handled, its deliveries recorded) and no
 * delivery is still to be sent, then answers the ledger's deliveries: what was, and will ever be, sent.
 */
export async function whenLedgerSettled(server: RunningServer, query = '', timeoutMs = 10_000): Promise<LedgerItem[]> {
  return eventually(
    async () => {
      if ((await inboundQueueMessages(server)) > 0) return undefined;
      const deliveries = await ledger(server, query);
      return deliveries.some((delivery) => delivery.status === 'queued' || delivery.status === 'sending') ? undefined : deliveries;
    },
    timeoutMs,
    'the inbound queues drained and every delivery sent',
  );
}

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}
