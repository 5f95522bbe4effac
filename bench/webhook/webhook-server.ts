import { CLIENT_ID, CLIENT_USERS } from '../lib/mention.ts';
import { spawnNode, waitForLine, type Spawned } from '../lib/processes.ts';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const WEBHOOK_TOKEN = 'bench-webhook-token-0123456789abcdef';

/** Where the benchmark's load posts: one client's webhook, with the token. */
export const WEBHOOK_PATH = `/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`;

/**
 * The built server as benchmark 1 measures it (no schedule, no rate limit, warnings only in the log), started
 * on `dataDir` with the benchmark's client saved; `nodeArgs` may add a profiler, `bundle` name another build.
 */
export async function startWebhookServer(
  dataDir: string,
  { nodeArgs = [], bundle = 'dist/server/main.mjs' }: { nodeArgs?: readonly string[]; bundle?: string } = {},
): Promise<{ server: Spawned; url: string }> {
  const server = spawnNode(['--enable-source-maps', ...nodeArgs, bundle], {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    REPORT_SCHEDULE: 'off',
    ADMIN_TOKEN,
    MELTWATER_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    LOG_LEVEL: 'warn',
    WEBHOOK_RATE_LIMIT_PER_MINUTE: '0',
  });
  const url = await waitForLine(server, /listening on (http:\/\/\S+)/u);
  const saved = await fetch(`${url}/api/clients/${CLIENT_ID}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Cliente Temporal', users: CLIENT_USERS }),
  });
  if (!saved.ok) throw new Error(`could not save the client: ${saved.status} ${await saved.text()}`);
  return { server, url };
}
