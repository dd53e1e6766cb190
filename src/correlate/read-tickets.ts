import type { Issue, IssueCode } from '../errors/index.js';
import { plainCopy, readInstant } from '../internal/index.js';

/** The most text of a subject or description read for keywords (a description can be long). */
const MAX_TEXT = 2000;

/** A ticket of the stream, read for correlation. */
export interface TicketEntry {
  /** Its position in the input (issue paths start with it). */
  readonly index: number;
  readonly id: string;
  /** Creation instant, epoch ms. */
  readonly at: number;
  readonly service: string | undefined;
  /** The subject and the start of the description, for keywords. */
  readonly text: string;
  /** The ids it names in `relatedTicketIds` (strings only). */
  readonly related: readonly string[];
  /** The ticket as given (or its plain copy when reading it threw), for the engine. */
  readonly raw: unknown;
}

/** The usable tickets, in input order, and what was wrong with the others. */
export interface ReadResult {
  readonly entries: TicketEntry[];
  readonly issues: Issue[];
  readonly read: number;
  readonly skipped: number;
}

type Raw = Readonly<Record<string, unknown>>;
type Path = readonly (string | number)[];

const isRecord = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function own(record: Raw, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function issue(code: IssueCode, severity: 'error' | 'warning', path: Path, message: string): Issue {
  return { code, severity, path, message };
}

/** One ticket: an entry, or `undefined` when it cannot be placed (no id or creation instant). */
function readOne(
  raw: Raw,
  index: number,
  now: number,
  seen: ReadonlyMap<string, number>,
  issues: Issue[],
): TicketEntry | 'future' | undefined {
  const id = own(raw, 'id');
  if (typeof id !== 'string' || id === '') {
    issues.push(
      id === undefined
        ? issue('missing_key', 'error', [index, 'id'], 'the ticket has no `id`: left out')
        : issue(
            'invalid_field',
            'error',
            [index, 'id'],
            `expected the id as a non-empty string, received ${describe(id)}: left out`,
          ),
    );
    return undefined;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    issues.push(
      issue(
        'duplicate_id',
        'error',
        [index, 'id'],
        `duplicate ticket id: ticket ${String(first)} has it already; this one is left out`,
      ),
    );
    return undefined;
  }
  const createdRaw = own(raw, 'createdAt');
  const at = readInstant(createdRaw);
  if (at === undefined) {
    issues.push(
      issue(
        'invalid_field',
        'error',
        [index, 'createdAt'],
        createdRaw === undefined
          ? 'missing `createdAt`: left out'
          : `invalid \`createdAt\` (${describe(createdRaw)}): expected an ISO date-time with an offset, a Date or epoch milliseconds; left out`,
      ),
    );
    return undefined;
  }
  if (at > now) {
    issues.push(
      issue('future_event', 'warning', [index, 'createdAt'], 'created after `now`: left out until then'),
    );
    return 'future';
  }
  const text = (key: string): string => {
    const value = own(raw, key);
    if (typeof value === 'string') return value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
    if (value !== undefined && value !== null) {
      issues.push(
        issue('invalid_field', 'warning', [index, key], `expected a string, received ${describe(value)}`),
      );
    }
    return '';
  };
  const serviceRaw = own(raw, 'service');
  let service: string | undefined;
  if (typeof serviceRaw === 'string' && serviceRaw !== '') service = serviceRaw;
  else {
    issues.push(
      serviceRaw === undefined || serviceRaw === null
        ? issue('missing_key', 'warning', [index, 'service'], 'no `service`: not related by service')
        : issue(
            'invalid_field',
            'warning',
            [index, 'service'],
            `expected the service as a non-empty string, received ${describe(serviceRaw)}: not related by service`,
          ),
    );
  }
  const subject = text('subject');
  const description = text('description');
  const relatedRaw = own(raw, 'relatedTicketIds');
  const related: string[] = [];
  if (Array.isArray(relatedRaw)) {
    for (const [k, other] of (relatedRaw as readonly unknown[]).entries()) {
      if (typeof other === 'string' && other !== '') related.push(other);
      else {
        issues.push(
          issue(
            'invalid_field',
            'warning',
            [index, 'relatedTicketIds', k],
            `expected a ticket id, received ${describe(other)}: ignored`,
          ),
        );
      }
    }
  } else if (relatedRaw !== undefined && relatedRaw !== null) {
    issues.push(
      issue(
        'invalid_field',
        'warning',
        [index, 'relatedTicketIds'],
        `expected a list of ticket ids, received ${describe(relatedRaw)}: ignored`,
      ),
    );
  }
  return {
    index,
    id,
    at,
    service,
    text: description === '' ? subject : `${subject}\n${description}`,
    related,
    raw,
  };
}

/**
 * Reads a stream of ticket snapshots for correlation without throwing: tickets without a
 * usable id or creation instant, with an id already seen, or created after `now` are left
 * out, each with an issue whose path starts with the ticket's index.
 *
 * @internal
 */
export function readTickets(tickets: Iterable<unknown>, now: number): ReadResult {
  const entries: TicketEntry[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  let index = 0;
  let skipped = 0;
  for (const ticket of tickets) {
    const at = index++;
    let value: unknown = ticket;
    if (!isRecord(value)) {
      issues.push(
        issue(
          'invalid_ticket',
          'error',
          [at],
          `expected a ticket object, received ${describe(value)}: left out`,
        ),
      );
      skipped++;
      continue;
    }
    const found: Issue[] = [];
    let entry: TicketEntry | 'future' | undefined;
    try {
      entry = readOne(value, at, now, seen, found);
    } catch {
      // Host data that throws when read (getters, proxies): read again as plain data.
      value = plainCopy(value);
      found.length = 0;
      found.push(
        issue(
          'invalid_ticket',
          'warning',
          [at],
          'parts of the ticket could not be read (accessors or proxies that failed): read as plain data without them',
        ),
      );
      if (isRecord(value)) entry = readOne(value, at, now, seen, found);
      else found.push(issue('invalid_ticket', 'error', [at], 'the ticket could not be read: left out'));
    }
    issues.push(...found);
    if (entry === undefined || entry === 'future') {
      skipped++;
      continue;
    }
    seen.set(entry.id, at);
    entries.push(entry);
  }
  return { entries, issues, read: index, skipped };
}
