import type { Issue } from '../errors/index.js';
import { quote, readInstant } from '../internal/index.js';

// The grammar of `parseDuration` (src/calendar), which this layer may not import: `h`, `m`,
// `s`, `ms` components largest first, decimals allowed, or ISO 8601 `PT…`; no days.
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const ORDER = ['h', 'm', 's', 'ms'];
const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|mo|h|m|s|d|w|y)\s*/i;
const ISO = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i;
const EXAMPLES = 'such as `+20m`, `+1h30m` or `2026-03-09T14:20:00Z`';

type Path = readonly (string | number)[];

/** Milliseconds of `digits` (a decimal) times `unit`, or `undefined` when not whole or too large. */
function scaled(digits: string, unit: number): number | undefined {
  const [whole = '0', fraction = ''] = digits.split('.');
  const product = Number(whole + fraction) * unit;
  const scale = 10 ** fraction.length;
  if (!Number.isSafeInteger(product) || product % scale !== 0) return undefined;
  return product / scale;
}

/**
 * A duration as `parseDuration` reads it, in milliseconds; a reason when it is not one.
 *
 * @internal
 */
export function durationMs(text: string): number | string {
  let parts: [string, number][] = [];
  const iso = ISO.exec(text);
  if (/^P/i.test(text)) {
    if (iso === null || text.length <= 2) return 'expected an ISO 8601 time duration such as `PT1H30M`';
    parts = [
      [iso[1] ?? '0', 3_600_000],
      [iso[2] ?? '0', 60_000],
      [iso[3] ?? '0', 1000],
    ];
  } else {
    let rest = text;
    let rank = -1;
    while (rest !== '') {
      const m = SHORT.exec(rest);
      if (m === null) return 'expected numbers with units `h`, `m`, `s` or `ms`';
      const written = m[2] as string;
      const unit = written.toLowerCase();
      if (written !== unit) return 'write units in lowercase: `h`, `m`, `s`, `ms`';
      const ms = UNIT_MS[unit];
      if (ms === undefined)
        return 'days, weeks, months and years are not accepted: write hours such as `+24h`';
      const next = ORDER.indexOf(unit);
      if (next <= rank) return 'units must appear once each, largest first (`1h30m`)';
      rank = next;
      parts.push([m[1] as string, ms]);
      rest = rest.slice(m[0].length);
    }
    if (parts.length === 0) return 'expected a duration';
  }
  let total = 0;
  for (const [digits, unit] of parts) {
    const ms = scaled(digits, unit);
    if (ms === undefined) return 'it is not a whole number of milliseconds';
    total += ms;
  }
  return Number.isSafeInteger(total) ? total : 'it is too long';
}

/**
 * Reads a scenario time (`+20m`, or an ISO date-time with an offset) into epoch
 * milliseconds from `origin`, or an issue at `path`.
 *
 * @internal
 */
export function readScenarioTime(value: unknown, origin: number, path: Path): number | Issue {
  if (typeof value !== 'string') {
    return {
      code: 'invalid_type',
      severity: 'error',
      path,
      message: `expected a scenario time ${EXAMPLES}, received ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
    };
  }
  const text = value.trim();
  if (text.startsWith('+')) {
    const ms = durationMs(text.slice(1));
    if (typeof ms === 'string') {
      return {
        code: /days, weeks/.test(ms) ? 'duration_unit_not_allowed' : 'invalid_duration',
        severity: 'error',
        path,
        message: `invalid relative time ${quote(value)}: ${ms}`,
      };
    }
    return origin + ms;
  }
  const at = readInstant(text);
  if (at === undefined) {
    return {
      code: 'invalid_value',
      severity: 'error',
      path,
      message: `invalid scenario time ${quote(value)}: expected \`+\` and a duration after the ticket's creation, or an ISO date-time with an offset, ${EXAMPLES}`,
    };
  }
  return at;
}

/**
 * A delay (`"3m"` or `"+3m"`) in milliseconds, or an issue at `path`.
 *
 * @internal
 */
export function readDelay(value: string, path: Path): number | Issue {
  const text = value.trim();
  const ms = durationMs(text.startsWith('+') ? text.slice(1) : text);
  if (typeof ms === 'string') {
    return {
      code: /days, weeks/.test(ms) ? 'duration_unit_not_allowed' : 'invalid_duration',
      severity: 'error',
      path,
      message: `invalid duration ${quote(value)}: ${ms}`,
    };
  }
  return ms;
}

/**
 * An offset from T0 written as a relative scenario time: `+0m`, `+20m`, `+1h5m`, `+11m15s`.
 *
 * @internal
 */
export function formatOffset(ms: number): string {
  if (ms <= 0) return '+0m';
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const millis = ms % 1000;
  let out = '+';
  if (hours > 0) out += `${hours}h`;
  if (minutes > 0) out += `${minutes}m`;
  if (seconds > 0) out += `${seconds}s`;
  if (millis > 0) out += `${millis}ms`;
  return out;
}
