/**
 * AWS Lambda handlers: one behind API Gateway (REST API proxy integration) that the
 * helpdesk calls on every ticket change, and one on an EventBridge schedule that runs the
 * sweep. The event shapes below are the fields used of `APIGatewayProxyEvent`,
 * `APIGatewayProxyResult` and `ScheduledEvent` from `@types/aws-lambda`.
 *
 * ```ts
 * // handler.ts, deployed with the policy file next to it
 * const policy = compilePolicy(policyJson); // at cold start, once
 * const deps = { policy, store: dynamoTicketStore(), perform: performWithPagerDutyAndSes };
 * export const evaluateTicket = createLambdaHandler(deps);
 * export const sweep = createLambdaSweepHandler(deps);
 * ```
 */
import type { EscalationDeps } from './process-ticket.js';
import { runSweep } from './sweep.js';
import {
  answerTicket,
  checkRequestLine,
  errorAnswer,
  MAX_BODY_BYTES,
  parseTicket,
  type JsonAnswer,
} from './ticket-request.js';

/** The fields of an API Gateway (REST API) proxy event that the handler reads. */
export interface ApiGatewayProxyEvent {
  /** The HTTP method. */
  readonly httpMethod: string;
  /** The request headers, as the client sent them (any case); `null` when there are none. */
  readonly headers: Readonly<Record<string, string | undefined>> | null;
  /** The body; `null` when there is none. */
  readonly body: string | null;
  /** Whether `body` is base64 (binary media types). */
  readonly isBase64Encoded: boolean;
}

/** What a proxy integration returns. */
export interface ApiGatewayProxyResult {
  /** The HTTP status. */
  readonly statusCode: number;
  /** Response headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, as text. */
  readonly body: string;
}

/** The fields of an EventBridge scheduled event that the sweep reads. */
export interface ScheduledEvent {
  /** When the schedule fired (ISO 8601, UTC). */
  readonly time: string;
}

/** Options of {@link createLambdaHandler}. */
export interface LambdaHandlerOptions {
  /** Where `now` comes from. @defaultValue `() => new Date()` (the function's clock) */
  readonly clock?: (() => Date) | undefined;
}

/**
 * Creates the API Gateway handler: checks the request, evaluates the ticket, performs what
 * is due and answers with the decision and `nextEvaluationAt`.
 *
 * @param deps - The policy, store and performer.
 * @param options - The clock.
 * @returns The Lambda handler.
 * @example
 * const handler = createLambdaHandler({ policy, store, perform });
 * const result = await handler({ httpMethod: 'POST', headers: { 'Content-Type': 'application/json' }, body, isBase64Encoded: false });
 * JSON.parse(result.body).nextEvaluationAt; //=> '2026-03-09T14:24:00.000Z'
 */
export function createLambdaHandler(
  deps: EscalationDeps,
  options: LambdaHandlerOptions = {},
): (event: ApiGatewayProxyEvent) => Promise<ApiGatewayProxyResult> {
  return async (event) => {
    const refused = checkRequestLine(event.httpMethod, header(event.headers, 'content-type'));
    if (refused !== null) return toResult(refused);

    // API Gateway has buffered the body already (up to its own 10 MB limit): check the size,
    // and decode base64 bodies strictly as UTF-8.
    const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (bytes.length > MAX_BODY_BYTES) {
      return toResult(
        errorAnswer(413, 'payload_too_large', `the body exceeds the limit of ${MAX_BODY_BYTES} bytes`),
      );
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return toResult(errorAnswer(400, 'malformed_json', 'the body is not valid UTF-8'));
    }
    const request = parseTicket(text);
    if (!request.ok) return toResult(request.answer);

    const now = options.clock?.() ?? new Date();
    return toResult(await answerTicket(deps, request.ticket, now));
  };
}

/**
 * Creates the scheduled sweep handler: `now` is the instant the schedule fired.
 *
 * @param deps - The policy, store and performer.
 * @returns The Lambda handler; it resolves with counts for the logs.
 * @example
 * await createLambdaSweepHandler(deps)({ time: '2026-03-09T14:24:00Z' }); //=> { evaluated: 1, performed: 1, failed: 0, errors: 0 }
 */
export function createLambdaSweepHandler(
  deps: EscalationDeps,
): (
  event: ScheduledEvent,
) => Promise<{ evaluated: number; performed: number; failed: number; errors: number }> {
  return async (event) => {
    const now = new Date(event.time);
    if (Number.isNaN(now.getTime())) throw new RangeError(`sweep: \`time\` is not an instant: ${event.time}`);
    const report = await runSweep(deps, now);
    return {
      evaluated: report.results.length,
      performed: report.results.reduce((sum, result) => sum + result.performed.length, 0),
      failed: report.results.reduce((sum, result) => sum + result.failed.length, 0),
      errors: report.errors.length,
    };
  };
}

/** A header by name, whatever its case (API Gateway REST APIs pass headers as sent). */
function header(headers: ApiGatewayProxyEvent['headers'], name: string): string | undefined {
  if (headers === null) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function toResult(answer: JsonAnswer): ApiGatewayProxyResult {
  return {
    statusCode: answer.statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers },
    body: JSON.stringify(answer.body),
  };
}
