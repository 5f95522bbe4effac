import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { requireAdmin } from '../../../src/entrypoints/http/middleware/admin-auth.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function adminApp(adminToken: string | undefined): Promise<string> {
  const app = express();
  app.use('/api', requireAdmin(adminToken));
  app.get('/api/clients', (_request, response) => response.json({ items: [] }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clients`;
}

const get = (url: string, authorization?: string) => fetch(url, { headers: authorization === undefined ? {} : { authorization } });

describe('the admin routes', () => {
  it('stay closed to everyone when no ADMIN_TOKEN is configured, whatever is presented', async () => {
    const url = await adminApp(undefined);
    for (const authorization of [undefined, 'Bearer ', 'Bearer undefined', 'Bearer null', 'Basic YWRtaW46YWRtaW4=']) {
      const response = await get(url, authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    }
  });

  it('open only to the exact bearer token', async () => {
    const url = await adminApp('admin-token-0123456789abcdef');
    expect((await get(url, 'Bearer admin-token-0123456789abcdef')).status).toBe(200);
    expect((await get(url, 'bearer admin-token-0123456789abcdef')).status).toBe(200);
    for (const wrong of ['Bearer admin-token-0123456789abcde', 'Bearer admin-token-0123456789abcdefX', 'admin-token-0123456789abcdef']) {
      expect((await get(url, wrong)).status).toBe(401);
    }
  });
});
