/**
 * A worker process: run as many as you like, on as many machines as you like, against the
 * same Redis.
 *
 * Run: `REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/bullmq-scheduler/worker.ts`
 *
 * Environment:
 * - `REDIS_URL` (required); `POLICY`, a policy file (default: the reference policy);
 * - `WORKER_NAME` (default `<host>:<pid>`), `CONCURRENCY` (default 16);
 * - `LOCK_DURATION_MS`, `STALLED_INTERVAL_MS` (default 30000 each: how soon the jobs of a
 *   dead worker run again);
 * - `ESCALATION_CLOCK`: a scaled clock `epochMs,startMs,speed` (check.ts; production: unset);
 * - `CRASH_POINT_AFTER`: fault injection for the check: after performing that many actions,
 *   the worker prints `crash-point` and stops inside the job, for the check to kill it.
 *
 * Prints `ready <name>` once it consumes the queue, `stalled <job id>` for each job of a dead
 * worker it takes back, and `stopped <name> jobs=<n>` after SIGTERM, once the jobs in progress
 * are finished.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { compilePolicy } from 'escalation-engine';
import { CLOCK_ENV, clockFromEnv } from './clock.js';
import { startWorker } from './scheduler.js';

const env = (name: string): string | undefined => process.env[name] || undefined;
const redisUrl = env('REDIS_URL');
if (redisUrl === undefined) throw new Error('REDIS_URL is required (redis://host:port)');
const policyFile = env('POLICY') ?? new URL('../policies/acme-saas.json', import.meta.url);
const policy = compilePolicy(JSON.parse(readFileSync(policyFile, 'utf8')) as unknown);
const name = env('WORKER_NAME') ?? `${hostname()}:${process.pid}`;
const crashAfter = Number(env('CRASH_POINT_AFTER') ?? Infinity);
let performed = 0;

const running = await startWorker({
  redisUrl,
  policy,
  clock: clockFromEnv(env(CLOCK_ENV)),
  name,
  concurrency: Number(env('CONCURRENCY') ?? 16),
  lockDuration: Number(env('LOCK_DURATION_MS') ?? 30_000),
  stalledInterval: Number(env('STALLED_INTERVAL_MS') ?? 30_000),
  onError: (error) => {
    console.error(`${name}: ${error.message}`);
  },
  onPerformed: async () => {
    performed += 1;
    if (performed !== crashAfter) return;
    // Performed (and recorded) an action, not yet the rest of the job: freeze here for the kill.
    console.log(`crash-point ${name}`);
    await new Promise(() => undefined);
  },
});
let jobs = 0;
running.worker.on('completed', () => (jobs += 1));
// Jobs of a dead worker that this one took back.
running.worker.on('stalled', (jobId) => {
  console.log(`stalled ${jobId}`);
});
console.log(`ready ${name}`);
process.once('SIGTERM', () => {
  void running.close().then(() => {
    console.log(`stopped ${name} jobs=${jobs}`);
    process.exit(0);
  });
});
