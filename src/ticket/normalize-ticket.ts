import type { Issue, IssueCode } from '../errors/index.js';
import { readInstant } from '../internal/index.js';
import { MAX_TICKET_STRING_LENGTH, ticketLimitIssue } from './ticket-limits.js';

type Path = readonly (string | number)[];

/** A status in force from an instant on. */
export interface StatusChange {
  readonly at: number;
  readonly status: string;
}

/** A usable event of the history, in epoch ms, sorted. */
export type HistoryEvent =
  | { readonly type: 'statusChanged'; readonly at: number; readonly index: number; readonly status: string }
  | {
      readonly type: 'severityChanged' | 'severityOverridden';
      readonly at: number;
      readonly index: number;
      readonly severity: string;
      readonly by: string | undefined;
      readonly reason: string | undefined;
      readonly role: string | undefined;
    }
  | { readonly type: 'assigned'; readonly at: number; readonly index: number; readonly assignee: string }
  | { readonly type: 'acknowledged'; readonly at: number; readonly index: number; readonly by: string }
  | {
      readonly type: 'replied';
      readonly at: number;
      readonly index: number;
      readonly author: 'agent' | 'customer';
      readonly public: boolean;
      readonly by: string | undefined;
    }
  | { readonly type: 'updateSent'; readonly at: number; readonly index: number; readonly audience: string }
  | {
      readonly type: 'approvalGranted' | 'approvalRejected';
      readonly at: number;
      readonly index: number;
      readonly gate: string;
      readonly by: string;
    }
  | {
      readonly type: 'escalationRequested';
      readonly at: number;
      readonly index: number;
      readonly by: string;
      readonly role: string | undefined;
      readonly to: string | undefined;
    }
  | { readonly type: 'actionPerformed'; readonly at: number; readonly index: number; readonly key: string };

/** A ticket snapshot made usable: typed fields, a sorted history, and what was wrong. */
export interface NormalizedTicket {
  /** The ticket id, or `null`. */
  readonly id: string | null;
  /** Creation instant, or `undefined` when it is missing or invalid (no clock can run). */
  readonly createdAt: number | undefined;
  /** The status timeline: `open` at creation, then each change; the snapshot's status last. */
  readonly statuses: readonly StatusChange[];
  /** The usable events at or before `now`, sorted by instant and then by kind. */
  readonly events: readonly HistoryEvent[];
  /**
   * Events of types the engine does not know, at or before `now`, in input order: kept for
   * `event` triggers of escalation rules and listed in traces, ignored otherwise.
   */
  readonly unknown: readonly { readonly index: number; readonly type: string; readonly at: number }[];
  /** The earliest event after `now`, which will change the decision when it becomes history. */
  readonly nextEventAt: number | undefined;
  readonly tier: string | undefined;
  readonly severity: string | undefined;
  readonly queue: string | undefined;
  readonly assignee: string | undefined;
  /** The raw ticket, as conditions see it (`undefined` when it is not an object or over a limit). */
  readonly raw: Readonly<Record<string, unknown>> | undefined;
  /**
   * True when the ticket exceeds a documented limit (docs/security.md): it is not read, except
   * its `id` and the keys of its `actionPerformed` events (so that the fallback notification is
   * not returned again once performed); `raw` is `undefined` and the fallback decides.
   */
  readonly overLimit: boolean;
  readonly issues: readonly Issue[];
}

/** Same-instant events apply in this order (docs/evaluation.md); unknown types last. */
const ORDER: Readonly<Record<string, number>> = {
  created: 0,
  statusChanged: 1,
  severityChanged: 2,
  severityOverridden: 2,
  assigned: 3,
  acknowledged: 4,
  replied: 5,
  updateSent: 6,
  approvalGranted: 7,
  approvalRejected: 7,
  escalationRequested: 8,
  actionPerformed: 9,
};

/** By instant, then by kind (docs/evaluation.md), then as given. */
function historyOrder(a: HistoryEvent, b: HistoryEvent): number {
  return a.at - b.at || (ORDER[a.type] ?? 10) - (ORDER[b.type] ?? 10) || a.index - b.index;
}

/** Histories up to this long are sorted by insertion (see {@link sortHistory}). */
const INSERTION_SORT_MAX = 64;

/**
 * Sorts a history in place by {@link historyOrder}. A short history is sorted by insertion:
 * histories are nearly in order (a host appends `actionPerformed` events late, with the
 * earlier instants of the actions), insertion costs one comparison per event plus one move
 * per event passed, and it runs without calls into the engine's sort (several times faster
 * on the 5–30 events of a typical ticket). Longer ones use `Array.prototype.sort`, whose
 * worst case stays `n log n`.
 */
function sortHistory(events: HistoryEvent[]): void {
  if (events.length > INSERTION_SORT_MAX) {
    events.sort(historyOrder);
    return;
  }
  for (let i = 1; i < events.length; i++) {
    const event = events[i] as HistoryEvent;
    let j = i - 1;
    while (j >= 0 && historyOrder(events[j] as HistoryEvent, event) > 0) {
      events[j + 1] = events[j] as HistoryEvent;
      j--;
    }
    events[j + 1] = event;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function issue(code: IssueCode, severity: 'error' | 'warning', path: Path, message: string): Issue {
  return { code, severity, path, message };
}

/** A string field: the string, or `undefined` (with a warning when present but not a string). */
function text(
  record: Readonly<Record<string, unknown>>,
  key: string,
  path: Path,
  issues: Issue[],
): string | undefined {
  const value = own(record, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  issues.push(
    issue('invalid_field', 'warning', [...path, key], `expected a string, received ${describe(value)}`),
  );
  return undefined;
}

type Raw = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** One event, typed; `undefined` (with a warning) when it cannot be used. */
/** A required string of an event, or `undefined` with a warning (the event is skipped). */
function need(raw: Raw, key: string, index: number, issues: Issue[]): string | undefined {
  const value = own(raw, key);
  if (typeof value === 'string' && value !== '') return value;
  issues.push(
    issue(
      'invalid_event',
      'warning',
      ['events', index, key],
      `event skipped: \`${String(raw.type)}\` needs \`${key}\` as a non-empty string, received ${describe(value)}`,
    ),
  );
  return undefined;
}

function optional(raw: Raw, key: string): string | undefined {
  const value = own(raw, key);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The engine's own string for each known event type (the keys of {@link ORDER}, constants), so
 * that later comparisons and lookups by type do not read the characters of the host's string.
 */
const KNOWN_TYPES: ReadonlyMap<string, HistoryEvent['type'] | 'created'> = new Map(
  Object.keys(ORDER).map((type) => [type, type as HistoryEvent['type'] | 'created']),
);

function readEvent(
  raw: Raw,
  type: HistoryEvent['type'] | 'created',
  at: number,
  index: number,
  issues: Issue[],
): HistoryEvent | undefined {
  switch (type) {
    case 'statusChanged': {
      const status = need(raw, 'status', index, issues);
      return status === undefined ? undefined : { type, at, index, status };
    }
    case 'severityChanged':
    case 'severityOverridden': {
      const severity = need(raw, 'severity', index, issues);
      return severity === undefined
        ? undefined
        : {
            type,
            at,
            index,
            severity,
            by: optional(raw, 'by'),
            reason: optional(raw, 'reason'),
            role: optional(raw, 'role'),
          };
    }
    case 'assigned': {
      const assignee = need(raw, 'assignee', index, issues);
      return assignee === undefined ? undefined : { type, at, index, assignee };
    }
    case 'acknowledged': {
      const by = need(raw, 'by', index, issues);
      return by === undefined ? undefined : { type, at, index, by };
    }
    case 'replied': {
      const author = own(raw, 'author');
      const visible = own(raw, 'public');
      if ((author !== 'agent' && author !== 'customer') || typeof visible !== 'boolean') {
        const bad = author !== 'agent' && author !== 'customer' ? 'author' : 'public';
        issues.push(
          issue(
            'invalid_event',
            'warning',
            ['events', index, bad],
            bad === 'author'
              ? 'event skipped: `replied` needs `author` `agent` or `customer`'
              : 'event skipped: `replied` needs `public` as a boolean',
          ),
        );
        return undefined;
      }
      return { type, at, index, author, public: visible, by: optional(raw, 'by') };
    }
    case 'updateSent': {
      const audience = need(raw, 'audience', index, issues);
      return audience === undefined ? undefined : { type, at, index, audience };
    }
    case 'approvalGranted':
    case 'approvalRejected': {
      const gate = need(raw, 'gate', index, issues);
      const by = gate === undefined ? undefined : need(raw, 'by', index, issues);
      return gate === undefined || by === undefined ? undefined : { type, at, index, gate, by };
    }
    case 'escalationRequested': {
      const by = need(raw, 'by', index, issues);
      return by === undefined
        ? undefined
        : { type, at, index, by, role: optional(raw, 'role'), to: optional(raw, 'to') };
    }
    case 'actionPerformed': {
      const key = need(raw, 'key', index, issues);
      return key === undefined ? undefined : { type, at, index, key };
    }
    default:
      return undefined;
  }
}

/**
 * Reads a ticket snapshot (any value) into a typed, sorted history, collecting issues
 * with paths into the ticket instead of throwing. Messages never quote ticket content
 * except field names and the documented vocabulary.
 *
 * @internal
 */
export function normalizeTicket(input: unknown, now: number): NormalizedTicket {
  const issues: Issue[] = [];
  if (!isRecord(input)) {
    const invalid = issue(
      'invalid_ticket',
      'error',
      [],
      `expected a ticket object, received ${describe(input)}`,
    );
    return unread(null, [], false, invalid);
  }
  const exceeded = ticketLimitIssue(input);
  if (exceeded !== undefined) return overLimit(input, now, exceeded);
  const id = text(input, 'id', [], issues) ?? null;
  if (id === null) issues.push(issue('missing_key', 'warning', ['id'], 'the ticket has no `id`'));
  const createdRaw = own(input, 'createdAt');
  const createdAt = readInstant(createdRaw);
  if (createdAt === undefined) {
    issues.push(
      issue(
        'invalid_field',
        'error',
        ['createdAt'],
        createdRaw === undefined
          ? 'missing `createdAt`: no SLA clock can run'
          : `invalid \`createdAt\` (${describe(createdRaw)}): expected an ISO date-time with an offset, a Date or epoch milliseconds; no SLA clock can run`,
      ),
    );
  }
  const customer = own(input, 'customer');
  const tier = isRecord(customer) ? text(customer, 'tier', ['customer'], issues) : undefined;
  if (customer !== undefined && customer !== null && !isRecord(customer)) {
    issues.push(
      issue('invalid_field', 'warning', ['customer'], `expected an object, received ${describe(customer)}`),
    );
  }
  const severity = text(input, 'severity', [], issues);
  const queue = text(input, 'queue', [], issues);
  const assignee = text(input, 'assignee', [], issues);
  const snapshotStatus = text(input, 'status', [], issues);

  // The history: usable events, sorted stably by instant, then by kind.
  const rawEvents = own(input, 'events');
  const usable: HistoryEvent[] = [];
  const unknown: { index: number; type: string; at: number }[] = [];
  let nextEventAt: number | undefined;
  if (rawEvents !== undefined && !Array.isArray(rawEvents)) {
    issues.push(
      issue(
        'invalid_field',
        'warning',
        ['events'],
        `expected a list of events, received ${describe(rawEvents)}`,
      ),
    );
  }
  const list: readonly unknown[] = Array.isArray(rawEvents) ? rawEvents : [];
  for (let index = 0; index < list.length; index++) {
    const event = list[index];
    if (!isRecord(event) || typeof own(event, 'type') !== 'string') {
      issues.push(
        issue(
          'invalid_event',
          'warning',
          ['events', index],
          'event skipped: expected an object with a `type`',
        ),
      );
      continue;
    }
    const at = readInstant(own(event, 'at'));
    if (at === undefined) {
      issues.push(
        issue(
          'invalid_event',
          'warning',
          ['events', index, 'at'],
          'event skipped: `at` must be an ISO date-time with an offset, a Date or epoch milliseconds',
        ),
      );
      continue;
    }
    if (at > now) {
      nextEventAt = nextEventAt === undefined ? at : Math.min(nextEventAt, at);
      issues.push(
        issue(
          'future_event',
          'warning',
          ['events', index, 'at'],
          'event after `now` ignored until its instant',
        ),
      );
      continue;
    }
    const type = KNOWN_TYPES.get(event.type as string);
    if (type === undefined) {
      unknown.push({ index, type: event.type as string, at });
      continue;
    }
    const typed = readEvent(
      event,
      type,
      createdAt === undefined ? at : Math.max(at, createdAt),
      index,
      issues,
    );
    if (typed !== undefined) usable.push(typed);
  }
  // Helpdesks mostly send history in order: sort only when it is not.
  let sorted = true;
  for (let i = 1; i < usable.length && sorted; i++) {
    sorted = historyOrder(usable[i - 1] as HistoryEvent, usable[i] as HistoryEvent) < 0;
  }
  if (!sorted) sortHistory(usable);

  // The status timeline; the snapshot's status wins over a history that ends elsewhere.
  const statuses: StatusChange[] = [];
  if (createdAt !== undefined) {
    statuses.push({ at: createdAt, status: 'open' });
    for (const event of usable)
      if (event.type === 'statusChanged') statuses.push({ at: event.at, status: event.status });
    const last = statuses[statuses.length - 1];
    if (snapshotStatus !== undefined && last !== undefined && last.status !== snapshotStatus) {
      // The last event that is about the ticket: `actionPerformed` is the host's bookkeeping of
      // the engine's own actions, and recording one must not move the status change.
      let at = createdAt;
      for (let i = usable.length - 1; i >= 0; i--) {
        const event = usable[i] as HistoryEvent;
        if (event.type !== 'actionPerformed') {
          at = event.at;
          break;
        }
      }
      issues.push(
        issue(
          'status_mismatch',
          'warning',
          ['status'],
          "the status differs from the one the events end with: the snapshot's status is taken from the last event on",
        ),
      );
      statuses.push({ at, status: snapshotStatus });
    }
  }
  return {
    id,
    createdAt,
    statuses,
    events: usable,
    unknown,
    nextEventAt,
    tier,
    severity,
    queue,
    assignee,
    raw: input,
    overLimit: false,
    issues,
  };
}

/**
 * A ticket over a limit: only its id and the keys of its performed actions are read (one pass
 * over the events, no sorting), so that the decision is bounded and the fallback notification,
 * once performed, is not returned again.
 */
function overLimit(input: Raw, now: number, exceeded: Issue): NormalizedTicket {
  const rawId = own(input, 'id');
  const rawEvents = own(input, 'events');
  const performed: HistoryEvent[] = [];
  if (Array.isArray(rawEvents)) {
    const list = rawEvents as readonly unknown[];
    for (let index = 0; index < list.length; index++) {
      const event = list[index];
      if (!isRecord(event) || own(event, 'type') !== 'actionPerformed') continue;
      const key = own(event, 'key');
      const at = readInstant(own(event, 'at'));
      if (typeof key !== 'string' || key === '' || key.length > MAX_TICKET_STRING_LENGTH) continue;
      if (at === undefined || at > now) continue;
      performed.push({ type: 'actionPerformed', at, index, key });
    }
  }
  const id = typeof rawId === 'string' && rawId.length <= MAX_TICKET_STRING_LENGTH ? rawId : null;
  return unread(id, performed, true, exceeded);
}

/** A ticket whose data is not read (not an object, or over a limit): no fields, no clock can run. */
function unread(
  id: string | null,
  events: readonly HistoryEvent[],
  overLimit: boolean,
  problem: Issue,
): NormalizedTicket {
  return {
    id,
    createdAt: undefined,
    statuses: [],
    events,
    unknown: [],
    nextEventAt: undefined,
    tier: undefined,
    severity: undefined,
    queue: undefined,
    assignee: undefined,
    raw: undefined,
    overLimit,
    issues: [problem],
  };
}
