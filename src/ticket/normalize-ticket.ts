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

/**
 * The sort key of an event: its instant, then its kind (docs/evaluation.md), as one number
 * (`at * 16 + rank`). Instants lie within ±2.6e14 ms (readInstant's range), so the key stays
 * below 2^53 and is exact; ties are left in input order by a stable sort. Computed once per
 * event, it makes each comparison of the sort one number comparison instead of two property
 * reads and two lookups of the rank by type (the comparison took over a quarter of the time
 * normalizeTicket spent in its own code).
 */
function historyKey(at: number, rank: number): number {
  return at * 16 + rank;
}

/** Histories up to this long are sorted by merging (see {@link sortHistory}). */
const MERGE_SORT_MAX = 64;

/**
 * Sorts a history and its keys ({@link historyKey}, one per event, same positions) in place,
 * stably, by key, given that the first `sortedPrefix` events are in order. The events come in
 * input order, so stability keeps same-key events as given.
 *
 * A history is mostly in order, with a run of events appended late: a host records the
 * `actionPerformed` events of the engine's actions after the fact, with the earlier instants of
 * the actions (in the reference workload, 11 of 28 events). Up to {@link MERGE_SORT_MAX} events,
 * that run is sorted by insertion (it is itself nearly in order) and merged into the prefix from
 * the back: each event moves once, where inserting the run event by event into the prefix moved
 * the events of the prefix again for each (about 120 moves a ticket). Longer histories use
 * `Array.prototype.sort` (stable) on positions, whose worst case stays `n log n`.
 */
function sortHistory(events: HistoryEvent[], keys: number[], sortedPrefix: number): void {
  const n = events.length;
  if (n > MERGE_SORT_MAX) {
    const positions = keys.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const given = events.slice();
    const givenKeys = keys.slice();
    for (let i = 0; i < positions.length; i++) {
      events[i] = given[positions[i] as number] as HistoryEvent;
      keys[i] = givenKeys[positions[i] as number] as number;
    }
    return;
  }
  const run = events.slice(sortedPrefix);
  const runKeys = keys.slice(sortedPrefix);
  for (let i = 1; i < run.length; i++) {
    const event = run[i] as HistoryEvent;
    const key = runKeys[i] as number;
    let j = i - 1;
    while (j >= 0 && (runKeys[j] as number) > key) {
      run[j + 1] = run[j] as HistoryEvent;
      runKeys[j + 1] = runKeys[j] as number;
      j--;
    }
    run[j + 1] = event;
    runKeys[j + 1] = key;
  }
  // From the back: the larger of the two last events goes last; on a tie the run's, which came
  // later in the input. Prefix events below the run's first stay where they are.
  let i = sortedPrefix - 1;
  let j = run.length - 1;
  for (let k = n - 1; j >= 0; k--) {
    if (i >= 0 && (keys[i] as number) > (runKeys[j] as number)) {
      events[k] = events[i] as HistoryEvent;
      keys[k] = keys[i] as number;
      i--;
    } else {
      events[k] = run[j] as HistoryEvent;
      keys[k] = runKeys[j] as number;
      j--;
    }
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

/** A known event type: the engine's own string for it, and its rank in {@link ORDER}. */
interface KnownType {
  readonly type: HistoryEvent['type'] | 'created';
  readonly rank: number;
}

/**
 * Each known event type (the keys of {@link ORDER}) with the engine's own string for it (a
 * constant, so that later comparisons and lookups by type do not read the characters of the
 * host's string) and its rank, read with the type in one lookup.
 */
const KNOWN_TYPES: ReadonlyMap<string, KnownType> = new Map(
  Object.entries(ORDER).map(([type, rank]) => [type, { type: type as KnownType['type'], rank }]),
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
  // The sort key of each usable event, same positions (see historyKey).
  const keys: number[] = [];
  for (let index = 0; index < list.length; index++) {
    const event = list[index];
    const rawType = isRecord(event) ? own(event, 'type') : undefined;
    if (typeof rawType !== 'string') {
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
    const raw = event as Raw;
    const at = readInstant(own(raw, 'at'));
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
    const known = KNOWN_TYPES.get(rawType);
    if (known === undefined) {
      unknown.push({ index, type: rawType, at });
      continue;
    }
    const typedAt = createdAt === undefined ? at : Math.max(at, createdAt);
    const typed = readEvent(raw, known.type, typedAt, index, issues);
    if (typed !== undefined) {
      usable.push(typed);
      keys.push(historyKey(typedAt, known.rank));
    }
  }
  // Helpdesks mostly send history in order: sort only when it is not.
  let sortedPrefix = 1;
  while (sortedPrefix < keys.length && (keys[sortedPrefix - 1] as number) <= (keys[sortedPrefix] as number))
    sortedPrefix++;
  if (sortedPrefix < keys.length) sortHistory(usable, keys, sortedPrefix);

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
