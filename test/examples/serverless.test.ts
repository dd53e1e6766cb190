import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compilePolicy, evaluate, type DecisionAction, type Ticket } from 'escalation-engine';
import {
  createLambdaHandler,
  createLambdaSweepHandler,
  type ApiGatewayProxyEvent,
} from '../../examples/serverless/lambda.js';
import { processTicket, withRecordedActions } from '../../examples/serverless/process-ticket.js';
import { runSweep } from '../../examples/serverless/sweep.js';
import { MAX_BODY_BYTES } from '../../examples/serverless/ticket-request.js';
import {
  createMemoryTicketStore,
  type StoredTicket,
  type TicketStore,
} from '../../examples/serverless/ticket-store.js';
import { createWorker } from '../../examples/serverless/worker.js';

// The examples import the package by name: here it is the sources, with `evaluate` observed
// (CI runs the same examples against the packed build in `npm run examples`).
vi.mock('escalation-engine', async () => {
  const actual = await import('../../src/index.js');
  return { ...actual, evaluate: vi.fn(actual.evaluate) };
});
const evaluated = (): string[] => vi.mocked(evaluate).mock.calls.map(([, ticket]) => (ticket as Ticket).id);
beforeEach(() => {
  vi.mocked(evaluate).mockClear();
});

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const policy = compilePolicy(read('../../examples/policies/acme-saas.json'));
const ticketFile = (name: string): Ticket => read(`../../examples/tickets/${name}.json`) as Ticket;
const sev1 = ticketFile('sev1-outage'); // ACME-1042, created 2026-03-09T14:00Z
const MINUTE = 60_000;

/** The ticket as the helpdesk sends it at `at`: the events so far, the status they end with. */
function snapshotAt(ticket: Ticket, at: number): Ticket {
  const events = (ticket.events ?? []).filter((event) => Date.parse(String(event.at)) <= at);
  const changed = events.filter((event) => event.type === 'statusChanged') as { status?: string }[];
  return { ...ticket, events, status: changed.at(-1)?.status ?? 'open' };
}

/** A performer that records what it performed and at which simulated instant. */
function recordingPerformer(clock: () => number) {
  const performed: { key: string; dueAt: string; at: number }[] = [];
  const perform = vi.fn((action: DecisionAction) => {
    performed.push({ key: action.key, dueAt: action.dueAt, at: clock() });
    return Promise.resolve();
  });
  return { performed, perform };
}

const apiEvent = (
  body: string | null,
  overrides: Partial<ApiGatewayProxyEvent> = {},
): ApiGatewayProxyEvent => ({
  httpMethod: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
  isBase64Encoded: false,
  ...overrides,
});

describe('runSweep across simulated time', () => {
  it('performs each due action exactly once, never before it is due, and evaluates only due tickets', async () => {
    const tickets = ['sev1-outage', 'enterprise-degradation', 'paused'].map(ticketFile);
    let now = Date.parse('2026-03-06T15:00:00Z');
    const end = Date.parse('2026-03-11T00:00:00Z');
    const store = createMemoryTicketStore();
    const { performed, perform } = recordingPerformer(() => now);
    const deps = { policy, store, perform };
    const webhook = createLambdaHandler(deps, { clock: () => new Date(now) });
    const changes = tickets
      .flatMap((ticket) =>
        (ticket.events ?? []).map((event) => ({ at: Date.parse(String(event.at)), ticket })),
      )
      .sort((a, b) => a.at - b.at);

    let sweeps = 0;
    for (; now <= end; now += MINUTE) {
      const sweepAt = now;
      for (let change = changes[0]; change !== undefined && change.at <= sweepAt; change = changes[0]) {
        changes.shift();
        now = change.at;
        const response = await webhook(apiEvent(JSON.stringify(snapshotAt(change.ticket, change.at))));
        expect(response.statusCode).toBe(200);
      }
      now = sweepAt;
      const due: string[] = [];
      for (const ticket of tickets) {
        const next = (await store.get(ticket.id))?.nextEvaluationAt ?? null;
        if (next !== null && Date.parse(next) <= now) due.push(ticket.id);
      }
      vi.mocked(evaluate).mockClear();
      const report = await runSweep(deps, new Date(now));
      sweeps += 1;
      // Exactly the due tickets were evaluated: the others were not even looked at.
      expect(evaluated().sort()).toEqual(due.sort());
      expect(report.results.map((result) => result.ticketId).sort()).toEqual(due.sort());
      expect(report.errors).toEqual([]);
    }

    const keys = performed.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of performed) {
      expect(entry.at, entry.key).toBeGreaterThanOrEqual(Date.parse(entry.dueAt));
      expect(entry.at - Date.parse(entry.dueAt), entry.key).toBeLessThan(MINUTE);
    }
    for (const ticket of tickets) {
      const record = await store.get(ticket.id);
      expect(evaluate(policy, record?.ticket, { now: end }).actions).toEqual([]);
    }
    expect(sweeps).toBeGreaterThan(6000);
    // ACME-1042 was acknowledged at 14:03, before the incident commander's re-page at 14:10.
    expect(keys).toContain('ACME-1042/sev1-incident-commander/sev1/0/0');
    expect(keys.filter((key) => key.startsWith('ACME-1042/sev1-incident-commander/'))).toHaveLength(1);
    // The resolution breach ladder of ACME-1042: the first firing and its 8 hourly repeats.
    expect(keys.filter((key) => key.startsWith('ACME-1042/resolution-breach/'))).toHaveLength(9);
  });

  it('leaves a ticket that is not due alone', async () => {
    const store = createMemoryTicketStore();
    const later: StoredTicket = { ticket: sev1, nextEvaluationAt: '2026-03-09T15:00:00.000Z' };
    const idle: StoredTicket = { ticket: { ...sev1, id: 'ACME-2000' }, nextEvaluationAt: null };
    await store.put(later);
    await store.put(idle);
    const report = await runSweep(
      { policy, store, perform: () => Promise.resolve() },
      new Date('2026-03-09T14:59:59.999Z'),
    );
    expect(report.results).toEqual([]);
    expect(evaluated()).toEqual([]);
    expect(await store.get('ACME-1042')).toBe(later);
    expect(await store.get('ACME-2000')).toBe(idle);
  });

  it('retries an action whose performer failed at the next sweep, and performs it once', async () => {
    const store = createMemoryTicketStore();
    let now = Date.parse('2026-03-09T14:00:00Z');
    const { performed, perform } = recordingPerformer(() => now);
    let pagerDown = true;
    const flaky = (action: DecisionAction) =>
      action.kind === 'page' && pagerDown ? Promise.reject(new Error('pager unreachable')) : perform(action);

    const first = await processTicket(
      { policy, store, perform: flaky },
      snapshotAt(sev1, now),
      new Date(now),
    );
    expect(first.failed).toEqual([
      'ACME-1042/sev1-declared/sev1/0/0',
      'ACME-1042/sev1-incident-commander/sev1/0/0',
    ]);
    expect(first.performed).toHaveLength(6);
    // Still due: the ticket comes back at the next sweep.
    expect(first.nextEvaluationAt).toBe('2026-03-09T14:00:00.000Z');

    now += MINUTE;
    pagerDown = false;
    const retry = await runSweep({ policy, store, perform: flaky }, new Date(now));
    expect(retry.results[0]?.performed).toEqual(first.failed);
    now += MINUTE;
    expect((await runSweep({ policy, store, perform: flaky }, new Date(now))).results).toEqual([]);
    expect(performed.map((entry) => entry.key).sort()).toEqual(
      first.decision.actions.map((action) => action.key).sort(),
    );
  });

  it('keeps sweeping the other tickets when one cannot be stored', async () => {
    const memory = createMemoryTicketStore();
    await memory.put({ ticket: sev1, nextEvaluationAt: '2026-03-09T14:00:00.000Z' });
    await memory.put({ ticket: { ...sev1, id: 'ACME-2000' }, nextEvaluationAt: '2026-03-09T14:00:00.000Z' });
    const failure = new Error('throttled');
    const store: TicketStore = {
      ...memory,
      put: (record) => (record.ticket.id === 'ACME-1042' ? Promise.reject(failure) : memory.put(record)),
    };
    const report = await runSweep(
      { policy, store, perform: () => Promise.resolve() },
      new Date('2026-03-09T14:00:00Z'),
    );
    expect(report.errors).toEqual([{ ticketId: 'ACME-1042', error: failure }]);
    expect(report.results.map((result) => result.ticketId)).toEqual(['ACME-2000']);
  });
});

describe('withRecordedActions', () => {
  it('adds the recorded actionPerformed events the helpdesk snapshot lacks, once', () => {
    const recorded = {
      type: 'actionPerformed' as const,
      at: '2026-03-09T14:00:00Z',
      key: 'ACME-1042/receipt-confirmation/created/0/0',
    };
    const stored: Ticket = { ...sev1, events: [...(sev1.events ?? []), recorded] };
    expect(withRecordedActions(sev1, stored).events).toEqual([...(sev1.events ?? []), recorded]);
    expect(withRecordedActions(stored, stored)).toBe(stored);
    expect(withRecordedActions(sev1, undefined)).toBe(sev1);
  });

  it('keeps a snapshot sent twice from performing its actions twice', async () => {
    const { performed, perform } = recordingPerformer(() => 0);
    const handler = createLambdaHandler(
      { policy, store: createMemoryTicketStore(), perform },
      { clock: () => new Date('2026-03-09T14:20:00Z') },
    );
    const first = await handler(apiEvent(JSON.stringify(sev1)));
    const again = await handler(apiEvent(JSON.stringify(sev1)));
    expect((JSON.parse(first.body) as { performed: string[] }).performed).toHaveLength(8);
    expect((JSON.parse(again.body) as { performed: string[] }).performed).toEqual([]);
    expect(performed).toHaveLength(8);
  });
});

describe('createLambdaHandler', () => {
  const handler = createLambdaHandler(
    { policy, store: createMemoryTicketStore(), perform: () => Promise.resolve() },
    { clock: () => new Date('2026-03-09T14:20:00Z') },
  );

  it('answers with the decision, what was performed and nextEvaluationAt', async () => {
    const result = await handler(apiEvent(JSON.stringify({ ...sev1, id: 'ACME-3001' })));
    expect(result.statusCode).toBe(200);
    expect(result.headers['Content-Type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(result.body) as {
      ticketId: string;
      status: string;
      performed: string[];
      nextEvaluationAt: string;
    };
    expect(body).toMatchObject({
      ticketId: 'ACME-3001',
      status: 'ok',
      nextEvaluationAt: '2026-03-09T14:24:00.000Z',
    });
    expect(body.performed).toHaveLength(8);
  });

  it('reads a base64 body and headers in any case', async () => {
    const body = Buffer.from(JSON.stringify({ ...sev1, id: 'ACME-3002' })).toString('base64');
    const result = await handler(
      apiEvent(body, {
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    );
    expect(result.statusCode).toBe(200);
  });

  it('answers a degraded ticket with 200 and the fallback', async () => {
    const result = await handler(
      apiEvent(readFileSync(new URL('../../examples/tickets/malformed.json', import.meta.url), 'utf8')),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'degraded' });
  });

  it.each([
    ['a GET', apiEvent(null, { httpMethod: 'GET' }), 405, 'method_not_allowed'],
    [
      'a form',
      apiEvent('id=1', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    ],
    ['no headers', apiEvent('{}', { headers: null }), 415, 'unsupported_media_type'],
    ['malformed JSON', apiEvent('{"id": '), 400, 'malformed_json'],
    [
      'invalid UTF-8',
      apiEvent(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), { isBase64Encoded: true }),
      400,
      'malformed_json',
    ],
    ['an array', apiEvent('[]'), 422, 'invalid_payload'],
    ['no id', apiEvent('{"subject": "x"}'), 422, 'invalid_payload'],
    [
      'a body over the limit',
      apiEvent(JSON.stringify({ id: 'X', description: 'x'.repeat(MAX_BODY_BYTES) })),
      413,
      'payload_too_large',
    ],
  ])('refuses %s', async (_what, event, statusCode, code) => {
    const result = await handler(event);
    expect(result.statusCode).toBe(statusCode);
    expect((JSON.parse(result.body) as { error: { code: string } }).error.code).toBe(code);
    if (statusCode === 405) expect(result.headers.Allow).toBe('POST');
  });
});

describe('createLambdaSweepHandler', () => {
  it('sweeps at the instant the schedule fired and answers counts', async () => {
    const store = createMemoryTicketStore();
    await store.put({ ticket: sev1, nextEvaluationAt: '2026-03-09T14:20:00.000Z' });
    const sweep = createLambdaSweepHandler({ policy, store, perform: () => Promise.resolve() });
    expect(await sweep({ time: '2026-03-09T14:20:00Z' })).toEqual({
      evaluated: 1,
      performed: 8,
      failed: 0,
      errors: 0,
    });
    expect((await store.get('ACME-1042'))?.nextEvaluationAt).toBe('2026-03-09T14:24:00.000Z');
  });

  it('throws at once on an event without a valid time', async () => {
    const sweep = createLambdaSweepHandler({
      policy,
      store: createMemoryTicketStore(),
      perform: () => Promise.resolve(),
    });
    await expect(sweep({ time: 'soon' })).rejects.toThrow(RangeError);
  });
});

describe('createWorker', () => {
  const store = createMemoryTicketStore();
  const worker = createWorker<{ readonly name: string }>({
    policy,
    store: () => store,
    perform: () => () => Promise.resolve(),
    clock: () => new Date('2026-03-09T14:20:00Z'),
  });
  const env = { name: 'test' };
  const post = (
    body: string | Uint8Array | ReadableStream<Uint8Array>,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) =>
    worker.fetch(
      new Request('https://escalation.example/evaluate', {
        method: 'POST',
        headers,
        body,
        duplex: 'half',
      }),
      env,
    );

  it('answers the helpdesk with the decision and nextEvaluationAt', async () => {
    const response = await post(JSON.stringify(sev1));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ticketId: 'ACME-1042',
      nextEvaluationAt: '2026-03-09T14:24:00.000Z',
    });
  });

  it('refuses a streamed body past the limit without reading it to the end', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const response = await post(endless);
    expect(response.status).toBe(413);
    expect(pulls).toBeLessThan(MAX_BODY_BYTES / (64 * 1024) + 4);
  });

  it.each([
    ['text/plain', 415],
    ['application/json; charset=utf-16', 415],
  ])('refuses content type %s', async (contentType, status) => {
    expect((await post('{}', { 'content-type': contentType })).status).toBe(status);
  });

  it('refuses a GET with 405 and malformed JSON with 400', async () => {
    const get = await worker.fetch(new Request('https://escalation.example/evaluate'), env);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post('{"id":')).status).toBe(400);
    expect((await post(new Uint8Array([0x7b, 0xff, 0x7d]))).status).toBe(400);
  });

  it('sweeps at the Cron Trigger scheduled time', async () => {
    await store.put({ ticket: { ...sev1, id: 'ACME-4001' }, nextEvaluationAt: '2026-03-09T14:30:00.000Z' });
    await worker.scheduled({ scheduledTime: Date.parse('2026-03-09T14:30:00Z') }, env, {
      waitUntil: () => undefined,
    });
    expect(evaluated()).toContain('ACME-4001');
    expect((await store.get('ACME-4001'))?.nextEvaluationAt).not.toBe('2026-03-09T14:30:00.000Z');
  });

  it('fails the scheduled invocation when tickets could not be processed', async () => {
    const failing = createWorker({
      policy,
      store: (): TicketStore => ({
        get: () => Promise.resolve(undefined),
        listDue: () => Promise.resolve([{ ticket: sev1, nextEvaluationAt: '2026-03-09T14:00:00.000Z' }]),
        put: () => Promise.reject(new Error('KV write limit')),
      }),
      perform: () => () => Promise.resolve(),
    });
    await expect(
      failing.scheduled(
        { scheduledTime: Date.parse('2026-03-09T14:30:00Z') },
        {},
        { waitUntil: () => undefined },
      ),
    ).rejects.toThrow(AggregateError);
  });
});
