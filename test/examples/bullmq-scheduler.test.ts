import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compilePolicy, evaluate, type Ticket } from '../../src/index.js';
import { createScaledClock } from '../../examples/bullmq-scheduler/clock.js';
import { startRedisServer, type RedisServer } from '../../examples/bullmq-scheduler/redis-server.js';
import { runScenario } from '../../examples/bullmq-scheduler/run-scenario.js';
import {
  createEvaluationQueue,
  scheduledJobId,
  scheduleEvaluation,
  startWorker,
  submitTicket,
} from '../../examples/bullmq-scheduler/scheduler.js';
import { createTicketStore } from '../../examples/bullmq-scheduler/ticket-store.js';

// The example imports the package by name; here it is the sources (CI runs the example against
// the packed build in `npm run examples`). The worker processes run under tsx from the
// repository root, where tsconfig.json maps the name to the sources too.
vi.mock('escalation-engine', () => import('../../src/index.js'));

const root = fileURLToPath(new URL('../..', import.meta.url));
const policyFile = fileURLToPath(new URL('../../examples/policies/acme-saas.json', import.meta.url));
const policy = compilePolicy(JSON.parse(readFileSync(policyFile, 'utf8')));
const workerFile = fileURLToPath(new URL('../../examples/bullmq-scheduler/worker.ts', import.meta.url));
const sev1 = JSON.parse(
  readFileSync(new URL('../../examples/tickets/sev1-outage.json', import.meta.url), 'utf8'),
) as Ticket;
const AT = Date.parse('2026-03-09T14:20:00Z');

// A real redis-server (Debian package `redis-server`; CI installs it), started by the first
// test that needs it. Missing, each of those tests fails with how to install it: the scaling
// example is not optional.
let started: Promise<RedisServer> | undefined;
const redisUrl = async (db = 0): Promise<string> => `${(await (started ??= startRedisServer())).url}/${db}`;
afterAll(async () => {
  await started?.then(
    (server) => server.stop(),
    () => undefined,
  );
});

/** A client on database `db` of the test's server (the scenario flushes database 0). */
const client = async (db: number): Promise<Redis> => new Redis(await redisUrl(db));

describe('the BullMQ scheduler with worker processes', () => {
  it('performs every due action of 1,000 tickets exactly once, never early, with a worker SIGKILLed mid-job', async () => {
    const report = await runScenario({
      redisUrl: await redisUrl(),
      policy,
      policyFile,
      workerCommand: [process.execPath, '--import', 'tsx', workerFile],
      cwd: root,
      tickets: 1000,
      workers: 2,
      durationMs: 2 * 3_600_000,
      spreadMs: 20 * 60_000,
      speed: 600,
      killAfter: 600,
      lockDurationMs: 3_000,
      stalledIntervalMs: 1_000,
    });
    // The crash happened, inside a job, and the survivor took the dead worker's jobs back.
    expect(report.killed).toEqual({ worker: 'worker-1', performed: expect.any(Number) as number });
    expect(report.killed?.performed).toBeGreaterThanOrEqual(600);
    expect(report.stalledJobs).toBeGreaterThan(0);
    expect(report.byWorker['worker-2']).toBeGreaterThan(0);
    // Exactly the oracle's actions: none twice, none early, none missing, none invented.
    expect(report.expectedByEnd).toBeGreaterThan(5_000);
    expect(report.duplicates).toEqual([]);
    expect(report.early).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.performed).toBeGreaterThanOrEqual(report.expectedByEnd);
    expect(report.workerErrors).toEqual([]);
  }, 90_000);
});

describe('createTicketStore', () => {
  it('performs an action once when many evaluations claim it at the same time', async () => {
    const connections = await Promise.all(Array.from({ length: 4 }, () => client(1)));
    try {
      const [store, ...others] = connections.map((connection) => createTicketStore(connection));
      if (store === undefined) throw new Error('no store');
      await connections[0]?.flushdb();
      const action = evaluate(policy, sev1, { now: AT }).actions[0];
      if (action === undefined) throw new Error('the reference ticket has a due action');
      // Four connections, as four workers would have: 40 claims of the same action at once.
      const stores = [store, ...others];
      const claims = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          (stores[index % stores.length] ?? store).perform(sev1.id, action, new Date(AT), `worker-${index}`),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.outbox()).toMatchObject([
        { key: action.key, ticketId: sev1.id, dueAt: action.dueAt },
      ]);
      expect(await store.refusedClaims()).toBe(39);
    } finally {
      for (const connection of connections) connection.disconnect();
    }
  });

  it('records performed actions apart from the snapshot, so a new snapshot keeps them', async () => {
    const connection = await client(1);
    try {
      await connection.flushdb();
      const store = createTicketStore(connection);
      await store.put(sev1);
      const actions = evaluate(policy, sev1, { now: AT }).actions;
      for (const action of actions) await store.perform(sev1.id, action, new Date(AT), 'worker-1');
      // The helpdesk sends the ticket again (an agent replied): the records stay.
      const reply = { type: 'replied', at: '2026-03-09T14:21:00Z', author: 'agent', public: true } as const;
      await store.put({ ...sev1, events: [...(sev1.events ?? []), reply] });
      const loaded = await store.load(sev1.id);
      expect(loaded?.events).toContainEqual(reply);
      expect(evaluate(policy, loaded, { now: AT + 120_000 }).actions).toEqual([]);
      expect(await store.load('unknown')).toBeUndefined();
    } finally {
      connection.disconnect();
    }
  });
});

describe('scheduling', () => {
  it('adds one delayed job per ticket and instant, whoever schedules it', async () => {
    const connection = await client(2);
    const queue = createEvaluationQueue(connection);
    try {
      await connection.flushdb();
      const clock = createScaledClock({ epochMs: AT, startMs: Date.now(), speed: 600 });
      const at = AT + 3_600_000; // an hour later: six real seconds on this clock
      await Promise.all([1, 2, 3].map(() => scheduleEvaluation(queue, clock, 'ACME:1042', at)));
      await scheduleEvaluation(queue, clock, 'ACME:1042', at - 600_000); // earlier, after an event
      const delayed = await queue.getJobs(['delayed'], 0, -1, true);
      expect(delayed.map((job) => job.id)).toEqual([
        scheduledJobId('ACME:1042', at - 600_000),
        scheduledJobId('ACME:1042', at),
      ]);
      expect(delayed[0]?.id).toBe(`ACME%3A1042@${at - 600_000}`); // no ':' in a BullMQ id
      // The delay is real time: (an hour − 10 minutes) / 600 ≈ 5 s.
      expect(delayed[0]?.delay).toBeGreaterThan(4_500);
      expect(delayed[0]?.delay).toBeLessThanOrEqual(5_000);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('collapses a burst of events of one ticket into one waiting evaluation', async () => {
    const connection = await client(2);
    const queue = createEvaluationQueue(connection);
    try {
      await connection.flushdb();
      const store = createTicketStore(connection);
      for (let index = 0; index < 5; index += 1) await submitTicket(store, queue, sev1);
      await submitTicket(store, queue, { ...sev1, id: 'ACME-2000' });
      expect((await queue.getJobs(['waiting'])).map((job) => job.data.ticketId).sort()).toEqual([
        'ACME-1042',
        'ACME-2000',
      ]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('evaluates again an event that arrives while the ticket is being evaluated', async () => {
    const connection = await client(4);
    await connection.flushdb();
    const queue = createEvaluationQueue(connection);
    const store = createTicketStore(connection);
    const clock = createScaledClock({ epochMs: AT, startMs: Date.now(), speed: 1 });
    // The first evaluation stops after its first action until the event has been submitted.
    let release = (): void => undefined;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let inside = (): void => undefined;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const errors: Error[] = [];
    const running = await startWorker({
      redisUrl: await redisUrl(4),
      policy,
      clock,
      name: 'slow',
      onError: (error) => errors.push(error),
      onPerformed: async () => {
        inside();
        await paused;
      },
    });
    try {
      await submitTicket(store, queue, sev1);
      await entered;
      // An authorised escalation request arrives while that evaluation runs on the old snapshot.
      const request = {
        type: 'escalationRequested',
        at: new Date(AT - 1_000).toISOString(),
        by: 'ana.silva@example.com',
        role: 'support-agents',
        to: 'support-tier2',
      } as const;
      await submitTicket(store, queue, { ...sev1, events: [...(sev1.events ?? []), request] });
      release();
      // Not at the next scheduled evaluation (minutes away): right after the running one.
      await vi.waitFor(
        async () => {
          const rules = (await store.outbox()).map((entry) => entry.key.split('/')[1]);
          expect(rules).toContain('escalation-requested');
        },
        { timeout: 5_000, interval: 50 },
      );
      expect(errors).toEqual([]);
    } finally {
      release();
      await running.close();
      await queue.close();
      connection.disconnect();
    }
  }, 15_000);

  it('puts a job that fires before its instant back in the delayed set, performing nothing', async () => {
    const connection = await client(3);
    await connection.flushdb();
    const queue = createEvaluationQueue(connection);
    const store = createTicketStore(connection);
    await store.put(sev1);
    // The worker's clock stands at 14:20; the job is for 14:30 but was added with no delay
    // (as when the adding machine's clock runs ahead).
    const clock = createScaledClock({ epochMs: AT, startMs: Date.now(), speed: 1 });
    const at = AT + 600_000;
    await queue.add('evaluate', { ticketId: sev1.id, at }, { jobId: scheduledJobId(sev1.id, at) });
    const errors: Error[] = [];
    const running = await startWorker({
      redisUrl: await redisUrl(3),
      policy,
      clock,
      name: 'early',
      onError: (error) => errors.push(error),
    });
    try {
      await vi.waitFor(
        async () => {
          expect(await queue.getJobState(scheduledJobId(sev1.id, at))).toBe('delayed');
        },
        { timeout: 5_000, interval: 50 },
      );
      const job = await queue.getJob(scheduledJobId(sev1.id, at));
      // Delayed again until 14:30 on this clock: about ten real minutes.
      expect(job?.delay).toBeGreaterThan(9 * 60_000);
      expect(job?.delay).toBeLessThanOrEqual(10 * 60_000);
      expect(await store.outbox()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await running.close();
      await queue.close();
      connection.disconnect();
    }
  }, 15_000);
});

describe('startRedisServer', () => {
  it('fails with how to install redis-server when the binary is missing', async () => {
    await expect(startRedisServer({ bin: '/nonexistent/redis-server' })).rejects.toThrow(
      'redis-server not found (`/nonexistent/redis-server`): install it (Debian/Ubuntu: `sudo apt-get install redis-server`)',
    );
  });
});
