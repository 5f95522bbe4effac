import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmptyMongod } from '../support/empty-mongod.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { startServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let occupant: LoopbackServer | undefined;
afterEach(async () => {
  await occupant?.close();
  occupant = undefined;
});

/** What a server that refused to start printed: `startServer` rejects with its exit code and every line. */
async function refusedStart(dataDir: string, env: Record<string, string>): Promise<{ code: string; lines: string[] }> {
  const failure = await startServer(dataDir, env).then(
    () => {
      throw new Error('the server started');
    },
    (error: unknown) => error as Error,
  );
  const [first, ...lines] = failure.message.split('\n');
  return { code: /exited with (\S+?):?$/u.exec(first!)?.[1] ?? first!, lines: lines.filter((line) => line !== '') };
}

describe('honest start-up (issue 10 §7)', () => {
  it('serves with STORE=mongodb: the built server loads the driver, connects and says its store is ready', async () => {
    const mongod = await startEmptyMongod();
    const server = await startServer(tempDir(), { STORE: 'mongodb', MONGODB_URI: mongod.uri });
    try {
      const ready = await server.request('/readyz');
      expect({ status: ready.status, body: await ready.json() }).toMatchObject({
        status: 200,
        body: { ready: true, checks: { store: { ok: true } } },
      });
      expect(mongod.clients[0]).toMatchObject({ application: { name: 'cvt-whatsapp' }, os: { type: expect.any(String) } });
    } finally {
      await server.stop();
      await mongod.close();
    }
  });

  it('ends with a non-zero exit and one line naming the port when the port is busy, before any background work', async () => {
    occupant = await startLoopbackServer((_request, response) => response.end('another process'));
    const port = new URL(occupant.url).port;
    const { code, lines } = await refusedStart(tempDir(), { PORT: port, REPORT_SCHEDULE: '* * * * * *', LOG_LEVEL: 'debug' });
    expect(code).toBe('1');
    expect(lines).toEqual([`PORT: port ${port} is already in use on 127.0.0.1; stop the other process or set PORT to another port`]);
    // The other process still has its port, and nobody else answered there.
    expect(await (await fetch(occupant.url)).text()).toBe('another process');
  });

  it('ends with one line naming DATA_DIR and the path when DATA_DIR cannot be written', async () => {
    const root = tempDir();
    // A file where a folder should be: no user, root included, can create DATA_DIR under it.
    writeFileSync(join(root, 'not-a-folder'), '');
    const dataDir = join(root, 'not-a-folder', 'data');
    const { code, lines } = await refusedStart(dataDir, {});
    expect(code).toBe('1');
    expect(lines).toEqual([`DATA_DIR: cannot write to ${dataDir} (ENOTDIR); set DATA_DIR to a folder this user can write`]);
  });

  it('ends with one line naming DATA_DIR and the database when the database file is unusable', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'cvt-whatsapp.db'), 'this is not a SQLite database, just text long enough to be read as a header');
    const { code, lines } = await refusedStart(dataDir, {});
    expect(code).toBe('1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^DATA_DIR: cannot use the database ${join(dataDir, 'cvt-whatsapp.db').replaceAll('/', '\\/')} \\(.+\\)$`, 'u'),
    );
  });
});
