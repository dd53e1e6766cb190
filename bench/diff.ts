/**
 * `diffPolicies` benchmark: the reference policy (examples/policies/acme-saas.json) against a
 * candidate with one SLA target shortened (`sev2-standard` first response 4h → 2h) and one
 * escalation rule added (page the duty manager at every resolution breach), over 100,000
 * generated ticket snapshots streamed from a generator (never held in an array).
 *
 * At 10k, 50k and 100k tickets it reports the throughput so far (tickets/s: each ticket is
 * evaluated under both policies and compared; by wall time and by this process's CPU time,
 * which a busy machine disturbs less), the peak heap sampled every 500 tickets, and the heap
 * after a full garbage collection: with the default `limit` (1000 kept entries) the retained
 * heap stays flat however long the stream is. Then what comparing and counting cost over the
 * two evaluations alone, and a summary of the diff.
 *
 * Run with `npx tsx bench/diff.ts` (from the sources).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compilePolicy, evaluate, type PolicyDocument } from '../src/index.js';
import { diffPolicies } from '../src/diff/index.js';
import { lcg } from './workload.js';

const TICKETS = 100_000;
const CHECKPOINTS = new Set([10_000, 50_000, 100_000]);
const SAMPLE_EVERY = 500;

// A full GC on demand without starting node with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------- policies
const document = JSON.parse(
  readFileSync(new URL('../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const candidate = structuredClone(document) as unknown as {
  sla: { targets: { id: string; metrics: Record<string, unknown> }[] };
  escalation: { rules: unknown[] };
};
const shortened = candidate.sla.targets.find((target) => target.id === 'sev2-standard');
if (shortened === undefined) throw new Error('the reference policy has no `sev2-standard` target');
shortened.metrics.firstResponse = '2h';
candidate.escalation.rules.push({
  id: 'resolution-breach-duty-manager',
  on: { clock: 'resolution', at: 'breach' },
  actions: [{ kind: 'page', role: 'support-duty-manager' }],
  reason: 'every resolution breach pages the duty manager',
});
const before = compilePolicy(document);
const after = compilePolicy(candidate);

// ---------------------------------------------------------------- tickets
const SUBJECTS = [
  'Checkout is down for everyone',
  'Login fails with SSO',
  'Dashboard slow this morning',
  'Invoice shows a double charge',
  'Question about exports',
  'API returns 500 errors',
  'Mobile app crashes on launch',
  'Feature request: dark mode',
  'Webhook integration stopped syncing',
  'Cannot process payments since the update',
];
const SERVICES = [
  'payments',
  'checkout',
  'identity',
  'sso',
  'api',
  'data-platform',
  'mobile',
  'billing',
  'web-app',
];
const TIERS = ['enterprise', 'business', 'starter', undefined];
const STATUSES = ['open', 'in-progress', 'pending-customer', 'on-hold', 'resolved'];
const PEOPLE = ['ada@example.com', 'grace.hopper@example.com', 'linus@example.com', 'acme-support-bot'];
const START = Date.UTC(2026, 0, 5);
const SPAN = 350 * 86_400_000;

const iso = (ms: number): string => new Date(ms).toISOString();

function randomEvent(random: () => number, pick: <T>(list: readonly T[]) => T): Record<string, unknown> {
  switch (Math.floor(random() * 5)) {
    case 0:
      return { type: 'statusChanged', status: pick(STATUSES) };
    case 1:
      return { type: 'assigned', assignee: pick(PEOPLE) };
    case 2:
      return { type: 'acknowledged', by: pick(PEOPLE) };
    case 3:
      return {
        type: 'replied',
        author: pick(['agent', 'customer']),
        public: random() < 0.7,
        by: pick(PEOPLE),
      };
    default:
      return { type: 'updateSent', audience: 'customer' };
  }
}

interface Snapshot {
  readonly ticket: Record<string, unknown>;
  readonly now: number;
}

/** Ticket snapshots, generated one at a time (the stream is never held in memory); the same seed gives the same stream. */
function* snapshots(count: number, seed: number): Generator<Snapshot> {
  const random = lcg(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < count; i++) {
    const createdAt = START + Math.floor((random() * SPAN) / 60_000) * 60_000;
    let at = createdAt;
    const events: Record<string, unknown>[] = [{ type: 'created', at: iso(createdAt) }];
    const n = Math.floor(random() * 12);
    for (let e = 0; e < n; e++) {
      at += Math.floor(random() * 6 * 60) * 60_000;
      events.push({ ...randomEvent(random, pick), at: iso(at) });
    }
    const tier = pick(TIERS);
    const subject = pick(SUBJECTS);
    yield {
      ticket: {
        id: `T-${String(i)}`,
        createdAt: iso(createdAt),
        subject,
        description: subject,
        service: pick(SERVICES),
        customer: tier === undefined ? { id: `c-${String(i % 997)}` } : { id: `c-${String(i % 997)}`, tier },
        impact: { usersAffected: random() < 0.2 ? Math.floor(random() * 5000) : Math.floor(random() * 20) },
        tags: random() < 0.05 ? ['security'] : [],
        events,
      },
      now: at + (1 + Math.floor(random() * 36 * 60)) * 60_000,
    };
  }
}

// ---------------------------------------------------------------- run
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const rate = (count: number, ms: number): string => Math.round((count * 1000) / ms).toLocaleString('en-US');
/** CPU time of this process in ms (user + system): steadier than wall time on a shared machine. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const rows: {
  tickets: string;
  'tickets/s (wall)': string;
  'tickets/s (CPU)': string;
  'peak heap': string;
  'heap after GC': string;
}[] = [];

gc();
const baseline = process.memoryUsage().heapUsed;
let peak = baseline;
let read = 0;
let current: Snapshot | undefined;
const started = performance.now();
const startedCpu = cpuMs();

/** The tickets of the stream, sampling the heap and reporting at the checkpoints. */
function* tickets(): Generator {
  for (const snapshot of snapshots(TICKETS, 20261127)) {
    current = snapshot;
    yield snapshot.ticket;
    read++;
    if (read % SAMPLE_EVERY === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (CHECKPOINTS.has(read)) {
      const wall = performance.now() - started;
      const cpu = cpuMs() - startedCpu;
      gc();
      rows.push({
        tickets: read.toLocaleString('en-US'),
        'tickets/s (wall)': rate(read, wall),
        'tickets/s (CPU)': rate(read, cpu),
        'peak heap': mb(peak),
        'heap after GC': mb(process.memoryUsage().heapUsed),
      });
    }
  }
}

const diff = diffPolicies(before, after, tickets(), {
  // Each ticket at its own instant: the snapshot the generator just yielded.
  now: (ticket) => {
    const snapshot = current;
    if (snapshot === undefined || snapshot.ticket !== ticket) throw new Error('the stream was read ahead');
    return snapshot.now;
  },
});
const seconds = (performance.now() - started) / 1000;

// ---------------------------------------------------------------- what comparing costs
// After the run (the code is warm), on 1,000 other tickets held in an array: the two
// evaluations alone, then diffPolicies, alternately, five times each; medians of CPU time.
const BLOCK = [...snapshots(1_000, 1)];
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const evaluateTimes: number[] = [];
const diffTimes: number[] = [];
for (let round = 0; round < 5; round++) {
  let t = cpuMs();
  for (const { ticket, now } of BLOCK) {
    evaluate(before, ticket, { now });
    evaluate(after, ticket, { now });
  }
  evaluateTimes.push(cpuMs() - t);
  t = cpuMs();
  diffPolicies(
    before,
    after,
    BLOCK.map((snapshot) => snapshot.ticket),
    { now: (_, index) => BLOCK[index]?.now ?? 0 },
  );
  diffTimes.push(cpuMs() - t);
}
const evaluateMs = median(evaluateTimes);
const diffMs = median(diffTimes);

console.log(
  `diffPolicies: acme-saas vs candidate, ${TICKETS.toLocaleString('en-US')} tickets streamed, ${seconds.toFixed(1)} s`,
);
console.log(`heap before the run (after GC): ${mb(baseline)}`);
console.table(rows);
console.log(
  `on 1,000 tickets (median of 5, CPU): both evaluations alone ${rate(BLOCK.length, evaluateMs)} tickets/s, ` +
    `diffPolicies ${rate(BLOCK.length, diffMs)} tickets/s: comparing and counting add ` +
    `${(((diffMs - evaluateMs) / BLOCK.length) * 1000).toFixed(0)} µs per ticket (${((diffMs / evaluateMs - 1) * 100).toFixed(1)}%)`,
);
const s = diff.summary;
console.log(
  `changed ${String(s.changed)} of ${String(s.tickets)} tickets; kept ${String(diff.tickets.length)} entries (truncated: ${String(diff.truncated)})`,
);
console.log('tickets by change kind:', JSON.stringify(s.byKind));
console.log(
  `breaches: before ${String(s.breaches.before)}, after ${String(s.breaches.after)}, gained ${String(s.breaches.gained)}, lost ${String(s.breaches.lost)}; firstResponse:`,
  JSON.stringify(s.breaches.byMetric.firstResponse),
);
console.log('due actions by rule:', JSON.stringify(s.actions.byRule));
console.log('upcoming actions by rule:', JSON.stringify(s.upcoming.byRule));
console.log('severity migration:', JSON.stringify(s.severityMigration));
