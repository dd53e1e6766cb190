/**
 * A Cloudflare Worker: `fetch` answers the helpdesk's webhook, `scheduled` (a Cron Trigger,
 * `* * * * *`) runs the sweep. Bindings come from `env`, so the store and the performer are
 * built per call from it.
 *
 * ```ts
 * // src/index.ts of the Worker (wrangler bundles the policy JSON)
 * import policyJson from './acme-saas.json';
 * interface Env { TICKETS: KVNamespace; PAGERDUTY_TOKEN: string }
 * const worker = createWorker<Env>({
 *   policy: compilePolicy(policyJson),
 *   store: (env) => kvTicketStore(env.TICKETS),
 *   perform: (env) => pagerDutyPerformer(env.PAGERDUTY_TOKEN),
 * });
 * export default worker;
 * ```
 */
import type { Policy } from 'escalation-engine';
import type { ActionPerformer } from './process-ticket.js';
import { runSweep } from './sweep.js';
import type { TicketStore } from './ticket-store.js';
import {
  answerTicket,
  checkRequestLine,
  errorAnswer,
  MAX_BODY_BYTES,
  parseTicket,
  type JsonAnswer,
} from './ticket-request.js';

/** What a Cron Trigger passes to `scheduled` (the fields used). */
export interface ScheduledController {
  /** When the trigger was scheduled to fire, in epoch milliseconds. */
  readonly scheduledTime: number;
}

/** The Workers execution context (the method used). */
export interface ExecutionContext {
  /** Keeps the Worker alive until the promise settles. */
  waitUntil(promise: Promise<unknown>): void;
}

/** What {@link createWorker} needs, built from the Worker's `env` bindings. */
export interface WorkerDeps<Env> {
  /** The compiled policy (compiled once per isolate). */
  readonly policy: Policy;
  /** The ticket store on the Worker's bindings (KV, D1, a Durable Object). */
  readonly store: (env: Env) => TicketStore;
  /** The action performer on the Worker's bindings. */
  readonly perform: (env: Env) => ActionPerformer;
  /** Where `now` comes from for `fetch`. @defaultValue `() => new Date()` */
  readonly clock?: (() => Date) | undefined;
}

/** The Worker's handlers: export the object as the module's default export. */
export interface EscalationWorker<Env> {
  /** Answers the helpdesk's webhook. */
  fetch(request: Request, env: Env): Promise<Response>;
  /** Runs the sweep at the trigger's scheduled time; rejects when some tickets could not be processed. */
  scheduled(controller: ScheduledController, env: Env, context: ExecutionContext): Promise<void>;
}

/**
 * Creates the Worker's `fetch` and `scheduled` handlers.
 *
 * @param deps - The policy, and how to build the store and performer from `env`.
 * @returns The handlers.
 * @example
 * const worker = createWorker({ policy, store: () => store, perform: () => perform });
 * const response = await worker.fetch(new Request('https://esc.example/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), env);
 * (await response.json()).nextEvaluationAt; //=> '2026-03-09T14:24:00.000Z'
 */
export function createWorker<Env>(deps: WorkerDeps<Env>): EscalationWorker<Env> {
  return {
    async fetch(request, env) {
      const refused = checkRequestLine(request.method, request.headers.get('content-type'));
      if (refused !== null) return toResponse(refused);
      const body = await readText(request, MAX_BODY_BYTES);
      if (body.outcome !== 'read') {
        return toResponse(
          body.outcome === 'too_large'
            ? errorAnswer(413, 'payload_too_large', `the body exceeds the limit of ${MAX_BODY_BYTES} bytes`)
            : errorAnswer(400, 'malformed_json', 'the body is not valid UTF-8'),
        );
      }
      const parsed = parseTicket(body.text);
      if (!parsed.ok) return toResponse(parsed.answer);
      const now = deps.clock?.() ?? new Date();
      const ticketDeps = { policy: deps.policy, store: deps.store(env), perform: deps.perform(env) };
      return toResponse(await answerTicket(ticketDeps, parsed.ticket, now));
    },

    async scheduled(controller, env) {
      const report = await runSweep(
        { policy: deps.policy, store: deps.store(env), perform: deps.perform(env) },
        new Date(controller.scheduledTime),
      );
      // Fail the invocation (it shows in the Worker's logs and metrics); the tickets stay due.
      if (report.errors.length > 0) {
        throw new AggregateError(
          report.errors.map((entry) => entry.error),
          `sweep: ${report.errors.length} ticket(s) could not be processed`,
        );
      }
    },
  };
}

/** The body, read: its text, or why not. */
type BodyText =
  { readonly outcome: 'read'; readonly text: string } | { readonly outcome: 'too_large' | 'not_utf8' };

/**
 * Reads the body as UTF-8 text, counting bytes as they stream in: past the limit it cancels
 * the stream and answers `'too_large'` without reading the rest.
 */
async function readText(request: Request, maxBytes: number): Promise<BodyText> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { outcome: 'too_large' };
  if (request.body === null) return { outcome: 'read', text: '' };
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return { outcome: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { outcome: 'read', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { outcome: 'not_utf8' };
  }
}

function toResponse(answer: JsonAnswer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers },
  });
}
