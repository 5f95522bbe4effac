import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxMessaging } from '../../src/adapters/outbox/outbox.messaging.adapter.ts';
import { createCliSandbox, type CliResult, type CliSandbox } from '../support/cli.ts';
import { startEmptyMongod } from '../support/empty-mongod.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';

const EXAMPLES = join(import.meta.dirname, '../../examples/offline-report');

const CLIENT_A = '5792a7288ac8f35b0aa93bee';
const CLIENT_B = '6734a46da330314a4cd0c3d1';
const DISTRIBUTION_OK = '6734a46da330314a4cd0c3da';
const DISTRIBUTION_BROKEN = '6734a46da330314a4cd0c3db';
const CLEAR_PHONE = /88888888|77777777/u;

let sandboxes: CliSandbox[] = [];
let servers: Server[] = [];
let running: RunningServer[] = [];

afterEach(async () => {
  // Whatever a test printed must never show a phone number in clear or a stack trace.
  for (const sandbox of sandboxes) {
    for (const text of sandbox.transcript) {
      expect(text).not.toMatch(CLEAR_PHONE);
      expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
    }
    await sandbox.cleanup();
  }
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  await Promise.all(running.map((server) => server.stop()));
  sandboxes = [];
  servers = [];
  running = [];
});

async function sandbox(env: Record<string, string> = {}): Promise<CliSandbox> {
  const created = await createCliSandbox(env);
  sandboxes.push(created);
  return created;
}

function expectOk(result: CliResult): CliResult {
  expect(result.stderr.includes('error') ? result.stderr : '').toBe('');
  expect(result.code).toBe(0);
  return result;
}

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(1);
  const errorLines = result.stderr.split('\n').filter((line) => /error/iu.test(line));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(pattern);
}

const newsletterHtml = (headlines: readonly string[]): string => `<!DOCTYPE html>
<html><head><title>Resumen de noticias CVT</title></head><body><table width="800">
${headlines.map((headline, index) => `<tr><td><a href="https://example.com/n${index + 1}">${headline}</a> La Nación</td></tr>`).join('\n')}
<tr><td><p>To unsubscribe from this newsletter, <a href="https://app.meltwater.com/unsubscribe">Click Here</a></p></td></tr>
</table></body></html>`;

/** A fake Meltwater: each distribution answers its page, or HTTP 500 when it has none. */
async function startMeltwater(pages: Record<string, string>): Promise<string> {
  const server = createServer((request, response) => {
    const distributionId = /^\/nl\/([0-9a-f]{24})$/u.exec(request.url ?? '')?.[1];
    const page = distributionId === undefined ? undefined : pages[distributionId];
    if (page === undefined) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/nl/{distributionId}`;
}

const HEADLINES = ['A headline long enough to count', 'Another headline that is news as well', 'Third story with a long title'];

// Each test runs the CLI a dozen times, a second or two each on a loaded machine: a generous budget, never a sleep.
describe('cvt-whatsapp CLI', { timeout: 120_000 }, () => {
  it('shows help for the root and every command without any configuration', async () => {
    const cli = await sandbox({ DISPATCH_CONCURRENCY: 'not a number' });
    const commands = [
      [],
      ['clients'],
      ['clients', 'list'],
      ['clients', 'show'],
      ['clients', 'add'],
      ['clients', 'set'],
      ['clients', 'remove-user'],
      ['clients', 'import'],
      ['clients', 'export'],
      ['newsletters'],
      ['newsletters', 'run'],
      ['deliveries'],
      ['deliveries', 'list'],
      ['send-test'],
      ['enqueue'],
      ['enqueue', 'offline-report'],
      ['enqueue', 'offline-alert'],
      ['dead-letters'],
    ];
    const results = await Promise.all(commands.map((command) => cli.run([...command, '--help'])));
    results.forEach((result, index) => {
      expect(result.code, commands[index]!.join(' ')).toBe(0);
      expect(result.stdout).toContain(`Usage: cvt-whatsapp ${commands[index]!.join(' ')}`.trimEnd());
    });
    expect(results[0]!.stdout).toContain('DATA_DIR');
    expect((await cli.run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(results[12]!.stdout).toContain('--status <status>');
  });

  it('reports a bad configuration, a bad argument and an unknown command in one line with exit code 1', async () => {
    const cli = await sandbox();
    const badConfig = await cli.run(['clients', 'list'], { env: { DISPATCH_CONCURRENCY: 'lots' } });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain('invalid configuration');
    expect(badConfig.stderr).toContain('DISPATCH_CONCURRENCY');

    // A .env in the working directory is read, as `npm start` reads it.
    await writeFile(join(cli.dir, '.env'), 'NEWSLETTER_CONCURRENCY=0\n');
    const badDotEnv = await cli.run(['deliveries', 'list']);
    expect(badDotEnv.code).toBe(1);
    expect(badDotEnv.stderr).toContain('NEWSLETTER_CONCURRENCY');
    await rm(join(cli.dir, '.env'));

    expectOneLineError(await cli.run(['clients', 'show', 'not-an-id']), /clientId.*24 hexadecimal/u);
    expectOneLineError(await cli.run(['clients', 'show', CLIENT_A]), /no client has the id/u);
    expectOneLineError(await cli.run(['clients', 'frobnicate']), /unknown command/u);
    expectOneLineError(await cli.run(['clients', 'set', CLIENT_A, '--name', 'Sin usuarios']), /missing required argument 'users'/u);
    expectOneLineError(await cli.run(['deliveries', 'list', '--limit', 'many']), /limit/u);
    expectOneLineError(await cli.run(['dead-letters', 'nope']), /unknown queue/u);
  });

  it('adds, lists, shows, replaces and removes client users with masked phones and rejected users reported', async () => {
    const cli = await sandbox();
    const added = expectOk(
      await cli.run([
        'clients',
        'add',
        CLIENT_A,
        '50688888888@c.us',
        `${DISTRIBUTION_OK}@meltwater.com`,
        'ana@example.com',
        '123@c.us',
        '--name',
        'Cliente Temporal',
      ]),
    );
    expect(added.stdout).toContain('+506****8888');
    expect(added.stdout).toMatch(/Rejected:\s+1/u);
    expect(added.stdout).toContain('123@c.us: invalid WhatsApp number');

    const more = expectOk(await cli.run(['clients', 'add', CLIENT_A, '50677777777@c.us', '88888888@c.us', '--json']));
    expect(JSON.parse(more.stdout)).toMatchObject({ contacts: [{ phone: '+506****8888' }, { phone: '+506****7777' }] });

    const listed = expectOk(await cli.run(['clients', 'list']));
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+CONTACTS\s+DISTRIBUTIONS\s+REJECTED$/u);
    expect(listed.stdout).toMatch(new RegExp(`${CLIENT_A}\\s+Cliente Temporal\\s+2\\s+${DISTRIBUTION_OK}\\s+1`, 'u'));

    const shown = expectOk(await cli.run(['clients', 'show', CLIENT_A.toUpperCase(), '--json']));
    expect(JSON.parse(shown.stdout)).toEqual({
      id: CLIENT_A,
      name: 'Cliente Temporal',
      contacts: [{ phone: '+506****8888' }, { phone: '+506****7777' }],
      meltwaterDistributionIds: [DISTRIBUTION_OK],
      rejected: [{ value: '123@c.us', reason: 'invalid WhatsApp number: the number is too short' }],
    });

    const replaced = expectOk(await cli.run(['clients', 'set', CLIENT_A, '50677777777@c.us', '--json']));
    expect(JSON.parse(replaced.stdout)).toEqual({
      id: CLIENT_A,
      name: 'Cliente Temporal',
      contacts: [{ phone: '+506****7777' }],
      meltwaterDistributionIds: [],
      rejected: [],
    });

    const removed = expectOk(await cli.run(['clients', 'remove-user', CLIENT_A, '+506 7777 7777@c.us']));
    expect(removed.stdout).toMatch(/Contacts:\s+0/u);
    expectOneLineError(await cli.run(['clients', 'remove-user', CLIENT_A, 'ana@example.com']), /none of the given users/u);
  });

  it('imports mongoexport files (array and JSON lines) and exports what it imported', async () => {
    const documents = [
      {
        _id: { $oid: '65f000000000000000000001' },
        clienteId: { $oid: CLIENT_A.toUpperCase() },
        correo: '50688888888@c.us',
        borrado: false,
      },
      { clienteId: CLIENT_A, correo: `${DISTRIBUTION_OK}@meltwater.com` },
      { clienteId: { $oid: CLIENT_A }, correo: '50677777777@c.us', borrado: true },
      { clienteId: CLIENT_B, correo: 'ana@example.com', borrado: false },
      { clienteId: CLIENT_B, correo: '123@c.us', borrado: false },
      { clienteId: 'not-an-object-id', correo: 'luis@example.com', borrado: false },
      { clienteId: CLIENT_B, borrado: false },
    ];
    // CVT's documents hold clienteId as an ObjectId: the export writes it as mongoimport reads one back.
    const expected = [
      { clienteId: { $oid: CLIENT_A }, correo: '50688888888@c.us', borrado: false },
      { clienteId: { $oid: CLIENT_A }, correo: `${DISTRIBUTION_OK}@meltwater.com`, borrado: false },
      { clienteId: { $oid: CLIENT_B }, correo: 'ana@example.com', borrado: false },
      { clienteId: { $oid: CLIENT_B }, correo: '123@c.us', borrado: false },
    ];

    const asArray = await sandbox();
    await writeFile(join(asArray.dir, 'usuarioclientes.json'), JSON.stringify(documents, null, 2));
    const imported = expectOk(await asArray.run(['clients', 'import', 'usuarioclientes.json']));
    expect(imported.stdout).toMatch(new RegExp(`${CLIENT_A}\\s+1\\s+1\\s+0\\s+0`, 'u'));
    expect(imported.stdout).toMatch(new RegExp(`${CLIENT_B}\\s+0\\s+0\\s+1\\s+1`, 'u'));
    expect(imported.stdout).toMatch(/total: 2 clients\s+1\s+1\s+1\s+1/u);
    expect(imported.stdout).toContain('deleted documents skipped: 1');
    expect(imported.stdout).toContain('invalid documents skipped: 2');
    expect(imported.stdout).toMatch(/document 6: clienteId: must be a 24-hexadecimal ObjectId/u);
    expect(imported.stdout).toMatch(/document 7: correo/u);
    expect(imported.stdout).toContain(`${CLIENT_B}: 123@c.us: invalid WhatsApp number`);

    expectOk(await asArray.run(['clients', 'export', '--output', 'export.json']));
    const exported = JSON.parse(await readFile(join(asArray.dir, 'export.json'), 'utf8')) as unknown;
    expect(exported).toEqual(expected);

    // mongoexport's default: one extended-JSON document per line; a broken line is reported and skipped.
    const asLines = await sandbox();
    const lines = [...documents.map((document) => JSON.stringify(document)), '{not json'].join('\n');
    const fromLines = expectOk(await asLines.run(['clients', 'import', '-', '--json'], { input: `${lines}\n` }));
    expect(JSON.parse(fromLines.stdout)).toMatchObject({
      total: { clients: 2, contacts: 1, distributions: 1, emails: 1, rejected: 1 },
      deleted: 1,
      invalid: [{ where: 'line 6' }, { where: 'line 7' }, { where: 'line 8', reason: 'not valid JSON' }],
    });
    const exportedLines = expectOk(await asLines.run(['clients', 'export'], { env: { LOG_LEVEL: 'silent' } }));
    // The export to stdout is the data itself (in clear), so it is parsed here and not kept in the transcript.
    asLines.transcript.length = 0;
    expect(JSON.parse(exportedLines.stdout)).toEqual(expected);
    const plain = expectOk(await asLines.run(['clients', 'export', '--plain-ids'], { env: { LOG_LEVEL: 'silent' } }));
    asLines.transcript.length = 0;
    expect(JSON.parse(plain.stdout)).toEqual(expected.map((document) => ({ ...document, clienteId: document.clienteId.$oid })));

    // Importing again replaces each client's users instead of adding to them.
    await writeFile(join(asArray.dir, 'again.json'), JSON.stringify([{ clienteId: CLIENT_A, correo: 'ana@example.com' }]));
    expectOk(await asArray.run(['clients', 'import', 'again.json']));
    const shown = JSON.parse(expectOk(await asArray.run(['clients', 'show', CLIENT_A, '--json'])).stdout) as { contacts: unknown[] };
    expect(shown.contacts).toEqual([]);
  });

  it('shows a person at a terminal one human line per thing, and JSON logs only with --json or LOG_LEVEL', async () => {
    const cli = await sandbox();
    const documents = [
      { clienteId: { $oid: CLIENT_A }, correo: '50688888888@c.us' },
      { clienteId: { $oid: CLIENT_A }, correo: '123@c.us' },
      { clienteId: { $oid: CLIENT_A }, correo: '1234567890123456789012@c.us' },
    ];
    await writeFile(join(cli.dir, 'usuarioclientes.json'), JSON.stringify(documents));

    const human = expectOk(await cli.run(['clients', 'import', 'usuarioclientes.json']));
    expect(human.stderr).toBe('');
    const rejectedLines = human.stdout.split('\n').filter((line) => line.includes('invalid WhatsApp number'));
    expect(rejectedLines).toHaveLength(2);
    // A 22-digit value is masked like any run of 8 or more digits.
    expect(human.stdout).toContain('123****9012@c.us');
    expect(human.stdout).not.toContain('1234567890123456789012');

    const json = expectOk(await cli.run(['clients', 'import', 'usuarioclientes.json', '--json']));
    expect(JSON.parse(json.stdout)).toMatchObject({ total: { clients: 1, contacts: 1, rejected: 2 } });
    for (const line of json.stderr.split('\n').filter((text) => text !== '')) expect(() => JSON.parse(line) as unknown).not.toThrow();

    const logged = expectOk(await cli.run(['clients', 'import', 'usuarioclientes.json'], { env: { LOG_LEVEL: 'warn' } }));
    const logLines = logged.stderr.split('\n').filter((text) => text !== '');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String) });
  });

  it('prints no npm engine warnings when npx runs it from the project, whatever Node npm itself runs on', async () => {
    // npm and npx are the machine's own (often on an older Node): the project's .npmrc quiets their warnings.
    const root = join(import.meta.dirname, '../..');
    const home = (await sandbox()).dir;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolveRun, reject) =>
      execFile(
        'npx',
        ['--no-install', 'cvt-whatsapp', '--version'],
        { cwd: root, env: { PATH: process.env['PATH'] ?? '', HOME: home }, timeout: 60_000 },
        (error, out, err) => (error === null ? resolveRun({ stdout: out, stderr: err }) : reject(error)),
      ),
    );
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(stderr).not.toMatch(/EBADENGINE|npm warn/iu);
  });

  it('exports clienteId as {"$oid": …}, which import reads back into the very same clients', async () => {
    const cli = await sandbox();
    expectOk(await cli.run(['clients', 'add', CLIENT_A, '50688888888@c.us', 'ana@example.com']));
    expectOk(await cli.run(['clients', 'export', '--output', 'export.json']));
    const exported = JSON.parse(await readFile(join(cli.dir, 'export.json'), 'utf8')) as unknown;
    expect(exported).toEqual([
      { clienteId: { $oid: CLIENT_A }, correo: '50688888888@c.us', borrado: false },
      { clienteId: { $oid: CLIENT_A }, correo: 'ana@example.com', borrado: false },
    ]);
    const again = await sandbox();
    await writeFile(join(again.dir, 'export.json'), JSON.stringify(exported));
    expect(expectOk(await again.run(['clients', 'import', 'export.json'])).stdout).toMatch(/total: 1 client\s+1\s+0\s+1\s+0/u);
    expectOk(await again.run(['clients', 'export', '--output', 'again.json']));
    expect(JSON.parse(await readFile(join(again.dir, 'again.json'), 'utf8'))).toEqual(exported);
  });

  it('reads a MongoDB store (STORE=mongodb): the built command loads the driver, connects and queries', async () => {
    const mongod = await startEmptyMongod();
    try {
      const cli = await sandbox({ STORE: 'mongodb', MONGODB_URI: mongod.uri });
      const listed = expectOk(await cli.run(['clients', 'list', '--json']));
      expect(JSON.parse(listed.stdout)).toEqual({ items: [] });
      expect(mongod.commands).toContain('find');
      expect(mongod.clients[0]).toMatchObject({ application: { name: 'cvt-whatsapp' }, os: { type: expect.any(String) } });
    } finally {
      await mongod.close();
    }
  });

  it('refuses an import file that is not JSON', async () => {
    const cli = await sandbox();
    await writeFile(join(cli.dir, 'broken.json'), '[{"clienteId": ');
    expectOneLineError(await cli.run(['clients', 'import', 'broken.json']), /not a valid JSON array/u);
    expectOneLineError(await cli.run(['clients', 'import', 'missing.json']), /cannot read missing\.json: no such file/u);
  });

  it('adds, lists and removes suppressed numbers, masked, with how each was added', async () => {
    const cli = await sandbox();
    expect(expectOk(await cli.run(['suppressions', 'list'])).stdout.trim()).toBe('no suppressed numbers');
    expect(expectOk(await cli.run(['suppressions', 'add', '8888-8888'])).stdout.trim()).toBe('+506****8888 suppressed');
    expect(expectOk(await cli.run(['suppressions', 'add', '+50688888888'])).stdout.trim()).toBe('+506****8888 was already suppressed');
    const listed = expectOk(await cli.run(['suppressions', 'list'])).stdout.split('\n');
    expect(listed[0]).toMatch(/^SINCE\s+PHONE\s+HOW\s+PROVIDER$/u);
    expect(listed[1]).toMatch(/\+506\*{4}8888\s+operator\s+-$/u);
    expect(JSON.parse(expectOk(await cli.run(['suppressions', 'list', '--json'])).stdout)).toEqual({
      items: [{ phone: '+506****8888', since: expect.any(String), source: 'operator', provider: null }],
    });
    expectOneLineError(await cli.run(['suppressions', 'add', 'abc']), /\*{4}: the number contains characters/u);
    expect(expectOk(await cli.run(['suppressions', 'remove', '88888888'])).stdout.trim()).toBe(
      '+506****8888 removed from the suppression list',
    );
    expect(expectOk(await cli.run(['suppressions', 'remove', '88888888'])).stdout.trim()).toBe('+506****8888 was not suppressed');
  }, 120_000);

  it('enqueues valid queue bodies and refuses invalid ones with the reason', async () => {
    const cli = await sandbox();
    const report = { destinatarios: ['50688888888@c.us', 'ana@example.com'], idEnvio: 'abc123', subject: 'Informe matutino' };
    await writeFile(join(cli.dir, 'report.json'), JSON.stringify(report));
    const queued = expectOk(await cli.run(['enqueue', 'offline-report', 'report.json']));
    expect(queued.stdout).toMatch(/^queued message [0-9a-f-]{36} on offline-reports$/mu);
    expect(queued.stderr).toContain('the running server');

    const alerts = [
      { nota: '66f1c0ffee', titulo: 'Título de la nota', cliente: CLIENT_A, correo: '50688888888@c.us', onesignalDevices: [] },
    ];
    const alertQueued = expectOk(await cli.run(['enqueue', 'offline-alert', '-', '--json'], { input: JSON.stringify(alerts) }));
    expect(JSON.parse(alertQueued.stdout)).toMatchObject({ queued: true, queue: 'offline-alerts', messageId: expect.any(String) });

    await writeFile(join(cli.dir, 'bad-report.json'), JSON.stringify({ destinatarios: 'nobody', subject: 'x' }));
    expectOneLineError(await cli.run(['enqueue', 'offline-report', 'bad-report.json']), /invalid offline-report body: destinatarios/u);
    // Every field named with what it expects, in plain words.
    expectOneLineError(
      await cli.run(['enqueue', 'offline-report', '-'], { input: JSON.stringify({ destinatarios: ['50688888888@c.us'], subject: 'x' }) }),
      /^error: invalid offline-report body: idEnvio: missing; expected a text or a number$/u,
    );
    expectOneLineError(
      await cli.run(['enqueue', 'offline-alert', '-'], { input: JSON.stringify([{ nota: 'n1', titulo: '', correo: 'x' }]) }),
      /^error: invalid offline-alert body: no valid alert: \[0\] titulo: must not be empty$/u,
    );
    expectOneLineError(await cli.run(['deliveries', 'list', '--status', 'lost']), /--status: must be one of: queued, sending, sent/u);
    expectOneLineError(
      await cli.run(['enqueue', 'offline-alert', '-'], { input: '{"nota": 1}' }),
      /invalid offline-alert body: body: expected an array/u,
    );
    expectOneLineError(await cli.run(['enqueue', 'offline-alert', '-'], { input: 'not json' }), /not valid JSON/u);

    const deadLetters = expectOk(await cli.run(['dead-letters', 'offline-reports']));
    expect(deadLetters.stdout).toContain('no dead letters on offline-reports');
  });

  it('sends a test message through the outbox provider and fails on an invalid number', async () => {
    const cli = await sandbox();
    const sent = expectOk(await cli.run(['send-test', '88888888']));
    expect(sent.stdout).toMatch(/^sent through outbox to \+506\*\*\*\*8888, message id outbox-1$/mu);
    const outbox = await new OutboxMessaging(join(cli.dataDir, 'outbox.db')).list(10);
    expect(outbox).toMatchObject([{ to: '+50688888888', text: 'Mensaje de prueba de cvt-whatsapp.' }]);

    const failed = await cli.run(['send-test', '123', 'hola']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: not sent to \*\*\*\* \(invalid_recipient\): the number is too short$/mu);
  });

  it('runs the newsletters, sends them, and does not send an unchanged one again', async () => {
    const url = await startMeltwater({ [DISTRIBUTION_OK]: newsletterHtml(HEADLINES) });
    const cli = await sandbox({ MELTWATER_NEWSLETTER_URL: url });
    expectOk(
      await cli.run(['clients', 'add', CLIENT_A, '50688888888@c.us', `${DISTRIBUTION_OK}@meltwater.com`, '--name', 'Cliente Temporal']),
    );
    expect(expectOk(await cli.run(['deliveries', 'list'])).stdout.trim()).toBe('no deliveries');

    const first = expectOk(await cli.run(['newsletters', 'run']));
    // The run queues; the sends follow at the provider's pace, and the progress line says how far they are.
    expect(first.stdout).toContain(`Cliente Temporal (${CLIENT_A}), distribution ${DISTRIBUTION_OK}: queued for 1 contact`);
    expect(first.stdout).not.toMatch(/sent to \d+ contact/u);
    expect(first.stdout).toMatch(/^checked: 1$/mu);
    expect(first.stdout).toMatch(/^queued: 1$/mu);
    expect(first.stdout).toMatch(/^failed: 0$/mu);
    expect(first.stdout).toMatch(/^sending 1 message: 0 sent, 1 waiting, 0 failed$/mu);
    expect(first.stdout).toMatch(/^sending 1 message: 1 sent, 0 waiting, 0 failed$/mu);
    expect(first.stdout).toMatch(/^messages sent: 1$/mu);

    const outbox = await new OutboxMessaging(join(cli.dataDir, 'outbox.db')).list(10);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.to).toBe('+50688888888');
    expect(outbox[0]!.text).toContain(`https://media.controles.co.cr/informesmw/${DISTRIBUTION_OK}.html`);
    const page = await readFile(join(cli.dataDir, 'reports', 'informesmw', `${DISTRIBUTION_OK}.html`), 'utf8');
    expect(page).toContain('A headline long enough to count');

    const deliveries = expectOk(await cli.run(['deliveries', 'list']));
    expect(deliveries.stdout.split('\n')[0]).toMatch(/^TIME\s+JOB\s+STATUS\s+RECIPIENT\s+ATTEMPTS\s+LAST ERROR$/u);
    expect(deliveries.stdout).toMatch(/meltwater-newsletter\s+sent\s+\+506\*\*\*\*8888\s+1/u);
    const asJson = JSON.parse(
      expectOk(await cli.run(['deliveries', 'list', '--client', CLIENT_A, '--status', 'sent', '--json'])).stdout,
    ) as {
      items: { recipient: string; job: string; status: string }[];
    };
    expect(asJson.items).toMatchObject([{ recipient: '+506****8888', job: 'meltwater-newsletter', status: 'sent' }]);
    expect(expectOk(await cli.run(['deliveries', 'list', '--status', 'failed'])).stdout.trim()).toBe('no deliveries');
    expectOneLineError(await cli.run(['deliveries', 'list', '--status', 'lost']), /status/u);

    const second = expectOk(await cli.run(['newsletters', 'run', '--json']));
    expect(JSON.parse(second.stdout)).toMatchObject({
      checked: 1,
      sent: 0,
      unchanged: 1,
      failed: [],
      progress: [{ distributionId: DISTRIBUTION_OK, outcome: { status: 'unchanged' } }],
    });
    const third = expectOk(await cli.run(['newsletters', 'run']));
    expect(third.stdout).toContain(`distribution ${DISTRIBUTION_OK}: unchanged`);
    expect(await new OutboxMessaging(join(cli.dataDir, 'outbox.db')).list(10)).toHaveLength(1);
  });

  it('reports a newsletter whose download fails, exits with 1, and still sends the others', async () => {
    const url = await startMeltwater({ [DISTRIBUTION_OK]: newsletterHtml(HEADLINES) });
    const cli = await sandbox({ MELTWATER_NEWSLETTER_URL: url });
    expectOk(
      await cli.run(['clients', 'add', CLIENT_A, '50688888888@c.us', `${DISTRIBUTION_OK}@meltwater.com`, '--name', 'Cliente Temporal']),
    );
    expectOk(await cli.run(['clients', 'add', CLIENT_B, '50677777777@c.us', `${DISTRIBUTION_BROKEN}@meltwater.com`]));

    const queuedOnly = await cli.run(['newsletters', 'run', '--no-wait']);
    expect(queuedOnly.code).toBe(1);
    expect(queuedOnly.stdout).toContain(`client ${CLIENT_B}, distribution ${DISTRIBUTION_BROKEN}: failed: Meltwater answered HTTP 500`);
    expect(queuedOnly.stdout).toMatch(/^queued: 1$/mu);
    expect(queuedOnly.stdout).toMatch(/^failed: 1$/mu);
    expect(queuedOnly.stdout).toContain('messages queued; the running server sends them');
    expect(queuedOnly.stdout).toContain('follow them with: npx cvt-whatsapp deliveries list');
    expect(queuedOnly.stdout).not.toMatch(/^sending /mu);
    expect(await new OutboxMessaging(join(cli.dataDir, 'outbox.db')).list(10)).toHaveLength(0);
    expect(expectOk(await cli.run(['deliveries', 'list'])).stdout).toMatch(/meltwater-newsletter\s+queued\s+\+506\*\*\*\*8888\s+0/u);

    // The next run finds nothing new to queue but still sends what the first one left waiting.
    const retried = await cli.run(['newsletters', 'run', '--distribution', DISTRIBUTION_OK, DISTRIBUTION_BROKEN]);
    expect(retried.code).toBe(1);
    expect(retried.stdout).toMatch(/^unchanged: 1$/mu);
    expect(retried.stdout).toMatch(/^messages sent: 1$/mu);
    const outbox = await new OutboxMessaging(join(cli.dataDir, 'outbox.db')).list(10);
    expect(outbox.map((message) => message.to)).toEqual(['+50688888888']);

    expectOneLineError(await cli.run(['newsletters', 'run', '--distribution', 'nope']), /--distribution/u);

    // A distribution no client has is named, and the run exits with 1 so that a typo does not pass unnoticed.
    const unknownId = 'ffffffffffffffffffffffff';
    const unknown = await cli.run(['newsletters', 'run', '--distribution', DISTRIBUTION_OK, unknownId]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/^unknown distributions: 1 \(no client has them/mu);
    expect(unknown.stdout).toMatch(new RegExp(`^  ${unknownId}$`, 'mu'));
    const unknownJson = await cli.run(['newsletters', 'run', '--distribution', unknownId, '--json']);
    expect(unknownJson.code).toBe(1);
    expect(JSON.parse(unknownJson.stdout)).toMatchObject({ checked: 0, unknownDistributionIds: [unknownId] });
  });

  it('follows the sends of a run at the provider pace with a progress line until the last one', async () => {
    const url = await startMeltwater({ [DISTRIBUTION_OK]: newsletterHtml(HEADLINES) });
    // The outbox paced like a WhatsApp Web session (scaled down): the run has to wait for every send.
    const cli = await sandbox({ MELTWATER_NEWSLETTER_URL: url, OUTBOX_MIN_INTERVAL_MS: '400', WHATSAPP_RECIPIENT_SPACING_MS: '0' });
    const contacts = ['50688888801@c.us', '50688888802@c.us', '50688888803@c.us', '50688888804@c.us', '50688888805@c.us'];
    expectOk(await cli.run(['clients', 'add', CLIENT_A, ...contacts, `${DISTRIBUTION_OK}@meltwater.com`]));
    const run = expectOk(await cli.run(['newsletters', 'run']));
    expect(run.stdout).toContain(`distribution ${DISTRIBUTION_OK}: queued for 5 contacts`);
    const progress = run.stdout.split('\n').filter((line) => line.startsWith('sending 5 messages: '));
    expect(progress[0]).toBe('sending 5 messages: 0 sent, 5 waiting, 0 failed');
    expect(progress.at(-1)).toBe('sending 5 messages: 5 sent, 0 waiting, 0 failed');
    // Counts only move forward, one line per change.
    const sentCounts = progress.map((line) => Number(/: (\d+) sent/u.exec(line)![1]));
    expect(sentCounts).toEqual([...sentCounts].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(run.stdout).toMatch(/^messages sent: 5$/mu);
    expect(await new OutboxMessaging(join(cli.dataDir, 'outbox.db')).list(10)).toHaveLength(5);
  });

  it("runs README's offline-report example: the sample page put in place, the report sent, its delivery filed under the client", async () => {
    const cli = await sandbox();
    expectOk(await cli.run(['clients', 'add', CLIENT_A, '50688888888@c.us', '--name', 'Cliente Temporal']));

    // Without the page, the CLI says where the server will look for it, and the dead letter says so too.
    const missing = { destinatarios: ['50688888888@c.us'], idEnvio: 'rep-20261121-am', subject: 'Informe vespertino' };
    const warned = expectOk(await cli.run(['enqueue', 'offline-report', '-'], { input: JSON.stringify(missing) }));
    const expectedPath = join(cli.dataDir, 'reports', 'informes', 'rep-20261121-am.html');
    expect(warned.stderr).toContain(`warning: no report page at ${expectedPath}`);
    expect(warned.stderr).toContain('--source <file>');

    // README, word by word: the example body and the sample page from the repository.
    const queued = expectOk(
      await cli.run(['enqueue', 'offline-report', join(EXAMPLES, 'body.json'), '--source', join(EXAMPLES, 'informe.html')]),
    );
    expect(queued.stdout).toContain(`stored the report page at ${join(cli.dataDir, 'reports', 'informes', 'abc123.html')}`);
    expect(queued.stdout).toMatch(/^queued message [0-9a-f-]{36} on offline-reports$/mu);
    expect(queued.stderr).not.toContain('warning');

    const server = await startServer(cli.dataDir, { QUEUE_MAX_RECEIVES: '1' });
    running.push(server);
    const outboxFile = join(cli.dataDir, 'outbox.db');
    const sent = await eventually(
      async () => {
        const items = await new OutboxMessaging(outboxFile).list(10);
        return items.length === 1 ? items : undefined;
      },
      20_000,
      'the offline report sent',
    );
    expect(sent[0]).toMatchObject({ to: '+50688888888', text: 'Informe matutino\n\nhttps://media.controles.co.cr/informes/abc123.html' });
    const page = await readFile(join(cli.dataDir, 'reports', 'informes', 'abc123.html'), 'utf8');
    expect(page).toContain('Asamblea aprueba reforma fiscal en primer debate');
    expect(page).not.toContain('<script');

    // The number belongs to exactly one client: the delivery is found by that client.
    const deliveries = JSON.parse(expectOk(await cli.run(['deliveries', 'list', '--client', CLIENT_A, '--json'])).stdout) as {
      items: { job: string; clientId: string; eventKey: string }[];
    };
    expect(deliveries.items).toContainEqual(expect.objectContaining({ job: 'offline-report', clientId: CLIENT_A, eventKey: 'abc123' }));

    const deadLetters = await eventually(
      async () => {
        const listed = expectOk(await cli.run(['dead-letters', 'offline-reports']));
        return listed.stdout.includes('rep-20261121-am') ? listed : undefined;
      },
      20_000,
      'the report without a page dead-lettered',
    );
    // The reason names the place it looked, and the report id stays readable for a search.
    expect(deadLetters.stdout).toContain(`the report informes/rep-20261121-am.html does not exist (looked at ${expectedPath})`);
    expect(server.output.join('\n')).toContain('rep-20261121-am');
    expect(server.output.join('\n')).not.toContain('rep-****');
  });

  it('files an offline-report delivery under "unknown" when no single client has the number', async () => {
    const cli = await sandbox();
    expectOk(await cli.run(['clients', 'add', CLIENT_A, '50677777777@c.us']));
    expectOk(await cli.run(['clients', 'add', CLIENT_B, '+506 7777 7777@c.us']));
    const body = { destinatarios: ['50677777777@c.us', '50688888888@c.us'], idEnvio: 'abc124', subject: 'Informe' };
    expectOk(
      await cli.run(['enqueue', 'offline-report', '-', '--source', join(EXAMPLES, 'informe.html')], { input: JSON.stringify(body) }),
    );
    const server = await startServer(cli.dataDir);
    running.push(server);
    const items = await eventually(
      async () => {
        const listed = JSON.parse(expectOk(await cli.run(['deliveries', 'list', '--job', 'offline-report', '--json'])).stdout) as {
          items: { clientId: string; recipient: string }[];
        };
        return listed.items.length === 2 ? listed.items : undefined;
      },
      20_000,
      'two offline-report deliveries',
    );
    expect(items.map((item) => item.clientId)).toEqual(['unknown', 'unknown']);
  });

  it('says in one line which database file cannot be used and what to do (issue 16)', async () => {
    const cli = await sandbox();
    await mkdir(cli.dataDir, { recursive: true });
    await writeFile(join(cli.dataDir, 'cvt-whatsapp.db'), 'this is not a database, '.repeat(100));
    expectOneLineError(
      await cli.run(['clients', 'list']),
      new RegExp(
        `DATA_DIR: cannot use the database ${join(cli.dataDir, 'cvt-whatsapp.db')} \\(file is not a database; .*move the file aside`,
        'u',
      ),
    );
  });
});
