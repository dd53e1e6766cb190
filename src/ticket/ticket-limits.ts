import type { Issue } from '../errors/index.js';
import { describeLimitBreach, findLimitBreach, type DataLimits } from '../internal/index.js';

/**
 * The most events a ticket snapshot may carry. A ticket with more is not decided from its
 * data: the decision is `degraded` with a `limit_exceeded` error at `events`, and the policy's
 * fallback decides (docs/security.md).
 *
 * @example
 * ```ts
 * import { MAX_TICKET_EVENTS } from 'escalation-engine';
 * if (ticket.events.length > MAX_TICKET_EVENTS) compactHistory(ticket); // the host's own choice
 * MAX_TICKET_EVENTS //=> 10000
 * ```
 */
export const MAX_TICKET_EVENTS = 10_000;

/**
 * The most items of any other list in a ticket snapshot (`tags`, `relatedTicketIds`, a list in
 * `fields`).
 *
 * @example
 * ```ts
 * MAX_TICKET_ARRAY_LENGTH //=> 10000
 * ```
 */
export const MAX_TICKET_ARRAY_LENGTH = 10_000;

/**
 * The longest string (or key) in a ticket snapshot, in UTF-16 code units (`string.length`):
 * a subject, a description, a custom field.
 *
 * @example
 * ```ts
 * MAX_TICKET_STRING_LENGTH //=> 1000000
 * ```
 */
export const MAX_TICKET_STRING_LENGTH = 1_000_000;

/**
 * The most characters of all the strings and keys of a ticket snapshot together.
 *
 * @example
 * ```ts
 * MAX_TICKET_TEXT_LENGTH //=> 10000000
 * ```
 */
export const MAX_TICKET_TEXT_LENGTH = 10_000_000;

/**
 * The deepest nesting of objects and lists in a ticket snapshot, the ticket itself being
 * level 1 (`fields.a.b` is level 3 when `b` holds an object).
 *
 * @example
 * ```ts
 * MAX_TICKET_DEPTH //=> 64
 * ```
 */
export const MAX_TICKET_DEPTH = 64;

/**
 * The most values (objects, lists, strings, numbers, booleans, `null`) in a ticket snapshot:
 * room for the event limit with 25 values each.
 *
 * @example
 * ```ts
 * MAX_TICKET_VALUES //=> 250000
 * ```
 */
export const MAX_TICKET_VALUES = 250_000;

const LIMITS: DataLimits = {
  values: MAX_TICKET_VALUES,
  depth: MAX_TICKET_DEPTH,
  stringLength: MAX_TICKET_STRING_LENGTH,
  textLength: MAX_TICKET_TEXT_LENGTH,
  arrayLength: MAX_TICKET_ARRAY_LENGTH,
};

const CONSEQUENCE = 'the ticket is not decided from its data: the fallback applies';

/**
 * The first documented limit a ticket object exceeds, as an error issue with the path of
 * what exceeds it, or `undefined`. Its cost is bounded by the limits, not by the ticket.
 *
 * @internal
 */
export function ticketLimitIssue(ticket: Readonly<Record<string, unknown>>): Issue | undefined {
  const events = Object.hasOwn(ticket, 'events') ? ticket.events : undefined;
  if (Array.isArray(events) && events.length > MAX_TICKET_EVENTS) {
    return {
      code: 'limit_exceeded',
      severity: 'error',
      path: ['events'],
      message: `the ticket has ${String(events.length)} events, more than the limit of ${String(MAX_TICKET_EVENTS)}: ${CONSEQUENCE}`,
    };
  }
  const breach = findLimitBreach(ticket, LIMITS);
  if (breach === undefined) return undefined;
  return {
    code: 'limit_exceeded',
    severity: 'error',
    path: breach.path,
    message: `${describeLimitBreach(breach, 'ticket')}: ${CONSEQUENCE}`,
  };
}
