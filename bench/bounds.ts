/**
 * Worst-case bounds of `evaluate` at the documented limits (docs/security.md): the reference
 * policy (examples/policies/acme-saas.json) against tickets built to be as expensive as the
 * limits allow — 10,000 events in the costliest histories found, strings of 1,000,000
 * characters of adversarial text, 250,000 values, data nested 64 levels, the largest lists of
 * redacted field values — and, for comparison, a typical ticket and tickets over a limit
 * (refused at once). For each: the time (median and maximum of the runs, after one warm-up),
 * the heap the call allocated (heap growth across the call, collection disabled between), and
 * the size of the decision's JSON.
 *
 * Run with `npm run bench:bounds` (it needs `--expose-gc`). Figures in docs/security.md.
 */
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, type Decision } from '../src/index.js';
import {
  MAX_TICKET_ARRAY_LENGTH,
  MAX_TICKET_DEPTH,
  MAX_TICKET_EVENTS,
  MAX_TICKET_STRING_LENGTH,
  MAX_TICKET_TEXT_LENGTH,
  MAX_TICKET_VALUES,
} from '../src/index.js';

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
const policy = compilePolicy(read('examples/policies/acme-saas.json'));
const sev1 = (): Record<string, unknown> =>
  read('examples/tickets/sev1-outage.json') as Record<string, unknown>;
const CREATED = Date.parse('2026-03-09T14:00:00Z');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:bounds)');

const text = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const at = (i: number): string => new Date(CREATED + (i + 1) * 1000).toISOString();

/** The Sev1 ticket with a history of `MAX_TICKET_EVENTS` events: `created`, then `make(i)`. */
function history(make: (i: number, at: string) => unknown): Record<string, unknown> {
  const events: unknown[] = [{ type: 'created', at: '2026-03-09T14:00:00Z' }];
  for (let i = 0; events.length < MAX_TICKET_EVENTS; i++) events.push(make(i, at(i)));
  return { ...sev1(), status: 'open', events };
}

const MANAGER = { by: 'nora.obrien@example.com', role: 'support-managers', reason: 'customer asked' };

interface Scenario {
  readonly name: string;
  readonly ticket: () => unknown;
  /** Evaluated at (default: an hour after the last event of a full history). */
  readonly now?: string;
  readonly explain?: boolean;
  /** Runs after the warm-up (default 5). */
  readonly runs?: number;
}

const LATE = '2026-03-09T18:00:00Z';
const scenarios: readonly Scenario[] = [
  { name: 'typical: the Sev1 outage of the examples (5 events)', ticket: sev1, now: '2026-03-09T14:20:00Z' },
  {
    name: 'typical, with explain',
    ticket: sev1,
    now: '2026-03-09T14:20:00Z',
    explain: true,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events: replies, status changes, assignments… in turn`,
    ticket: () =>
      history((i, when) =>
        i % 4 === 0
          ? {
              type: 'replied',
              at: when,
              author: i % 8 === 0 ? 'customer' : 'agent',
              public: true,
              by: 'hugo.laurent@example.com',
            }
          : i % 4 === 1
            ? { type: 'statusChanged', at: when, status: i % 8 === 1 ? 'pending-customer' : 'in-progress' }
            : i % 4 === 2
              ? { type: 'assigned', at: when, assignee: 'hugo.laurent@example.com' }
              : { type: 'acknowledged', at: when, by: 'hugo.laurent@example.com' },
      ),
    now: LATE,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events: guarded downgrades, then approvals by non-approvers`,
    ticket: () =>
      history((i, when) =>
        i < MAX_TICKET_EVENTS / 2
          ? { type: 'severityOverridden', at: when, severity: i % 2 === 0 ? 'sev3' : 'sev1', ...MANAGER }
          : {
              type: 'approvalGranted',
              at: when,
              gate: i % 2 === 0 ? 'sev1-downgrade' : 'sev2-downgrade',
              by: 'mallory@example.com',
            },
      ),
    now: LATE,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events: resolved and reopened in turn (a reopen rule fires each time)`,
    ticket: () =>
      history((i, when) => ({ type: 'statusChanged', at: when, status: i % 2 === 0 ? 'resolved' : 'open' })),
    now: LATE,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events: the same, with explain`,
    ticket: () =>
      history((i, when) => ({ type: 'statusChanged', at: when, status: i % 2 === 0 ? 'resolved' : 'open' })),
    now: LATE,
    explain: true,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events: escalation requests`,
    ticket: () =>
      history((_, when) => ({
        type: 'escalationRequested',
        at: when,
        by: 'ada@example.com',
        role: 'support-agents',
        to: 'support-tier2',
        reason: 'x',
      })),
    now: LATE,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events: paused and resumed in turn, with explain`,
    ticket: () =>
      history((i, when) => ({
        type: 'statusChanged',
        at: when,
        status: i % 2 === 0 ? 'pending-customer' : 'open',
      })),
    now: LATE,
    explain: true,
  },
  {
    name: `${String(MAX_TICKET_EVENTS)} events out of order`,
    ticket: () =>
      history((i) => ({
        type: 'replied',
        at: at((i * 7919) % MAX_TICKET_EVENTS),
        author: i % 2 === 0 ? 'agent' : 'customer',
        public: true,
      })),
    now: LATE,
  },
  ...(['is dow ', 'a@a@a.', '4111 1111 1111 111 ', 'cannot log i ', 'é́́ '] as const).map((unit): Scenario => ({
    name: `subject and description of ${String(MAX_TICKET_STRING_LENGTH)} characters of ${JSON.stringify(unit)}`,
    ticket: () => ({
      ...sev1(),
      subject: text(unit, MAX_TICKET_STRING_LENGTH),
      description: text(unit, MAX_TICKET_STRING_LENGTH),
    }),
    now: '2026-03-09T14:20:00Z',
    runs: 3,
  })),
  {
    name: `${String(MAX_TICKET_TEXT_LENGTH)} characters of text in custom fields (not read by the policy)`,
    ticket: () => ({
      ...sev1(),
      fields: Object.fromEntries(
        Array.from({ length: 9 }, (_, i) => [`note${String(i)}`, text('lorem ', MAX_TICKET_STRING_LENGTH)]),
      ),
    }),
    now: '2026-03-09T14:20:00Z',
    runs: 3,
  },
  {
    name: `${String(MAX_TICKET_VALUES)} values less a few (custom fields)`,
    ticket: () => {
      const fields: Record<string, number> = {};
      for (let i = 0; i < MAX_TICKET_VALUES - 100; i++) fields[`f${String(i)}`] = i;
      return { ...sev1(), fields };
    },
    now: '2026-03-09T14:20:00Z',
    runs: 3,
  },
  {
    name: `data nested ${String(MAX_TICKET_DEPTH)} levels deep`,
    ticket: () => {
      let value: unknown = 'x';
      for (let i = 0; i < MAX_TICKET_DEPTH - 1; i++) value = { a: value };
      return { ...sev1(), fields: value };
    },
    now: '2026-03-09T14:20:00Z',
  },
  {
    name: `${String(MAX_TICKET_ARRAY_LENGTH)} redacted values (fields.contactEmail) and a subject of ${String(MAX_TICKET_STRING_LENGTH - 10_000)} characters`,
    ticket: () => ({
      ...sev1(),
      subject: 'a'.repeat(MAX_TICKET_STRING_LENGTH - 10_000),
      fields: {
        contactEmail: Array.from(
          { length: MAX_TICKET_ARRAY_LENGTH },
          (_, i) => `${'a'.repeat(40)}b${'a'.repeat(40)}${String(i)}`,
        ),
      },
    }),
    now: '2026-03-09T14:20:00Z',
    runs: 1,
  },
  {
    name: 'over a limit: 100,000 events (refused at once, fallback)',
    ticket: () => {
      const events: unknown[] = [];
      for (let i = 0; i < 100_000; i++)
        events.push({ type: 'replied', at: at(i), author: 'customer', public: true });
      return { ...sev1(), events };
    },
    now: LATE,
  },
  {
    name: 'over a limit: a 10 MB subject (refused at once, fallback)',
    ticket: () => ({ ...sev1(), subject: text('outage ', 10_000_000) }),
    now: '2026-03-09T14:20:00Z',
  },
];

function measure(scenario: Scenario): {
  medianMs: number;
  maxMs: number;
  allocatedMb: number;
  decisionKb: number;
} {
  const ticket = scenario.ticket();
  const options = { now: scenario.now ?? LATE, explain: scenario.explain === true };
  evaluate(policy, ticket, options); // warm-up
  const times: number[] = [];
  let allocated = 0;
  let decision: Decision | undefined;
  for (let run = 0; run < (scenario.runs ?? 5); run++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    decision = evaluate(policy, ticket, options);
    times.push(performance.now() - started);
    allocated = Math.max(allocated, process.memoryUsage().heapUsed - before);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    maxMs: times[times.length - 1] ?? 0,
    allocatedMb: allocated / 1_048_576,
    decisionKb: JSON.stringify(decision).length / 1024,
  };
}

console.log(`evaluate at the documented limits — Node ${process.version}, reference policy\n`);
console.log('| ticket | median | max | heap allocated | decision JSON |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const scenario of scenarios) {
  const { medianMs, maxMs, allocatedMb, decisionKb } = measure(scenario);
  const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
  console.log(
    `| ${scenario.name} | ${ms(medianMs)} | ${ms(maxMs)} | ${allocatedMb.toFixed(1)} MB | ${decisionKb < 1024 ? `${decisionKb.toFixed(1)} KB` : `${(decisionKb / 1024).toFixed(1)} MB`} |`,
  );
}
