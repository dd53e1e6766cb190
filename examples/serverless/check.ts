/**
 * Checks the serverless handlers over five simulated days: the helpdesk calls the Lambda
 * handler at every change of three tickets, and the scheduled sweep runs every minute. Each
 * due action must be performed exactly once, never before its due instant and within a
 * minute of it, and a sweep must evaluate exactly the tickets that are due.
 * Exits non-zero on the first failure. Run: `npx tsx examples/serverless/check.ts`
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, type DecisionAction, type Ticket } from 'escalation-engine';
import { createLambdaHandler, createLambdaSweepHandler } from './lambda.js';
import { createMemoryTicketStore, type StoredTicket } from './ticket-store.js';
import { createWorker } from './worker.js';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const policy = compilePolicy(read('../policies/acme-saas.json'));
const tickets = ['sev1-outage', 'enterprise-degradation', 'paused'].map(
  (name) => read(`../tickets/${name}.json`) as Ticket,
);

// The simulated clock, the store (seen through a wrapper that remembers what was stored) and
// a performer that records what it did and when.
let now = Date.parse('2026-03-06T15:00:00Z');
const end = Date.parse('2026-03-11T00:00:00Z');
const memory = createMemoryTicketStore();
const stored = new Map<string, StoredTicket>();
const store = {
  ...memory,
  put: (record: StoredTicket) => (stored.set(record.ticket.id, record), memory.put(record)),
};
const performed: { key: string; dueAt: string; at: number }[] = [];
const perform = (action: DecisionAction): Promise<void> => {
  performed.push({ key: action.key, dueAt: action.dueAt, at: now });
  return Promise.resolve();
};
const deps = { policy, store, perform };
const webhook = createLambdaHandler(deps, { clock: () => new Date(now) });
const sweep = createLambdaSweepHandler(deps);

/** The ticket as the helpdesk sends it at `at`: the events so far, the status they end with. */
function snapshotAt(ticket: Ticket, at: number): Ticket {
  const events = (ticket.events ?? []).filter((event) => Date.parse(String(event.at)) <= at);
  const changed = events.filter((event) => event.type === 'statusChanged') as { status?: string }[];
  return { ...ticket, events, status: changed.at(-1)?.status ?? 'open' };
}
const changes = tickets
  .flatMap((ticket) => (ticket.events ?? []).map((event) => ({ at: Date.parse(String(event.at)), ticket })))
  .sort((a, b) => a.at - b.at);

async function main(): Promise<void> {
  for (; now <= end; now += 60_000) {
    const sweepAt = now;
    // The helpdesk's calls since the last sweep, each at the instant of the change.
    while (changes.length > 0 && (changes[0]?.at ?? Infinity) <= sweepAt) {
      const change = changes.shift();
      if (change === undefined) break;
      now = change.at;
      const response = await webhook({
        httpMethod: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(snapshotAt(change.ticket, change.at)),
        isBase64Encoded: false,
      });
      assert.equal(response.statusCode, 200, response.body);
    }
    now = sweepAt;
    const due = [...stored.values()].filter(
      (record) => record.nextEvaluationAt !== null && Date.parse(record.nextEvaluationAt) <= now,
    );
    const report = await sweep({ time: new Date(now).toISOString() });
    assert.equal(
      report.evaluated,
      due.length,
      `sweep at ${new Date(now).toISOString()}: only the due tickets`,
    );
    assert.equal(report.errors, 0);
  }

  // Exactly once, never early, never more than a minute (one sweep) late.
  const keys = performed.map((entry) => entry.key);
  assert.equal(new Set(keys).size, keys.length, 'an action was performed twice');
  for (const entry of performed) {
    assert.ok(entry.at >= Date.parse(entry.dueAt), `${entry.key} was performed before it was due`);
    assert.ok(entry.at - Date.parse(entry.dueAt) < 60_000, `${entry.key} was performed late`);
  }
  // Nothing due was left behind.
  for (const record of stored.values()) {
    assert.deepEqual(evaluate(policy, record.ticket, { now: end }).actions, [], record.ticket.id);
  }
  // ACME-1042 was acknowledged at 14:03: the incident commander's re-page ladder stopped at its first step.
  assert.ok(keys.includes('ACME-1042/sev1-incident-commander/sev1/0/0'));
  assert.ok(!keys.some((key) => key.startsWith('ACME-1042/sev1-incident-commander/sev1/1/')));

  // The Worker runs the same loop: fetch from the helpdesk, scheduled from a Cron Trigger.
  const workerStore = createMemoryTicketStore();
  const worker = createWorker({
    policy,
    store: () => workerStore,
    perform: () => () => Promise.resolve(),
    clock: () => new Date('2026-03-09T14:20:00Z'),
  });
  const answer = await worker.fetch(
    new Request('https://escalation.example/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tickets[0]),
    }),
    {},
  );
  assert.equal(answer.status, 200);
  assert.equal(
    ((await answer.json()) as { nextEvaluationAt: string }).nextEvaluationAt,
    '2026-03-09T14:24:00.000Z',
  );
  await worker.scheduled(
    { scheduledTime: Date.parse('2026-03-09T14:24:00Z') },
    {},
    { waitUntil: () => undefined },
  );
  assert.equal((await workerStore.get('ACME-1042'))?.nextEvaluationAt, '2026-03-09T14:29:00.000Z');
}

main().then(
  () => {
    console.log(`serverless checks: ok (${performed.length} actions performed once each)`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
