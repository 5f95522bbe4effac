import { startFauxqs, type Fauxqs } from '../../test/support/fauxqs.ts';
import { spawnNode } from '../lib/processes.ts';
import { check, type BenchReport, type Check } from '../lib/report.ts';
import { round } from '../lib/stats.ts';
import { stopWithin } from '../lib/stop.ts';
import { processCpuMs } from '../lib/process-cpu.ts';
import type { Spawned } from '../lib/processes.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { offlineAlertBody } from './alert-bodies.ts';
import { fillQueue } from './fill-queue.ts';
import { outboxCount } from './outbox-count.ts';
import { watchDrain, type Drained } from './queue-watch.ts';

const MESSAGES = 2_000;
const BUCKET = 'ciris-controles-prod';

interface Drain extends Drained {
  readonly perSecond: number;
  /** CPU time (user + system) the consumer process used per message while the clock ran, from /proc. */
  readonly cpuMsPerMessage: number | undefined;
  /** Messages per second until the inbound queue was empty (the worker's outbox may still be filling). */
  readonly queueEmptyPerSecond: number;
}

/** Benchmark 5: offline alerts drained from fauxqs into the outbox by the built worker, against a bare receive-and-delete loop. */
export async function workerBench(): Promise<BenchReport> {
  const fauxqs = await startFauxqs();
  try {
    const bare = await bareDrain(fauxqs);
    const worker = await workerDrain(fauxqs, 'sqs');
    const ledger = await workerDrain(fauxqs, 'ledger');
    const floor = await sqsFloorDrain(fauxqs);
    return {
      id: 'worker',
      title: '5. Worker drain (SQS → outbox)',
      checks: [
        check(
          'messages per second',
          { value: round(bare.perSecond, 0), unit: 'msg/s', what: 'ReceiveMessage(10) + DeleteMessageBatch' },
          { value: round(worker.perSecond, 0), unit: 'msg/s', what: 'worker: queue → ledger → dispatch queue → outbox' },
          { of: 'ratio', comparison: '>=', value: 0.7 },
        ),
        check(
          'messages per second, no dispatch queue',
          { value: round(bare.perSecond, 0), unit: 'msg/s', what: 'ReceiveMessage(10) + DeleteMessageBatch' },
          { value: round(ledger.perSecond, 0), unit: 'msg/s', what: 'worker without SQS_DISPATCH_URL: queue → ledger → outbox' },
          null,
        ),
        check(
          'floor: the SQS work alone',
          { value: round(bare.perSecond, 0), unit: 'msg/s', what: 'ReceiveMessage(10) + DeleteMessageBatch' },
          {
            value: round(floor.perSecond, 0),
            unit: 'msg/s',
            what: 'sqs-floor.ts: receive, forward in a batch, delete in a batch; receive and delete the dispatch queue',
          },
          null,
        ),
        ...cpuCheck(bare, worker),
        ...floorCpuCheck(floor, worker),
      ],
      details: { messages: MESSAGES, bare, worker, workerWithoutDispatchQueue: ledger, sqsFloor: floor },
      notes: [
        `${MESSAGES} CVT-shaped offline alerts (notificaciones-controles bodies of one entry each, every one a new note to a different WhatsApp user) on a queue of fauxqs, the SQS emulator, running in the bench process on 127.0.0.1.`,
        'Worker: dist/worker/main.mjs with QUEUE=sqs, STORE=sqlite, SQS_DISPATCH_URL set, the outbox provider, LOG_LEVEL=warn. "Drained into the outbox" means each message was received, recorded as a delivery in the SQLite ledger, its id published to the dispatch queue and the inbound message deleted, then the dispatch message received, the delivery claimed, sent through the outbox provider (a row in DATA_DIR/outbox.db), recorded sent and the dispatch message deleted: the clock stops when the outbox holds them all.',
        'For information, the same worker without SQS_DISPATCH_URL, which then sends from its SQLite ledger in process (as the server does) instead of passing each delivery through the dispatch queue.',
        'CPU per message (for information, Linux only): user + system time of the consumer process from /proc/<pid>/stat, between the first and the last look of the watch, divided by the messages; a loaded machine changes it far less than the rates.',
        "Floor, for information (no target; bench/worker/sqs-floor.ts): the SQS requests the worker makes through the dispatch queue and nothing else (no ledger, no outbox), with the worker's SQS client settings; its clock stops when its dispatch loop has deleted every message. Its ratio is the ceiling of the worker's on this machine.",
        'Baseline: a process that receives up to 10 messages (WaitTimeSeconds 1) and deletes them with one DeleteMessageBatch, until a receive comes back empty, on an equally filled queue of the same emulator. Both clocks start when the first message leaves the queue, so neither process start is counted; progress is polled every 20 ms.',
      ],
    };
  } finally {
    await fauxqs.close();
  }
}

async function bareDrain(fauxqs: Fauxqs): Promise<Drain> {
  const queue = await fauxqs.createQueue('bench-bare-drain');
  await fillQueue(fauxqs.sqs, queue.url, MESSAGES, offlineAlertBody);
  const consumer = spawnNode([...profileFlags('bare'), 'bench/worker/bare-drain.ts', fauxqs.endpoint, queue.url], {});
  try {
    const cpu = cpuMeter(consumer);
    return rates(await watchDrain(fauxqs.sqs, queue.url, MESSAGES, (queueEmpty) => cpu.read() && queueEmpty), cpu.used());
  } finally {
    await stopWithin(consumer);
  }
}

async function sqsFloorDrain(fauxqs: Fauxqs): Promise<Drain> {
  const inbound = await fauxqs.createQueue('bench-floor-alerts');
  const dispatch = await fauxqs.createQueue('bench-floor-dispatch');
  await fillQueue(fauxqs.sqs, inbound.url, MESSAGES, offlineAlertBody);
  const consumer = spawnNode(
    [...profileFlags('floor'), 'bench/worker/sqs-floor.ts', fauxqs.endpoint, inbound.url, dispatch.url, String(MESSAGES)],
    {},
  );
  try {
    const cpu = cpuMeter(consumer);
    const drainedAll = () => consumer.output.some((line) => line === `drained ${MESSAGES}`);
    return rates(await watchDrain(fauxqs.sqs, inbound.url, MESSAGES, () => cpu.read() && drainedAll()), cpu.used());
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${consumer.output.slice(-20).join('\n')}`);
  } finally {
    await stopWithin(consumer);
  }
}

/** `dispatch`: through the SQS dispatch queue (SQS_DISPATCH_URL), or from the worker's own ledger. */
async function workerDrain(fauxqs: Fauxqs, dispatchBy: 'sqs' | 'ledger'): Promise<Drain> {
  const dataDir = tempDir('worker');
  const name = (queue: string) => `${queue}-${dispatchBy}`;
  await fauxqs.createBucket(`${BUCKET}-${dispatchBy}`);
  const reports = await fauxqs.createQueue(name('whatsapp-informes'), { maxReceiveCount: 5 });
  const alerts = await fauxqs.createQueue(name('notificaciones-controles'), { maxReceiveCount: 5 });
  const dispatch = dispatchBy === 'sqs' ? await fauxqs.createQueue(name('cvt-whatsapp-dispatch'), { maxReceiveCount: 10 }) : undefined;
  await fillQueue(fauxqs.sqs, alerts.url, MESSAGES, offlineAlertBody);
  const worker = spawnNode([...profileFlags(dispatchBy), '--enable-source-maps', 'dist/worker/main.mjs'], {
    ...fauxqs.env,
    STORE: 'sqlite',
    DATA_DIR: dataDir.path,
    REPORT_STORE: 's3',
    S3_BUCKET: `${BUCKET}-${dispatchBy}`,
    QUEUE: 'sqs',
    SQS_OFFLINE_REPORTS_URL: reports.url,
    SQS_OFFLINE_ALERTS_URL: alerts.url,
    ...(dispatch === undefined ? {} : { SQS_DISPATCH_URL: dispatch.url }),
    LOG_LEVEL: 'warn',
  });
  try {
    let sent = 0;
    const cpu = cpuMeter(worker);
    const drained = await watchDrain(fauxqs.sqs, alerts.url, MESSAGES, () => cpu.read() && (sent = outboxCount(dataDir.path)) >= MESSAGES);
    if (sent !== MESSAGES) throw new Error(`the outbox holds ${sent} messages for ${MESSAGES} alerts`);
    return rates(drained, cpu.used());
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${worker.output.slice(-20).join('\n')}`);
  } finally {
    await stopWithin(worker, 10_000);
    dataDir.remove();
  }
}

/**
 * BENCH_WORKER_CPU_PROF=<dir>: each consumer writes a CPU profile there (<dir>/<bare|sqs|ledger>/…cpuprofile), to
 * see where its time goes. Off by default: the profiler costs a little CPU of its own.
 */
function profileFlags(consumer: 'bare' | 'sqs' | 'ledger' | 'floor'): string[] {
  const dir = process.env['BENCH_WORKER_CPU_PROF'];
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}/${consumer}`];
}

/**
 * For information: the CPU time each consumer spent per message, which a loaded machine disturbs far
 * less than the rates (where /proc is there to read it).
 */
function cpuCheck(bare: Drain, worker: Drain): Check[] {
  if (bare.cpuMsPerMessage === undefined || worker.cpuMsPerMessage === undefined) return [];
  return [
    check(
      'CPU per message',
      { value: bare.cpuMsPerMessage, unit: 'ms', what: 'the bare loop process' },
      { value: worker.cpuMsPerMessage, unit: 'ms', what: 'the worker process, through the dispatch queue' },
      null,
    ),
  ];
}

function floorCpuCheck(floor: Drain, worker: Drain): Check[] {
  if (floor.cpuMsPerMessage === undefined || worker.cpuMsPerMessage === undefined) return [];
  return [
    check(
      'CPU per message, floor',
      { value: floor.cpuMsPerMessage, unit: 'ms', what: 'the SQS floor process' },
      { value: worker.cpuMsPerMessage, unit: 'ms', what: 'the worker process, through the dispatch queue' },
      null,
    ),
  ];
}

/**
 * The consumer's CPU time between the first and the last look of the watch (which start with the first
 * message taken and end when the drain is done): `read` notes it and always answers true.
 */
function cpuMeter(consumer: Spawned): { read(): true; used(): number | undefined } {
  let first: number | undefined;
  let last: number | undefined;
  return {
    read() {
      last = processCpuMs(consumer.child.pid);
      first ??= last;
      return true;
    },
    used: () => (first === undefined || last === undefined ? undefined : last - first),
  };
}

function rates(drained: Drained, cpuMs: number | undefined): Drain {
  return {
    ...drained,
    cpuMsPerMessage: cpuMs === undefined ? undefined : round(cpuMs / MESSAGES, 3),
    perSecond: MESSAGES / ((drained.done - drained.firstTaken) / 1_000),
    queueEmptyPerSecond: MESSAGES / ((drained.queueEmpty - drained.firstTaken) / 1_000),
  };
}
