/**
 * What both adapters share: the people directory, the result shape and its warnings.
 * An adapter never throws on a value it does not know: it leaves the value out of the
 * snapshot and reports a warning, so the ticket is still evaluated (and escalated).
 */
import type { Ticket } from 'escalation-engine';

/** Someone who writes on tickets, as the policy knows them. */
export interface Person {
  /** The id the policy uses for them (role members, `responders.exclude`): usually an email. */
  readonly id: string;
  /** Whether their replies are an agent's (they count as responses) or a customer's. */
  readonly kind: 'agent' | 'customer';
}

/** A value the adapter could not map, left out of the snapshot. */
export interface MappingWarning {
  /** What kind of value. */
  readonly code: 'unmapped_status' | 'unmapped_value' | 'unknown_person' | 'invalid_value';
  /** Where it is in the helpdesk payload (`["audits", 3, "events", 1, "value"]`). */
  readonly path: readonly (string | number)[];
  /** One line; names the value, never ticket text. */
  readonly message: string;
}

/** The snapshot (DESIGN §4) and what could not be mapped. */
export interface MappingResult {
  /** The ticket snapshot, ready for `evaluate`. */
  readonly ticket: Ticket;
  /** Values left out, in payload order. */
  readonly warnings: readonly MappingWarning[];
}

/**
 * Reads a number the helpdesk may send as a number or as numeric text (`"240"`).
 *
 * @param value - The raw value.
 * @returns The number, `null` for an empty value, or `undefined` when it is not a number.
 * @example
 * toNumber('1,200'); //=> undefined (write `1200`)
 */
export function toNumber(value: unknown): number | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * Drops the keys whose value is `undefined`, so that the snapshot is exactly the JSON it
 * will be sent as.
 *
 * @param record - An object with optional values.
 * @returns A copy without the `undefined` values.
 * @example
 * withoutUndefined({ id: 'ZD-1', service: undefined }); //=> { id: 'ZD-1' }
 */
export function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Collects warnings, once per value and kind (a user who wrote ten comments is reported once).
 *
 * @returns `warn(code, path, message, once?)` and the list it fills.
 * @example
 * const { warn, warnings } = createWarnings();
 * warn('unmapped_status', ['ticket', 'status'], 'status `escalated` is not in `statuses`');
 */
export function createWarnings(): {
  warn: (code: MappingWarning['code'], path: MappingWarning['path'], message: string) => void;
  warnings: readonly MappingWarning[];
} {
  const warnings: MappingWarning[] = [];
  const seen = new Set<string>();
  return {
    warnings,
    warn: (code, path, message) => {
      if (seen.has(`${code} ${message}`)) return;
      seen.add(`${code} ${message}`);
      warnings.push({ code, path, message });
    },
  };
}
