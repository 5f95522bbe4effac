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
  readonly lost: number;
  readonly duplicates: number;
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
      'The same, but 20% of sends are taken by the provider and their answer is lost (the connection drops after the provider accepted). The service cannot know the message went out, so it sends it again: each such repeat is counted. Target: nothing lost; duplicates at most the lost answers.',
  },
  'crash-server': {
    title: 'Server killed',
    about:
      'A large offline-alert run through the built server and the Waapi fake; the server is killed with SIGKILL at random points (while queue bodies are being taken in and while deliveries are being sent), restarted on the same data folder, and killed again; then it runs to the end. A delivery whose send was in flight when the process died may be repeated (its answer was lost with the process). Target: nothing lost.',
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
    .join(', ') || '—') + (row.unsentAtKills === undefined ? '' : ` (${row.unsentAtKills} deliveries unsent at the kills)`);

/** docs/reliability.md, from the figures of one `npm run test:faults`. */
export function renderReliabilityReport(figures: readonly Figures[], context: { machine: string; date: string }): string {
  const lines = [
    '# Reliability',
    '',
    `Written by \`npm run test:faults\` on ${context.date} (${context.machine}); do not edit by hand. The quick subset of the`,
    'same scenarios runs in `npm test`. Every figure below comes from comparing three independent records: what was',
    'asked (one delivery per recipient, each recipient used once), what the provider fake received, and the ledger.',
    '',
    '- **lost**: asked, and neither received by the provider and recorded sent, nor recorded failed with a reason.',
    '- **duplicates**: messages the provider received more than once.',
    '',
    '| Scenario | Runs | Faults injected | Deliveries | Sent | Failed | Lost | Duplicates |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const sections: string[] = [];
  for (const [scenario, { title, about }] of Object.entries(SCENARIOS)) {
    const rows = figures.filter((figure) => figure.scenario === scenario);
    if (rows.length === 0) continue;
    const runs = new Set(rows.map((row) => row.seed)).size;
    const total = (pick: (row: Figures) => number) => sum(rows.map(pick));
    lines.push(
      `| ${title} | ${runs} | ${total((row) => sum(Object.values(row.faults)))} | ${total((row) => row.asked)} | ${total((row) => row.sent)} | ${total((row) => row.failed)} | ${total((row) => row.lost)} | ${total((row) => row.duplicates)} |`,
    );
    sections.push(
      '',
      `## ${title}`,
      '',
      about,
      '',
      '| Seed | Job | Provider calls | Faults injected | Deliveries | Sent | Failed | Lost | Duplicates |',
      '|---:|---|---:|---|---:|---:|---:|---:|---:|',
      ...[...rows]
        .sort((a, b) => a.seed - b.seed || a.job.localeCompare(b.job))
        .map(
          (row) =>
            `| ${row.seed} | ${row.job} | ${row.providerCalls} | ${faultsText(row)} | ${row.asked} | ${row.sent} | ${row.failed} | ${row.lost} | ${row.duplicates} |`,
        ),
    );
  }
  return `${[...lines, ...sections].join('\n')}\n`;
}
