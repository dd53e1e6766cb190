/**
 * `correlate` benchmark: how the time to group tickets and find problems grows with the
 * number of tickets, over the reference policy (examples/policies/acme-saas.json).
 *
 * Tickets are generated at a constant rate (about 70 an hour, as a large support desk gets),
 * so that more tickets means a longer period, as when a host correlates a longer history:
 * 10k tickets span about 6 days, 100k about 60. Services are picked with a skewed (Zipf)
 * distribution over 40 services, so the busiest ones chain into long groups; subjects and
 * descriptions mix a topic's words with words from a 3,000-word vocabulary; 5 % of tickets
 * link an earlier ticket (`relatedTicketIds`); and an incident burst (12 to 30 tickets on one
 * service within 20 minutes, sharing a subject) comes about every 6 hours.
 *
 * For each size it reports the median of 3 runs (after a warm-up) of `reportIncidents` with
 * the policy's problems, and of grouping alone (a copy of the policy without problem rules),
 * in ms of this process's CPU time (which a busy machine disturbs less than wall time; the
 * garbage collector's threads included) and µs per ticket; the growth factor compares the time with the previous
 * size's, per ticket: 1.00 is linear, 2.00 at 2× the tickets would be quadratic.
 *
 * Run with `npx tsx bench/correlate.ts` (from the sources).
 */
import { readFileSync } from 'node:fs';
import { compilePolicy, type PolicyDocument } from '../src/index.js';
import { reportIncidents } from '../src/correlate/index.js';
import { lcg } from './workload.js';

const SIZES = [10_000, 20_000, 50_000, 100_000];
const RUNS = 3;
const START = Date.UTC(2026, 0, 5);
const PER_HOUR = 70;

const document = JSON.parse(
  readFileSync(new URL('../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const withProblems = compilePolicy(document);
const groupingOnly = compilePolicy({
  ...document,
  problems: { ...document.problems, rules: [] },
});

/** The tickets of one run: deterministic for a size. */
function generate(count: number): Record<string, unknown>[] {
  const random = lcg(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`);
  const services = [
    'payments',
    'checkout',
    'identity',
    'sso',
    'billing',
    'invoicing',
    'web-app',
    'dashboards',
    'reports',
    'notifications',
    'search',
    'api',
    'webhooks',
    'exports',
    'mobile-ios',
    'mobile-android',
    'slack-app',
    'jira-connector',
    'salesforce-connector',
    'data-platform',
    ...Array.from({ length: 20 }, (_, i) => `service-${String(i)}`),
  ];
  // Zipf weights: the first service gets the most tickets.
  const weights = services.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight / total));
  const service = (): string => {
    const r = random();
    const i = cumulative.findIndex((c) => r <= c);
    return services[i === -1 ? services.length - 1 : i] as string;
  };
  const topics = Array.from({ length: 400 }, () => [pick(vocabulary), pick(vocabulary), pick(vocabulary)]);
  const words = (n: number): string => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
  const tiers = ['enterprise', 'business', 'business', 'starter', 'starter', 'starter'];
  const tickets: Record<string, unknown>[] = [];
  let at = START;
  let nextBurst = START + 6 * 3_600_000 * random();
  while (tickets.length < count) {
    if (at >= nextBurst) {
      const size = 12 + Math.floor(random() * 19);
      const burstService = service();
      const topic = pick(topics).join(' ');
      for (let i = 0; i < size && tickets.length < count; i++) {
        const id = `T-${String(tickets.length)}`;
        tickets.push({
          id,
          createdAt: new Date(nextBurst + random() * 20 * 60_000).toISOString(),
          service: burstService,
          subject: `${topic} ${words(2)}`,
          description: words(12),
          status: random() < 0.3 ? 'resolved' : 'open',
          customer: { id: `c-${String(Math.floor(random() * 5000))}`, tier: pick(tiers) },
        });
      }
      nextBurst += 6 * 3_600_000 * (0.5 + random());
    }
    at += (3_600_000 / PER_HOUR) * 2 * random();
    const related =
      random() < 0.05 && tickets.length > 0 ? [`T-${String(Math.floor(random() * tickets.length))}`] : [];
    tickets.push({
      id: `T-${String(tickets.length)}`,
      createdAt: new Date(at).toISOString(),
      service: service(),
      subject: `${pick(topics).join(' ')} ${words(3)}`,
      description: words(10 + Math.floor(random() * 20)),
      status: random() < 0.6 ? 'resolved' : 'open',
      customer: { id: `c-${String(Math.floor(random() * 5000))}`, tier: pick(tiers) },
      relatedTicketIds: related,
    });
  }
  return tickets;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The median CPU time (user + system, ms) of this process over the runs: a busy machine disturbs it less than wall time. */
function time(run: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return median(samples);
}

console.log(
  `correlate over the reference policy: median CPU time of ${String(RUNS)} runs; growth = (time / previous time) / (size / previous size)`,
);
console.log(
  'tickets   span      grouping only            with problems             groups  problems  grouped',
);
let previous: { size: number; grouping: number; full: number } | undefined;
// Warm-up (JIT) on a small input.
reportIncidents(withProblems, generate(5_000), { now: '2027-01-01T00:00:00Z' });
for (const size of SIZES) {
  const tickets = generate(size);
  const last = tickets.reduce((max, t) => Math.max(max, Date.parse(t.createdAt as string)), 0);
  const options = { now: new Date(last).toISOString() };
  let report = reportIncidents(withProblems, tickets, options);
  const grouping = time(() => reportIncidents(groupingOnly, tickets, options));
  const full = time(() => {
    report = reportIncidents(withProblems, tickets, options);
  });
  const growth = (now: number, before: number | undefined): string =>
    previous === undefined || before === undefined
      ? '     '
      : ((now / before) * (previous.size / size)).toFixed(2);
  const days = (last - START) / 86_400_000;
  console.log(
    [
      String(size).padStart(7),
      `${days.toFixed(1).padStart(5)} d`,
      `${grouping.toFixed(0).padStart(6)} ms ${((grouping * 1000) / size).toFixed(1).padStart(5)} µs/t ${growth(grouping, previous?.grouping)}`,
      `${full.toFixed(0).padStart(6)} ms ${((full * 1000) / size).toFixed(1).padStart(5)} µs/t ${growth(full, previous?.full)}`,
      String(report.groups.length).padStart(7),
      String(report.problems.length).padStart(9),
      String(report.tickets.grouped).padStart(8),
    ].join('  '),
  );
  previous = { size, grouping, full };
}
