import type { Issue } from '../errors/index.js';
import { checkDuration } from '../calendar/index.js';
import { MAX_INSTANT_MS, quote, readInstant } from '../internal/index.js';

const EXAMPLES = 'such as `+20m`, `+1h30m` or `2026-03-09T14:20:00Z`';

type Path = readonly (string | number)[];

/** A duration read by `parseDuration`'s own checker; its issue reworded for `what` (`relative time`). */
function duration(text: string, written: string, what: string, path: Path): number | Issue {
  const checked = checkDuration(text, path);
  if (checked.issue === undefined) return checked.ms;
  const reason = checked.issue.message.replace(/^invalid duration `[^`]*`: /, '');
  return { ...checked.issue, message: `invalid ${what} ${quote(written)}: ${reason}` };
}

/**
 * Reads a scenario time (`+20m`, or an ISO date-time with an offset) into epoch
 * milliseconds from `origin`, or an issue at `path`: also for a time past the supported
 * years (a relative time that passes 9999-12-31T23:59:59.999Z), where the policy cannot be
 * evaluated.
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
    const ms = duration(text.slice(1), value, 'relative time', path);
    if (typeof ms !== 'number') return ms;
    if (origin + ms > MAX_INSTANT_MS) {
      return {
        code: 'invalid_value',
        severity: 'error',
        path,
        message: `invalid relative time ${quote(value)}: it falls after the supported years (1000 to 9999)`,
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
  return duration(text.startsWith('+') ? text.slice(1) : text, value, 'duration', path);
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
