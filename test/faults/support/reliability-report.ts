export interface Figures {
  readonly scenario: string;
  readonly seed: number;
  /** The job, or what the run drove. */
  readonly job: string;
  /** Faults injected during the run, by kind. */
  readonly faults: Readonly<Record<string, number>>;
  /** Crash runs: deliveries still queued or being sent at the moments the process was killed. */
  readonly unsentAtKills?: number;
  readonly providerCalls: number;
  readonly asked: number;
  readonly sent: number;
  readonly failed: number;
  /** Waited past the job's maximum age (issue 10); absent from figures of runs before it. */
  readonly expired?: number;
  readonly lost: number;
  readonly duplicates: number;
  /** Answers to sends the provider took that came after the service stopped waiting (lost answers too). */
  readonly answersAbandoned?: number;
}

const SCENARIOS: Readonly<Record<string, { title: string; about: string }>> = {
  'provider-faults': {
    title: 'Provider faults',
    about:
      'The built server on the embedded default, sending through `waapi` to a loopback Waapi fake behind a chaos proxy that fails 30% of send calls, evenly: HTTP 500, 429 with `Retry-After: 1`, a call held past the 500 ms timeout, a connection reset before the provider sees it, the 200 that hides "instance not ready", and the 200 that hides a permanent "incorrect chatId format". Each job reaches its own recipients through its public route. Target: nothing lost, no duplicate; only a permanent refusal ends a delivery as failed.',
  },
  'lost-answers': {
    title: 'Lost answers',
    about:
      'The same, but 20% of sends are taken by the provider and their answer is lost (the connection drops after the provider accepted). The service cannot know the message went out, so it sends it again: each such repeat is counted. Target: nothing lost; duplicates at most the lost answers (those injected, and any answer that came after the service had stopped waiting for it, which a loaded machine causes too).',
  },
  'crash-server': {
    title: 'Server killed',
    about:
      'A large offline-alert run through the built server and the Waapi fake; the server is killed with SIGKILL at random points (while queue bodies are being taken in and while deliveries are being sent), restarted on the same data folder, and killed again; then it runs to the end. A delivery whose send was in flight when the process died may be repeated (its answer was lost with the process). Target: nothing lost.',
  },
  'crash-webhook': {
    title: 'Server killed while webhook calls arrive',
    about:
      'Twenty connections post Meltwater webhook calls to the built server at once (one call per client, three contacts each), so that their deliveries are recorded in shared, group-committed transactions; the server is killed with SIGKILL once a third of the calls are answered. Read straight from the database file before any restart, every delivery of every call answered 202 is there; then the server restarts, the calls that got no answer are made again (as Meltwater retries) and everything goes out. Target: nothing answered and lost, nothing lost in the end; a repeat only for a send in flight at the kill.',
  },
  outage: {
    title: 'Provider outage',
    about:
      'The built server sending the four jobs through a loopback Waapi fake that goes down for long: its port refuses connections, then its session is logged out (Waapi\u2019s "instance not ready", status `qr`), then its gateway answers HTTP 503, each for a third of ten times the whole retry schedule (`DISPATCH_MAX_ATTEMPTS=3`, `DISPATCH_RETRY_BASE_MS=200`: 6 s); then it recovers. Every job starts during the outage. Target: nothing failed, nothing lost: deliveries wait for the provider without spending attempts and go out once when it is back; a repeat only where the provider, swamped at recovery, took a send but answered after the 3 s the service waits (counted by the test as late answers).',
  },
  'outage-expiry': {
    title: 'Provider outage longer than the maximum age',
    about:
      'The same outage, with the maximum age of offline alerts (`DELIVERY_MAX_AGE_HOURS`) set to a third of it. Target: every offline alert `expired` with its reason, none sent late, none `failed`; the other jobs sent once.',
  },
  'two-workers': {
    title: 'Two workers, and a worker killed',
    about:
      'Two built workers long-poll the same SQS queues (fauxqs) and share one ledger; one of them is killed with SIGKILL mid-run and started again. Target: nothing lost, no duplicate beyond sends in flight in the killed worker.',
  },
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const faultsText = (row: Figures) =>
  (Object.entries(row.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ') || '—') +
  (row.answersAbandoned ? `, answers after the service's timeout ${row.answersAbandoned}` : '') +
  (row.unsentAtKills === undefined ? '' : ` (${row.unsentAtKills} deliveries unsent at the kills)`);

/** docs/reliability.md, from the figures of one `npm run test:faults`. */
export function renderReliabilityReport(
  figures: readonly Figures[],
  context: { machine: string; date: string; /** The report this one replaces. */ previous?: string },
): string {
  const lines = [
    '# Reliability',
    '',
    `Written by \`npm run test:faults\` on ${context.date} (${context.machine}); do not edit by hand. The quick subset of the`,
    'same scenarios runs in `npm test`. Every figure below comes from comparing three independent records: what was',
    'asked (one delivery per recipient, each recipient used once), what the provider fake received, and the ledger.',
    'A scenario run on its own replaces only its own rows; the others keep the figures of the run that wrote them.',
    '',
    '- **lost**: asked, and neither received by the provider and recorded sent, nor recorded failed with a reason.',
    '- **duplicates**: messages the provider received more than once.',
    '',
    '| Scenario | Runs | Faults injected | Deliveries | Sent | Failed | Expired | Lost | Duplicates |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const sections: string[] = [];
  for (const [scenario, { title, about }] of Object.entries(SCENARIOS)) {
    const rows = figures.filter((figure) => figure.scenario === scenario);
    if (rows.length === 0) {
      // Not run this time (one scenario file run on its own): its figures from the previous report stay.
      const kept = keptScenario(context.previous ?? '', title);
      if (kept !== undefined) {
        lines.push(kept.summary);
        sections.push('', ...kept.section);
      }
      continue;
    }
    const runs = new Set(rows.map((row) => row.seed)).size;
    const total = (pick: (row: Figures) => number) => sum(rows.map(pick));
    lines.push(
      `| ${title} | ${runs} | ${total((row) => sum(Object.values(row.faults)))} | ${total((row) => row.asked)} | ${total((row) => row.sent)} | ${total((row) => row.failed)} | ${total((row) => row.expired ?? 0)} | ${total((row) => row.lost)} | ${total((row) => row.duplicates)} |`,
    );
    sections.push(
      '',
      `## ${title}`,
      '',
      about,
      '',
      '| Seed | Job | Provider calls | Faults injected | Deliveries | Sent | Failed | Expired | Lost | Duplicates |',
      '|---:|---|---:|---|---:|---:|---:|---:|---:|---:|',
      ...[...rows]
        .sort((a, b) => a.seed - b.seed || a.job.localeCompare(b.job))
        .map(
          (row) =>
            `| ${row.seed} | ${row.job} | ${row.providerCalls} | ${faultsText(row)} | ${row.asked} | ${row.sent} | ${row.failed} | ${row.expired ?? 0} | ${row.lost} | ${row.duplicates} |`,
        ),
    );
  }
  return `${[...lines, ...sections].join('\n')}\n`;
}

/**
 * A scenario's summary row and section as an earlier report wrote them, the Expired column added to
 * tables written before it existed (nothing could expire then).
 */
function keptScenario(previous: string, title: string): { summary: string; section: string[] } | undefined {
  const lines = previous.split('\n');
  const summary = lines.find((line) => line.startsWith(`| ${title} |`));
  const start = lines.indexOf(`## ${title}`);
  if (summary === undefined || start < 0) return undefined;
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const section = lines.slice(start, next < 0 ? undefined : next);
  while (section.at(-1) === '') section.pop();
  return { summary: withExpiredColumn(summary, 8, 6), section: section.map((line) => withExpiredColumn(line, 9, 7)) };
}

/** A table row of `cells` cells gets an Expired cell before position `at` (0 in rows, the column in headers). */
function withExpiredColumn(line: string, cells: number, at: number): string {
  if (!line.startsWith('|')) return line;
  const parts = line.slice(1, -1).split('|');
  if (parts.length !== cells) return line;
  const cell =
    parts[0]!.trim() === 'Seed' || parts[0]!.trim() === 'Scenario'
      ? ' Expired '
      : /^-+:?$|^:?-+:?$/u.test(parts[at - 1]!.trim())
        ? '---:'
        : ' 0 ';
  parts.splice(at, 0, cell);
  return `|${parts.join('|')}|`;
}
