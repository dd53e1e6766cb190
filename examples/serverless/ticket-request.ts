/**
 * The request checks the Lambda and Workers handlers share: what they accept as a ticket,
 * and the JSON answers they give. Error answers are `{ "error": { "code", "message" } }`.
 */
import type { Ticket } from 'escalation-engine';
import { processTicket, withRecordedActions, type EscalationDeps } from './process-ticket.js';

/** The largest body accepted, in bytes (1 MiB, far above a ticket snapshot with a long history). */
export const MAX_BODY_BYTES = 1_048_576;

/** An answer, before the platform wraps it (`{ statusCode, body }` on Lambda, a `Response` on Workers). */
export interface JsonAnswer {
  /** The HTTP status. */
  readonly statusCode: number;
  /** The JSON body. */
  readonly body: unknown;
  /** Extra headers (`Allow` on a 405). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** What the request was: a ticket to evaluate, or an answer to give at once. */
export type TicketRequest =
  { readonly ok: true; readonly ticket: Ticket } | { readonly ok: false; readonly answer: JsonAnswer };

/**
 * An error answer.
 *
 * @param statusCode - The HTTP status.
 * @param code - A stable snake_case code.
 * @param message - One line for the developer reading it.
 * @param headers - Extra headers.
 * @returns The answer.
 * @example
 * errorAnswer(415, 'unsupported_media_type', 'send the ticket as `application/json`').statusCode; //=> 415
 */
export function errorAnswer(
  statusCode: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): JsonAnswer {
  return { statusCode, body: { error: { code, message } }, headers };
}

/**
 * Checks the method and the content type before the body is read.
 *
 * @param method - The HTTP method.
 * @param contentType - The `Content-Type` header, if any.
 * @returns An error answer, or `null` when the body should be read.
 * @example
 * checkRequestLine('GET', undefined)?.statusCode; //=> 405
 */
export function checkRequestLine(method: string, contentType: string | null | undefined): JsonAnswer | null {
  if (method.toUpperCase() !== 'POST') {
    return errorAnswer(405, 'method_not_allowed', 'post the ticket snapshot', { Allow: 'POST' });
  }
  const [mediaType = '', ...parameters] = (contentType ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase());
  const utf8 = parameters.every(
    (parameter) => !parameter.startsWith('charset=') || parameter === 'charset=utf-8',
  );
  if (mediaType !== 'application/json' || !utf8) {
    return errorAnswer(415, 'unsupported_media_type', 'send the ticket as `application/json` (UTF-8)');
  }
  return null;
}

/**
 * Parses the body as a ticket snapshot. Only what the engine cannot work around is refused:
 * bad ticket data gives a degraded decision, which is more useful than a 4xx.
 *
 * @param text - The body, decoded.
 * @returns The ticket, or the error answer.
 * @example
 * parseTicket('{"id": "ACME-1"').ok; //=> false (400 malformed_json)
 */
export function parseTicket(text: string): TicketRequest {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { ok: false, answer: errorAnswer(400, 'malformed_json', 'the body is not valid JSON') };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return {
      ok: false,
      answer: errorAnswer(422, 'invalid_payload', 'the body must be a ticket snapshot: a JSON object'),
    };
  }
  const id: unknown = (payload as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '') {
    return { ok: false, answer: errorAnswer(422, 'invalid_payload', '`id` must be a non-empty string') };
  }
  return { ok: true, ticket: payload as Ticket };
}

/**
 * Evaluates a ticket the helpdesk sent: adds the actions already recorded for it, performs
 * what is due, stores it, and answers with the decision and `nextEvaluationAt` (for a
 * platform scheduler that wakes the ticket itself, instead of the sweep).
 *
 * @param deps - The policy, store and performer.
 * @param snapshot - The ticket as the helpdesk sends it.
 * @param now - The instant of the request.
 * @returns A 200 answer.
 * @example
 * (await answerTicket(deps, ticket, new Date())).body; //=> { ticketId, status, performed, failed, nextEvaluationAt, decision }
 */
export async function answerTicket(deps: EscalationDeps, snapshot: Ticket, now: Date): Promise<JsonAnswer> {
  const stored = await deps.store.get(snapshot.id);
  const result = await processTicket(deps, withRecordedActions(snapshot, stored?.ticket), now);
  return {
    statusCode: 200,
    body: {
      ticketId: result.ticketId,
      status: result.decision.status,
      performed: result.performed,
      failed: result.failed,
      nextEvaluationAt: result.nextEvaluationAt,
      decision: result.decision,
    },
  };
}
