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

/** Waits until the outbox holds at least `count` messages, then a moment more to catch any extra. */
export async function outboxWhenSettled(server: RunningServer, count: number, timeoutMs = 10_000): Promise<OutboxItem[]> {
  await eventually(async () => ((await outbox(server)).length >= count ? true : undefined), timeoutMs, `${count} outbox messages`);
  await new Promise((resolve) => setTimeout(resolve, 300));
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

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}
