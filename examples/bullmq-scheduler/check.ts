/**
 * Checks the BullMQ scheduler for real: starts a throwaway redis-server on a free loopback
 * port, two worker processes, a simulated helpdesk of 300 tickets on a clock running 600×
 * (two simulated hours in about twelve seconds), SIGKILLs one worker in the middle of a job,
 * and checks that every due action was performed exactly once and none before its due
 * instant. Exits non-zero on failure.
 *
 * Run: `npx tsx examples/bullmq-scheduler/check.ts` (needs `redis-server` on PATH:
 * `sudo apt-get install redis-server`).
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { compilePolicy } from 'escalation-engine';
import { startRedisServer } from './redis-server.js';
import { runScenario } from './run-scenario.js';

const policyFile = fileURLToPath(new URL('../policies/acme-saas.json', import.meta.url));
const policy = compilePolicy(JSON.parse(readFileSync(policyFile, 'utf8')) as unknown);
const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));

const redis = await startRedisServer();
try {
  const report = await runScenario({
    redisUrl: redis.url,
    policy,
    policyFile,
    // This process runs under tsx: the workers run the same way (its loader flags).
    workerCommand: [process.execPath, ...process.execArgv, worker],
    tickets: 300,
    workers: 2,
    durationMs: 2 * 3_600_000,
    spreadMs: 20 * 60_000,
    speed: 600,
    killAfter: 150,
    lockDurationMs: 3_000,
    stalledIntervalMs: 1_000,
    log: (line) => {
      console.log(line);
    },
  });
  console.log(
    `${report.performed} actions performed by ${JSON.stringify(report.byWorker)}; ` +
      `${report.expectedByEnd} due by the end instant; ${report.stalledJobs} jobs taken back from the killed worker; ` +
      `${report.refusedClaims} concurrent claims refused; performed a median ${report.lateness.medianMs / 60_000} ` +
      `simulated minutes after due (at most ${report.lateness.maxMs / 60_000}); run ${report.wallMs.run} ms, oracle ${report.wallMs.oracle} ms`,
  );
  const problems = [
    report.killed === null && 'the first worker was never killed',
    report.stalledJobs === 0 && 'no job of the killed worker was taken back',
    report.duplicates.length > 0 && `performed twice: ${report.duplicates.slice(0, 5).join(', ')}`,
    report.early.length > 0 &&
      `performed early: ${report.early
        .slice(0, 5)
        .map((entry) => entry.key)
        .join(', ')}`,
    report.missing.length > 0 && `never performed: ${report.missing.slice(0, 5).join(', ')}`,
    report.unexpected.length > 0 && `not expected: ${report.unexpected.slice(0, 5).join(', ')}`,
    report.workerErrors.length > 0 && `worker errors:\n${report.workerErrors.slice(0, 5).join('\n')}`,
  ].filter((problem) => problem !== false);
  if (problems.length > 0) {
    console.error(`bullmq-scheduler check FAILED:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log('bullmq-scheduler check: ok');
  }
} finally {
  await redis.stop();
}
