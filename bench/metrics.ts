/**
 * `computeMetrics` benchmark on the reference policy (examples/policies/acme-saas.json):
 * 1,000,000 generated tickets (bench/ticket-generator.ts: 5–30 events each, about 17.5 on
 * average), each measured at the generator's instant for it (after its last event), grouped by
 * severity and ISO week — streamed: tickets are generated one at a time inside the worker that
 * measures them and dropped at once, never held.
 *
 * The workload adds one thing to the generated tickets, so that on-time rates have data: a host
 * that records the receipt notification (`receipt-confirmation`, due at creation) as performed —
 * at once for 70% of tickets, 1 s to 5 min late for 25%, never for 5% (its own random stream:
 * the generated tickets are the ones bench/evaluate.ts uses, from other seeds). The harness
 * costs next to nothing beyond generating: the event is appended to the ticket's own events
 * array (the generator makes fresh objects for every ticket, so nothing is copied), carries the
 * creation string itself when performed at once, and `now` returns the instant of the ticket
 * being added (no lookup table).
 *
 * 1. Single thread, on the first 10,000 tickets: what generating costs, what a full `evaluate`
 *    per ticket costs, and what the metrics path costs (`measureTicket`, the lean evaluation
 *    metrics use, given the instant as epoch ms; then `createMetricsAccumulator().add`, which
 *    adds reading the instant and the accumulation), per ticket.
 * 2. Sharded over worker threads (`--workers`, default: the machine's cores): the tickets come in
 *    blocks of 10,000 (block b generated from its own seed), handed to whichever worker is free;
 *    each worker accumulates its blocks with `createMetricsAccumulator` and posts its aggregate
 *    (plain JSON); the main thread merges them (`mergeMetricsAggregates`) and finalizes. Wall
 *    time (generation included), CPU time of the process, and at 100k / 500k / 1M tickets: the
 *    process RSS and each worker's heap after a full GC — flat in the number of tickets.
 * 3. Sharded == single pass: each worker also posts the aggregate of its blocks among the first
 *    ten (the first 100,000 tickets); merged, their report must equal, byte for byte, the report
 *    of one pass over those tickets in the main thread (also timed).
 *
 * escalation-engine is measured as users run it, bundled: the benchmark bundles itself with
 * esbuild into .tmp/ and runs the bundle (tsx's transform slows hot closures by about 15%).
 *
 * Run with `npx tsx bench/metrics.ts [--tickets 1000000] [--workers 2] [--verify 10]`.
 * Exits non-zero if the sharded report differs from the single pass.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compilePolicy, evaluate, type PolicyDocument } from '../src/index.js';
import { measureTicket } from '../src/engine/index.js';
import {
  createMetricsAccumulator,
  finalizeMetrics,
  mergeMetricsAggregates,
  type ComputeMetricsOptions,
  type MetricsAccumulator,
  type MetricsAggregate,
  type MetricsReport,
} from '../src/metrics/index.js';
import { modelOf } from '../src/policy/index.js';
import { createTicketGenerator, type Case, type Event } from './ticket-generator.js';
import { lcg } from './workload.js';

const BLOCK = 10_000;
const SEED = 20261127;
const GROUP_BY = ['severity', 'week'] as const;

// A full GC on demand without starting node with --expose-gc (in every thread).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const document = JSON.parse(
  readFileSync(new URL('../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const policy = compilePolicy(document);

// ---------------------------------------------------------------- workload
const MINUTE = 60_000;

/**
 * Hands the tickets of block `b` to `visit`, one at a time, each with the instant it is measured
 * at. The host's receipt event is appended to the ticket's own `events` array: the generator
 * makes a fresh ticket and array for every call and keeps neither, so nothing is copied. Its
 * instant is the creation string itself when performed at once, else formatted from it.
 */
function eachCase(b: number, idSpace: number, visit: (c: Case) => void): void {
  const generate = createTicketGenerator(document, { seed: (SEED + b * 7919) >>> 0, idSpace });
  const host = lcg((SEED ^ (b * 104_729)) >>> 0);
  for (let i = 0; i < BLOCK; i++) {
    const c = generate(b * BLOCK + i);
    const r = host();
    if (r < 0.95) {
      const createdAt = c.ticket.createdAt as string;
      const at =
        r < 0.7
          ? createdAt
          : new Date(Date.parse(createdAt) + 1000 + Math.floor(host() * 5 * MINUTE)).toISOString();
      const performed: Event = {
        type: 'actionPerformed',
        at,
        key: `${c.ticket.id as string}/receipt-confirmation/created/0/0`,
      };
      (c.ticket.events as Event[]).push(performed);
    }
    visit(c);
  }
}

/** The case being added: `now` gives its instant (the generator's, as a host's export time). */
let adding: Case | undefined;
const options: ComputeMetricsOptions = {
  now: (ticket) => {
    if (adding === undefined || ticket !== adding.ticket)
      throw new Error('bench: now(ticket) called for a ticket other than the one being added');
    return adding.now;
  },
  groupBy: GROUP_BY,
};
/** Adds one case to an accumulator, measured at its instant. */
function addCase(accumulator: MetricsAccumulator, c: Case): void {
  adding = c;
  accumulator.add(c.ticket);
}

// ---------------------------------------------------------------- worker
interface WorkerData {
  readonly idSpace: number;
  readonly verifyBlocks: number;
}
type ToWorker =
  | { readonly type: 'block'; readonly index: number }
  | { readonly type: 'heap'; readonly mark: number }
  | { readonly type: 'done' };
type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'block-done'; readonly index: number }
  | { readonly type: 'heap'; readonly mark: number; readonly heapUsed: number; readonly tickets: number }
  | { readonly type: 'prefix'; readonly aggregate: MetricsAggregate }
  | {
      readonly type: 'final';
      readonly aggregate: MetricsAggregate;
      readonly peakHeap: number;
      readonly heapUsed: number;
      readonly tickets: number;
    };

function runWorker(): void {
  const port = parentPort;
  if (port === null) throw new Error('not a worker');
  const { idSpace, verifyBlocks } = workerData as WorkerData;
  const accumulator = createMetricsAccumulator(policy, options);
  let prefixSent = false;
  let peakHeap = 0;
  const send = (message: FromWorker): void => {
    port.postMessage(message);
  };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'heap') {
      // The heap after a full GC: what the accumulator (and the engine's caches) keep.
      gc();
      send({
        type: 'heap',
        mark: message.mark,
        heapUsed: process.memoryUsage().heapUsed,
        tickets: accumulator.count(),
      });
      return;
    }
    if (message.type === 'done') {
      if (!prefixSent) send({ type: 'prefix', aggregate: accumulator.aggregate() });
      // The heap after a full GC before the aggregate is made (its JSON objects are not kept).
      gc();
      const heapUsed = process.memoryUsage().heapUsed;
      send({
        type: 'final',
        aggregate: accumulator.aggregate(),
        peakHeap,
        heapUsed,
        tickets: accumulator.count(),
      });
      port.close();
      return;
    }
    if (message.index >= verifyBlocks && !prefixSent) {
      // Blocks are handed out in order: the ones before are all among the first `verifyBlocks`.
      prefixSent = true;
      send({ type: 'prefix', aggregate: accumulator.aggregate() });
    }
    let i = 0;
    eachCase(message.index, idSpace, (c) => {
      addCase(accumulator, c);
      if (++i % 1000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    });
    send({ type: 'block-done', index: message.index });
  });
  send({ type: 'ready' });
}

// ---------------------------------------------------------------- main
const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const write = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}
const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Times `run` over the tickets of block 0 (wall and CPU µs per ticket), after a warm-up pass. */
function perTicket<T>(items: readonly T[], run: (item: T) => void): { wall: number; cpu: number } {
  for (const item of items.slice(0, 2000)) run(item);
  const start = performance.now();
  const cpu = cpuMs();
  for (const item of items) run(item);
  return {
    wall: ((performance.now() - start) * 1000) / items.length,
    cpu: ((cpuMs() - cpu) * 1000) / items.length,
  };
}

async function runMain(): Promise<void> {
  // Whole blocks of tickets.
  const tickets = Math.max(1, Math.ceil(argument('tickets', 1_000_000) / BLOCK)) * BLOCK;
  const workers = argument('workers', availableParallelism());
  const verifyBlocks = argument('verify', 10);
  const blocks = Math.ceil(tickets / BLOCK);
  const idSpace = blocks * BLOCK;

  // 1. Single thread, block 0.
  const first: Case[] = [];
  const genStart = performance.now();
  eachCase(0, idSpace, (c) => first.push(c));
  const generateUs = ((performance.now() - genStart) * 1000) / first.length;
  const events = first.reduce((n, c) => n + (c.ticket.events as unknown[]).length, 0);
  const model = modelOf(policy, 'bench');
  const evaluateCost = perTicket(first, (c) => evaluate(policy, c.ticket, { now: c.now }));
  // measureTicket takes epoch ms: parsed before the timing.
  const measured = first.map((c) => ({ ticket: c.ticket, now: Date.parse(c.now) }));
  const measureCost = perTicket(measured, (m) => measureTicket(model, m.ticket, m.now));
  measured.length = 0;
  const accumulator = createMetricsAccumulator(policy, options);
  const metricsCost = perTicket(first, (c) => {
    addCase(accumulator, c);
  });
  first.length = 0;
  write(
    `workload: ${int(tickets)} tickets of ${document.id}@${document.version}, 5–30 events each ` +
      `(block 0: ${(events / BLOCK).toFixed(1)} per ticket, the host's performed receipt included), ` +
      `grouped by ${GROUP_BY.join(' × ')}; node ${process.version}, ${String(availableParallelism())} cores\n` +
      `single thread, first ${int(BLOCK)} tickets (µs per ticket, wall / CPU):\n` +
      `  generating a ticket                         ${generateUs.toFixed(1)}\n` +
      `  evaluate (full decision)                    ${evaluateCost.wall.toFixed(1)} / ${evaluateCost.cpu.toFixed(1)}\n` +
      `  measureTicket (what metrics read)           ${measureCost.wall.toFixed(1)} / ${measureCost.cpu.toFixed(1)}\n` +
      `  createMetricsAccumulator().add (measure + accumulate) ${metricsCost.wall.toFixed(1)} / ${metricsCost.cpu.toFixed(1)}\n` +
      `  → metrics path ${(evaluateCost.cpu / metricsCost.cpu).toFixed(2)}× cheaper than evaluate per ticket (CPU)`,
  );

  // 2. Sharded over worker threads.
  gc();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const cpuStart = cpuMs();
  let nextBlock = 0;
  let completed = 0;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  /** Per checkpoint: when it was crossed, the RSS then, and each worker's heap after a GC. */
  const marks = new Map<
    number,
    { seconds: number; rss: number; heaps: { heap: number; tickets: number }[] }
  >();
  const checkpoints = new Set([100_000, 500_000, 1_000_000, tickets].filter((mark) => mark <= tickets));
  const prefixes: MetricsAggregate[] = [];
  const finals: MetricsAggregate[] = [];
  const peaks: number[] = [];
  const lastHeaps: { heap: number; tickets: number }[] = [];
  const checkpoint = (mark: number): void => {
    const entry = marks.get(mark);
    if (entry === undefined) return;
    write(
      `  ${int(mark).padStart(9)} tickets: ${entry.seconds.toFixed(1).padStart(5)} s, ` +
        `${int(mark / entry.seconds).padStart(6)} tickets/s; RSS ${mb(entry.rss)}; worker heaps after GC ` +
        entry.heaps.map((h) => `${mb(h.heap)} (${int(h.tickets)} tickets)`).join(', '),
    );
  };
  write(`\nsharded over ${String(workers)} worker threads, blocks of ${int(BLOCK)} tickets:`);
  await new Promise<void>((resolve, reject) => {
    let finished = 0;
    const pool: Worker[] = [];
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { idSpace, verifyBlocks } });
      pool.push(worker);
      const next = (): void => {
        if (nextBlock < blocks) worker.postMessage({ type: 'block', index: nextBlock++ } satisfies ToWorker);
        else worker.postMessage({ type: 'done' } satisfies ToWorker);
      };
      worker.on('error', reject);
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            next();
            break;
          case 'block-done': {
            const before = completed;
            completed += BLOCK;
            for (const mark of checkpoints) {
              if (before < mark && completed >= mark) {
                const rss = process.memoryUsage().rss;
                peakRss = Math.max(peakRss, rss);
                marks.set(mark, { seconds: (performance.now() - start) / 1000, rss, heaps: [] });
                // Each worker answers after the block it is on (messages wait between blocks); at
                // the last mark, with its final aggregate.
                if (mark < tickets)
                  for (const each of pool) each.postMessage({ type: 'heap', mark } satisfies ToWorker);
              }
            }
            next();
            break;
          }
          case 'heap': {
            const entry = marks.get(message.mark);
            entry?.heaps.push({ heap: message.heapUsed, tickets: message.tickets });
            if (entry !== undefined && entry.heaps.length === workers) checkpoint(message.mark);
            break;
          }
          case 'prefix':
            prefixes.push(message.aggregate);
            break;
          case 'final':
            finals.push(message.aggregate);
            peaks.push(message.peakHeap);
            lastHeaps.push({ heap: message.heapUsed, tickets: message.tickets });
            if (++finished === workers) {
              const last = marks.get(tickets);
              if (last !== undefined) last.heaps.push(...lastHeaps);
              checkpoint(tickets);
              resolve();
            }
            break;
        }
      });
    }
  });
  const mergeStart = performance.now();
  const report = finalizeMetrics(mergeMetricsAggregates(finals));
  const mergeMs = performance.now() - mergeStart;
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = (cpuMs() - cpuStart) / 1000;
  clearInterval(sampler);
  const sizes = finals.map((aggregate) => Buffer.byteLength(JSON.stringify(aggregate)));
  write(
    `  total: ${seconds.toFixed(1)} s wall for ${int(report.total.tickets)} tickets ` +
      `(${int(report.total.tickets / seconds)} tickets/s), ${cpuSeconds.toFixed(1)} s CPU ` +
      `(${((cpuSeconds * 1e6) / report.total.tickets).toFixed(1)} µs per ticket, generation included); ` +
      `target < 30 s: ${seconds < 30 ? 'met' : 'NOT met'}\n` +
      `  merge + finalize: ${mergeMs.toFixed(0)} ms; aggregates posted by the workers: ` +
      `${sizes.map((n) => `${int(n / 1024)} KB`).join(', ')} of JSON (${String(report.groups.length)} groups)\n` +
      `  peak RSS ${mb(peakRss)} (${mb(rssBefore)} before the workers started); peak worker heaps ` +
      `${peaks.map(mb).join(', ')}; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  summarise(report);

  // 3. Sharded == single pass, over the first `verifyBlocks` blocks.
  if (verifyBlocks > 0 && prefixes.length > 0) {
    const single = createMetricsAccumulator(policy, options);
    const singleStart = performance.now();
    const singleCpu = cpuMs();
    for (let b = 0; b < Math.min(verifyBlocks, blocks); b++) {
      eachCase(b, idSpace, (c) => {
        addCase(single, c);
      });
    }
    const singleSeconds = (performance.now() - singleStart) / 1000;
    const singleCpuUs = ((cpuMs() - singleCpu) * 1000) / single.count();
    const expected = JSON.stringify(single.report());
    const sharded = JSON.stringify(finalizeMetrics(mergeMetricsAggregates(prefixes)));
    const same = expected === sharded;
    write(
      `\nsingle pass over the first ${int(single.count())} tickets in the main thread: ${singleSeconds.toFixed(1)} s ` +
        `(${int(single.count() / singleSeconds)} tickets/s, ${singleCpuUs.toFixed(1)} µs CPU per ticket, generation included)\n` +
        `sharded (${String(prefixes.length)} worker aggregates merged) == single pass: ` +
        `${same ? 'yes, byte for byte' : 'NO'} (${int(expected.length)} bytes of report JSON)`,
    );
    if (!same) process.exitCode = 1;
  }
}

/** A few figures of the report, to see that the workload measures something. */
function summarise(report: MetricsReport): void {
  const total = report.total;
  const pct = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)}%`);
  const hours = (ms: number | undefined): string =>
    ms === undefined ? '–' : `${(ms / 3_600_000).toFixed(2)} h`;
  const lines = Object.entries(total.sla).map(
    ([metric, sla]) =>
      `  ${metric.padEnd(15)} ${int(sla.tickets).padStart(9)} clocks, met ${pct(sla.metPercent).padStart(6)}, ` +
      `breached ${int(sla.breached).padStart(8)}; business p50 ${hours(sla.businessMs?.p50)}, p90 ${hours(sla.businessMs?.p90)}; ` +
      `wall p50 ${hours(sla.wallMs?.p50)}, p90 ${hours(sla.wallMs?.p90)}`,
  );
  write(
    `report: ${int(total.tickets)} tickets, ${int(total.degraded)} degraded, ${String(report.groups.length)} groups (severity × week)\n` +
      `${lines.join('\n')}\n` +
      `  escalations: ${pct(total.escalations.ticketsPercent)} of tickets, ${int(total.escalations.actions)} actions due, ` +
      `${int(total.escalations.performed)} performed, on time ${pct(total.escalations.onTimePercent)} ` +
      `(receipt: ${int(total.escalations.byRule['receipt-confirmation']?.onTime ?? 0)} of ${int(total.escalations.byRule['receipt-confirmation']?.actions ?? 0)})\n` +
      `  reopened ${pct(total.reopens.reopenedPercent)} of resolved tickets; approvals pending ${int(total.approvals.pending)}, ` +
      `expired ${int(total.approvals.expired)}`,
  );
}

// ---------------------------------------------------------------- entry
const bundled = import.meta.url.endsWith('.mjs');
if (!isMainThread) {
  runWorker();
} else if (bundled) {
  await runMain();
} else {
  // Bundle this file (the library included, as a build would) and run the bundle.
  const { build } = await import('esbuild');
  const { spawnSync } = await import('node:child_process');
  const outfile = new URL('../.tmp/bench-metrics.mjs', import.meta.url).pathname;
  await build({
    entryPoints: [new URL(import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // Node built-ins and esbuild itself stay external (esbuild is only needed to bundle).
    external: ['esbuild'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const child = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}
