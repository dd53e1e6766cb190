/**
 * The check of this example, shared by check.ts and the repository's test: worker processes
 * consume the queue while a simulated helpdesk creates tickets and adds events; one worker
 * is SIGKILLed in the middle of a job; at the end, what the outbox holds is compared with
 * the oracle (expected-actions.ts):
 *
 * - **no duplicate**: no action key twice in the outbox;
 * - **none early**: every action performed at or after its `dueAt` (simulated clock);
 * - **none missing**: every action due by the end instant performed;
 * - **none invented**: every action performed is one the oracle expects by the time the
 *   workers stopped, with the same `dueAt`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Policy, Ticket } from 'escalation-engine';
import { Redis } from 'ioredis';
import { CLOCK_ENV, createScaledClock, formatClockEnv } from './clock.js';
import { expectedActions } from './expected-actions.js';
import { createEvaluationQueue, submitTicket } from './scheduler.js';
import { createTicketStore, type PerformedAction } from './ticket-store.js';
import { createWorkload } from './workload.js';

/** Options of {@link runScenario}. */
export interface ScenarioOptions {
  /** The Redis to use: a throwaway one (its database is flushed). */
  readonly redisUrl: string;
  /** The policy the workers load (they read `policyFile`; the oracle uses `policy`). */
  readonly policy: Policy;
  /** The policy file, for the worker processes. */
  readonly policyFile: string;
  /** How to start a worker process: the command line that runs worker.ts. */
  readonly workerCommand: readonly string[];
  /** The working directory of the workers. @defaultValue the current one */
  readonly cwd?: string | undefined;
  /** How many tickets. */
  readonly tickets: number;
  /** How many worker processes (the first one is killed). */
  readonly workers: number;
  /** Simulated time covered (ms): the end instant is this long after the first ticket. */
  readonly durationMs: number;
  /** Over how long the tickets are created (simulated ms). */
  readonly spreadMs: number;
  /** Simulated ms per real ms. */
  readonly speed: number;
  /** The first worker freezes after performing this many actions, and is killed. */
  readonly killAfter: number;
  /** Lock duration and stalled-check interval of the workers (real ms). */
  readonly lockDurationMs: number;
  /** How often the workers look for stalled jobs (real ms). */
  readonly stalledIntervalMs: number;
  /** Progress lines. */
  readonly log?: ((line: string) => void) | undefined;
}

/** What happened, and what the check found. */
export interface ScenarioReport {
  /** Actions due by the end instant (the oracle). */
  readonly expectedByEnd: number;
  /** Actions in the outbox. */
  readonly performed: number;
  /** Keys found more than once in the outbox. */
  readonly duplicates: readonly string[];
  /** Actions performed before their `dueAt`. */
  readonly early: readonly PerformedAction[];
  /** Keys due by the end instant and never performed. */
  readonly missing: readonly string[];
  /** Keys performed that the oracle does not expect (or with another `dueAt`). */
  readonly unexpected: readonly string[];
  /** Actions performed per worker. */
  readonly byWorker: Readonly<Record<string, number>>;
  /** The killed worker and how many actions it had performed. */
  readonly killed: { readonly worker: string; readonly performed: number } | null;
  /** Jobs the survivors took back from the killed worker (BullMQ `stalled` events). */
  readonly stalledJobs: number;
  /** Claims refused because the action had just been performed by another evaluation. */
  readonly refusedClaims: number;
  /** Evaluation jobs completed by the workers that were not killed. */
  readonly jobs: number;
  /** How late actions were performed (simulated ms after `dueAt`): the median and the maximum. */
  readonly lateness: { readonly medianMs: number; readonly maxMs: number };
  /** What the workers wrote to stderr. */
  readonly workerErrors: readonly string[];
  /** Real milliseconds: the run (without the oracle), and the oracle. */
  readonly wallMs: { readonly run: number; readonly oracle: number };
}

/** The simulated instant of the first ticket: a Monday morning in New York. */
export const SCENARIO_EPOCH: number = Date.parse('2026-03-09T13:00:00Z');
// Events are stored this long (simulated) before their instant: see README, "The check".
const LEAD_MS = 45 * 60_000;
// Time for the worker processes to start before the simulated clock reaches the epoch.
const STARTUP_MS = 5_000;

interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

/**
 * Runs the scenario and checks it.
 *
 * @param options - Redis, policy, workers, size and timing.
 * @returns The report (`ok` when nothing is duplicated, early, missing or unexpected).
 * @example
 * const report = await runScenario({ redisUrl, policy, policyFile, workerCommand, tickets: 1000, workers: 2, … });
 * report.missing.length; //=> 0
 */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const redis = new Redis(options.redisUrl);
  const queue = createEvaluationQueue(redis);
  const store = createTicketStore(redis);
  const workers: WorkerProcess[] = [];
  const workerErrors: string[] = [];
  try {
    await redis.flushdb();
    let stalledJobs = 0;
    let jobs = 0;

    const endMs = SCENARIO_EPOCH + options.durationMs;
    const clockOptions = { epochMs: SCENARIO_EPOCH, startMs: Date.now() + STARTUP_MS, speed: options.speed };
    const clock = createScaledClock(clockOptions);
    let killed: { worker: string; performed: number } | null = null;
    let killedAt: Promise<void> = Promise.resolve();

    const [command, ...args] = options.workerCommand;
    if (command === undefined) throw new Error('runScenario: workerCommand is empty');
    const ready: Promise<void>[] = [];
    for (let index = 0; index < options.workers; index += 1) {
      const name = `worker-${index + 1}`;
      const child = spawn(command, args, {
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          REDIS_URL: options.redisUrl,
          POLICY: options.policyFile,
          WORKER_NAME: name,
          CONCURRENCY: '8',
          LOCK_DURATION_MS: String(options.lockDurationMs),
          STALLED_INTERVAL_MS: String(options.stalledIntervalMs),
          [CLOCK_ENV]: formatClockEnv(clockOptions),
          ...(index === 0 ? { CRASH_POINT_AFTER: String(options.killAfter) } : {}),
        },
      });
      const exited = new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
      });
      workers.push({ name, child, exited });
      createInterface({ input: child.stderr }).on('line', (line) => {
        workerErrors.push(line);
      });
      const lines = createInterface({ input: child.stdout });
      ready.push(
        new Promise((resolve, reject) => {
          lines.on('line', (line) => {
            if (line.startsWith('ready ')) resolve();
            if (line.startsWith('stalled ')) stalledJobs += 1;
            jobs += Number(/^stopped .* jobs=(\d+)$/.exec(line)?.[1] ?? 0);
            if (!line.startsWith('crash-point ')) return;
            // Frozen right after performing an action: no graceful anything.
            child.kill('SIGKILL');
            killedAt = store.outbox().then((outbox) => {
              killed = { worker: name, performed: outbox.filter((entry) => entry.worker === name).length };
              log(
                `${name} killed (SIGKILL) at ${clock.now().toISOString()} after ${killed.performed} actions`,
              );
            });
          });
          void exited.then(() => {
            reject(new Error(`${name} exited before it was ready:\n${workerErrors.join('\n')}`));
          });
        }),
      );
    }
    const startup = new AbortController();
    const startTimeout = sleep(30_000, undefined, { signal: startup.signal }).then(() => {
      throw new Error(`the workers were not ready within 30 s:\n${workerErrors.join('\n')}`);
    });
    await Promise.race([Promise.all(ready), startTimeout]).finally(() => {
      startup.abort();
    });
    log(
      `${options.workers} workers ready; the clock runs ${options.speed}× from ${new Date(SCENARIO_EPOCH).toISOString()}`,
    );

    // The helpdesk: creates the tickets, then sends their events as they happen.
    const workload = createWorkload({
      count: options.tickets,
      epochMs: SCENARIO_EPOCH,
      spreadMs: options.spreadMs,
    });
    // What the helpdesk knows of each ticket at its creation: the ticket, and the events of its
    // first LEAD_MS (stored before their instant: no evaluation can miss them, see README).
    // Later events are stored LEAD_MS before their instant, each with its own evaluation.
    const snapshots = new Map<string, Ticket>();
    const createdMs = new Map<string, number>();
    for (const ticket of workload.tickets) {
      snapshots.set(ticket.id, ticket);
      createdMs.set(ticket.id, Date.parse(String(ticket.createdAt)));
    }
    const deliveries: { readonly deliverMs: number; readonly ticketId: string; readonly atMs: number }[] = [];
    for (const ticket of workload.tickets) {
      deliveries.push({ deliverMs: createdMs.get(ticket.id) ?? 0, ticketId: ticket.id, atMs: -Infinity });
    }
    for (const { ticketId, atMs, event } of workload.followUps) {
      const previous = snapshots.get(ticketId);
      if (previous === undefined) throw new Error(`${ticketId}: event of an unknown ticket`);
      const events = [...(previous.events ?? []), { ...event, at: new Date(atMs).toISOString() }];
      snapshots.set(ticketId, { ...previous, events });
      const deliverMs = atMs - LEAD_MS;
      if (deliverMs > (createdMs.get(ticketId) ?? 0)) deliveries.push({ deliverMs, ticketId, atMs });
    }
    deliveries.sort((a, b) => a.deliverMs - b.deliverMs);
    // The snapshot as of a delivery: without the events delivered later.
    const asOf = (ticketId: string, deliverMs: number): Ticket | undefined => {
      const ticket = snapshots.get(ticketId);
      if (ticket === undefined) return undefined;
      const events = ticket.events?.filter((event) => Date.parse(String(event.at)) - LEAD_MS <= deliverMs);
      return { ...ticket, events };
    };
    let next = 0;
    let maxLagMs = 0;
    while (next < deliveries.length) {
      const wait = clock.realTimeOf(deliveries[next]?.deliverMs ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      // What is due now, in chunks: the writes of a chunk take far less than LEAD_MS.
      const nowMs = clock.now().getTime();
      const chunk = deliveries.slice(next, next + 64).filter((delivery) => delivery.deliverMs <= nowMs);
      next += chunk.length;
      await Promise.all(
        chunk.flatMap((delivery) => {
          maxLagMs = Math.max(maxLagMs, nowMs - delivery.deliverMs);
          const snapshot = asOf(delivery.ticketId, delivery.deliverMs);
          return snapshot === undefined ? [] : [submitTicket(store, queue, snapshot)];
        }),
      );
      const earliestEvent = Math.min(...chunk.map((delivery) => delivery.atMs).filter(Number.isFinite));
      if (clock.now().getTime() >= earliestEvent) {
        throw new Error(
          `the helpdesk stored an event after its instant (${maxLagMs / 1000} simulated s behind): ` +
            `the machine is too busy for speed ${options.speed}`,
        );
      }
    }
    log(
      `helpdesk: ${snapshots.size} tickets and ${workload.followUps.length} events delivered, at most ${maxLagMs / 1000} simulated s late`,
    );

    // The oracle, while the clock runs to the end instant (the tickets are all known now),
    // up to an hour past it: the workers stop before then, normally (else: again, further).
    const oracleStart = Date.now();
    let horizonMs = endMs + 3_600_000;
    let expected = expectedActions(options.policy, snapshots.values(), horizonMs);
    let oracleMs = Date.now() - oracleStart;

    // Until the end instant, then until every evaluation due by then has run.
    const untilEnd = clock.realTimeOf(endMs) - Date.now();
    if (untilEnd > 0) await sleep(untilEnd);
    const drainDeadline = Date.now() + 30_000;
    while (!(await drained(queue, endMs))) {
      if (Date.now() > drainDeadline) {
        throw new Error('the queue did not drain within 30 s after the end instant');
      }
      await sleep(100);
    }
    await killedAt;
    // Stop the survivors gracefully; what they perform meanwhile is checked too.
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.race([
      Promise.all(workers.map((worker) => worker.exited)),
      sleep(15_000, undefined, { ref: false }),
    ]);
    const stoppedMs = clock.now().getTime();
    const runMs = Date.now() - started - oracleMs;
    log(`workers stopped at ${new Date(stoppedMs).toISOString()} (simulated), ${jobs} jobs`);
    if (stoppedMs > horizonMs) {
      const again = Date.now();
      horizonMs = stoppedMs;
      expected = expectedActions(options.policy, snapshots.values(), horizonMs);
      oracleMs += Date.now() - again;
    }
    const outbox = await store.outbox();

    const seen = new Set<string>();
    const duplicates: string[] = [];
    const byWorker: Record<string, number> = {};
    for (const entry of outbox) {
      if (seen.has(entry.key)) duplicates.push(entry.key);
      seen.add(entry.key);
      byWorker[entry.worker] = (byWorker[entry.worker] ?? 0) + 1;
    }
    const late = outbox
      .map((entry) => Date.parse(entry.performedAt) - Date.parse(entry.dueAt))
      .sort((a, b) => a - b);
    const dueByEnd = [...expected].filter(([, action]) => Date.parse(action.dueAt) <= endMs);
    return {
      expectedByEnd: dueByEnd.length,
      performed: outbox.length,
      duplicates,
      early: outbox.filter((entry) => Date.parse(entry.performedAt) < Date.parse(entry.dueAt)),
      missing: dueByEnd.filter(([key]) => !seen.has(key)).map(([key]) => key),
      unexpected: outbox
        .filter((entry) => expected.get(entry.key)?.dueAt !== entry.dueAt)
        .map((entry) => entry.key),
      byWorker,
      killed,
      stalledJobs,
      refusedClaims: await store.refusedClaims(),
      jobs,
      lateness: { medianMs: late[Math.floor(late.length / 2)] ?? 0, maxMs: late.at(-1) ?? 0 },
      workerErrors,
      wallMs: { run: runMs, oracle: oracleMs },
    };
  } finally {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await queue.close();
    redis.disconnect();
  }
}

/** No job waiting or running, and no scheduled evaluation due by `endMs` still delayed. */
async function drained(queue: ReturnType<typeof createEvaluationQueue>, endMs: number): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'paused');
  if (Object.values(counts).some((count) => count > 0)) return false;
  const [first] = await queue.getJobs(['delayed'], 0, 0, true);
  return first === undefined || (first.data.at ?? -Infinity) > endMs;
}
