/**
 * Escalations for millions of open tickets on BullMQ: one queue of "evaluate this ticket"
 * jobs that any number of worker processes on any number of machines consume.
 *
 * - A ticket event (the helpdesk's webhook) stores the snapshot and enqueues an evaluation
 *   now ({@link submitTicket}).
 * - Each evaluation performs the due actions (exactly once: {@link TicketStore.perform}) and
 *   schedules a delayed job at the decision's `nextEvaluationAt` ({@link scheduleEvaluation}).
 * - Nothing polls: a ticket costs nothing between the instants at which its decision changes.
 *
 * See README.md for why each choice holds under crashes and concurrency.
 */
import { DelayedError, Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { evaluate, type DecisionAction, type Policy, type Ticket } from 'escalation-engine';
import { Redis } from 'ioredis';
import type { SchedulerClock } from './clock.js';
import { createTicketStore, type TicketStore } from './ticket-store.js';

/** The queue's name. */
export const QUEUE_NAME = 'escalation';
/** The name of every job of the queue. */
export const JOB_NAME = 'evaluate';

/** What a job carries: which ticket, and for a scheduled evaluation its instant. */
export interface EvaluationJobData {
  /** The ticket to evaluate (its snapshot is read from the store when the job runs). */
  readonly ticketId: string;
  /** The instant (epoch ms) a scheduled evaluation is for; absent for a ticket event. */
  readonly at?: number | undefined;
}

/** What a job returns. */
export interface EvaluationOutcome {
  /** Keys of the actions this job performed. */
  readonly performed: readonly string[];
  /** The next evaluation it scheduled; `null` when nothing is scheduled. */
  readonly nextEvaluationAt: string | null;
}

/** The queue of evaluation jobs. */
export type EvaluationQueue = Queue<EvaluationJobData, EvaluationOutcome, typeof JOB_NAME>;

// Completed jobs are removed at once: a scheduled job's id can then be reused, and Redis holds
// only pending work (about one delayed job per open ticket). Failed jobs stay a week for
// inspection. A failing attempt (Redis unreachable) is retried with backoff.
const JOB_DEFAULTS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
};

/**
 * The evaluation queue on a Redis connection (producers: the webhook, the workers).
 *
 * @param connection - An ioredis connection (the queue does not close it).
 * @returns The queue.
 * @example
 * const queue = createEvaluationQueue(new Redis(process.env.REDIS_URL));
 */
export function createEvaluationQueue(connection: Redis): EvaluationQueue {
  return new Queue(QUEUE_NAME, { connection, defaultJobOptions: JOB_DEFAULTS });
}

/** A scheduled evaluation's job id: one per ticket and instant (BullMQ ids may not contain `:`). */
export function scheduledJobId(ticketId: string, atMs: number): string {
  return `${encodeURIComponent(ticketId)}@${atMs}`;
}

/**
 * The helpdesk's webhook: stores the ticket's latest snapshot and enqueues its evaluation.
 *
 * Events of one ticket are deduplicated: while an evaluation of it is waiting, more events add
 * nothing (the job reads the latest snapshot when it runs); while one is running (it may have
 * read the snapshot before this event), one more is kept to run after it (`keepLastIfActive`).
 *
 * @param store - The ticket store.
 * @param queue - The evaluation queue.
 * @param ticket - The snapshot, as the helpdesk sends it.
 * @returns When the evaluation is enqueued.
 * @example
 * await submitTicket(store, queue, ticket); // from the webhook handler; answer 2xx after it
 */
export async function submitTicket(
  store: TicketStore,
  queue: EvaluationQueue,
  ticket: Ticket,
): Promise<void> {
  // Stored first: a crash between the two leaves the webhook unanswered, and the helpdesk retries.
  await store.put(ticket);
  await queue.add(
    JOB_NAME,
    { ticketId: ticket.id },
    { deduplication: { id: `event-${encodeURIComponent(ticket.id)}`, keepLastIfActive: true } },
  );
}

/**
 * Schedules an evaluation of a ticket at an instant (`nextEvaluationAt`), as a delayed job.
 * Its id names the ticket and the instant: scheduling the same instant again (every worker
 * that evaluates the ticket does) adds nothing while that job exists, and an earlier instant,
 * after an event, is a job of its own. A later job made obsolete by an event still fires and
 * finds nothing to do: it is never replaced, because the evaluation that would replace it
 * may have read an older snapshot than the one that scheduled it.
 *
 * @param queue - The evaluation queue.
 * @param clock - The clock shared by the workers.
 * @param ticketId - The ticket.
 * @param atMs - The instant (epoch ms on the clock).
 * @returns When the job is added (or found already there).
 * @example
 * await scheduleEvaluation(queue, realClock, 'ACME-1042', Date.parse(decision.nextEvaluationAt));
 */
export async function scheduleEvaluation(
  queue: EvaluationQueue,
  clock: SchedulerClock,
  ticketId: string,
  atMs: number,
): Promise<void> {
  const delay = Math.max(0, clock.realTimeOf(atMs) - Date.now());
  await queue.add(JOB_NAME, { ticketId, at: atMs }, { jobId: scheduledJobId(ticketId, atMs), delay });
}

/** What the job processor needs. */
export interface ProcessorDeps {
  /** The compiled policy. */
  readonly policy: Policy;
  /** The ticket store. */
  readonly store: TicketStore;
  /** The evaluation queue, to schedule the next evaluation. */
  readonly queue: EvaluationQueue;
  /** The clock shared by every worker. */
  readonly clock: SchedulerClock;
  /** This worker's name, recorded with each action it performs. */
  readonly name: string;
  /** Called after each action this worker performed (metrics, logs). */
  readonly onPerformed?: ((action: DecisionAction, ticketId: string) => void | Promise<void>) | undefined;
}

/**
 * The job processor: evaluate → perform the due actions → schedule `nextEvaluationAt`.
 *
 * @param deps - Policy, store, queue, clock, worker name.
 * @returns The processor to give a BullMQ `Worker`.
 * @example
 * new Worker(QUEUE_NAME, createEvaluationProcessor({ policy, store, queue, clock: realClock, name: 'w1' }), { connection });
 */
export function createEvaluationProcessor(
  deps: ProcessorDeps,
): (
  job: Job<EvaluationJobData, EvaluationOutcome, typeof JOB_NAME>,
  token?: string,
) => Promise<EvaluationOutcome> {
  const { policy, store, queue, clock, name, onPerformed } = deps;
  return async (job, token) => {
    const { ticketId, at } = job.data;
    if (at !== undefined && clock.now().getTime() < at) {
      // Fired before its instant (clocks of two machines differ): back to the delayed set.
      await job.moveToDelayed(clock.realTimeOf(at), token);
      throw new DelayedError();
    }
    // The clock is read before the snapshot: an event stored in between is later than `now`,
    // so evaluate waits for it (nextEvaluationAt) instead of missing it.
    const now = clock.now();
    const ticket = await store.load(ticketId);
    if (ticket === undefined) return { performed: [], nextEvaluationAt: null };
    const decision = evaluate(policy, ticket, { now });
    const performed: string[] = [];
    // Every action returned is due at or before `now`: nothing is ever performed early.
    for (const action of decision.actions) {
      if (await store.perform(ticketId, action, now, name)) {
        performed.push(action.key);
        await onPerformed?.(action, ticketId);
      }
    }
    // The decision before recording: its nextEvaluationAt is never later than the one after.
    const next = decision.nextEvaluationAt;
    if (next !== null) await scheduleEvaluation(queue, clock, ticketId, Date.parse(next));
    return { performed, nextEvaluationAt: next };
  };
}

/** Options of {@link startWorker}. */
export interface StartWorkerOptions extends Omit<ProcessorDeps, 'store' | 'queue'> {
  /** The Redis URL (`redis://host:port`). */
  readonly redisUrl: string;
  /** Jobs processed at once by this process. @defaultValue 16 */
  readonly concurrency?: number | undefined;
  /** How long a job stays locked without renewal before it counts as stalled (ms). @defaultValue 30000 */
  readonly lockDuration?: number | undefined;
  /** How often this worker looks for stalled jobs (ms). @defaultValue 30000 */
  readonly stalledInterval?: number | undefined;
  /** Reports connection and job errors (the process keeps running). */
  readonly onError: (error: Error) => void;
}

/** A running worker. */
export interface RunningWorker {
  /** The BullMQ worker. */
  readonly worker: Worker<EvaluationJobData, EvaluationOutcome, typeof JOB_NAME>;
  /** Waits for the jobs in progress, then closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts a worker: consumes the evaluation queue until closed.
 *
 * A worker that dies (killed, out of memory, the machine gone) leaves its jobs locked; once
 * their locks expire (`lockDuration`), another worker's stalled check (`stalledInterval`)
 * moves them back to the queue, and they run again from the start. That is safe: a job that
 * runs twice performs nothing twice.
 *
 * @param options - Redis, policy, clock, name, concurrency and lock settings.
 * @returns The running worker.
 * @example
 * const { close } = await startWorker({ redisUrl, policy, clock: realClock, name: hostname(), onError: console.error });
 * process.once('SIGTERM', () => void close());
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  // Workers block on Redis: their connection must retry forever (maxRetriesPerRequest: null).
  const workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  // Queue and store commands fail fast instead: the job fails and is retried with backoff.
  const connection = new Redis(options.redisUrl);
  const queue = createEvaluationQueue(connection);
  const store = createTicketStore(connection);
  const processor = createEvaluationProcessor({ ...options, store, queue });
  const worker = new Worker<EvaluationJobData, EvaluationOutcome, typeof JOB_NAME>(QUEUE_NAME, processor, {
    connection: workerConnection,
    concurrency: options.concurrency ?? 16,
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    // An evaluation is safe to run again: let a job survive a few crashes before it fails.
    maxStalledCount: 3,
  });
  worker.on('error', options.onError);
  worker.on('failed', (job, error) => {
    options.onError(new Error(`job ${job?.id ?? '?'} failed: ${error.message}`));
  });
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}
