import { PolicyError, type Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
const ORDER = ['h', 'm', 's', 'ms'] as const;
const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|mo|h|m|s|d|w|y)\s*/i;
const ISO =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * The outcome of {@link checkDuration}: milliseconds, or the issue that explains why not.
 *
 * @internal
 */
export type DurationCheck = { readonly ms: number; readonly issue?: undefined } | { readonly issue: Issue };

const EXAMPLES = 'such as `15m`, `4h`, `1h30m` or `PT1H30M`';
const NO_DAYS =
  'days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as `24h` or `8h`';

function fail(
  path: readonly (string | number)[],
  text: string,
  reason: string,
  code: Issue['code'] = 'invalid_duration',
): Issue {
  return { code, severity: 'error', path, message: `invalid duration ${quote(text)}: ${reason}` };
}

/**
 * Sums `[digits, unitMs]` components exactly (decimal digits, no floating point):
 * the total must be a whole, safe number of milliseconds.
 */
function total(
  parts: readonly [string, number][],
  path: readonly (string | number)[],
  text: string,
): DurationCheck {
  let ms = 0n;
  for (const [digits, unit] of parts) {
    const [whole = '0', fraction = ''] = digits.split('.');
    const scale = 10n ** BigInt(fraction.length);
    const scaled = BigInt(whole + fraction) * BigInt(unit);
    if (scaled % scale !== 0n) return { issue: fail(path, text, 'it is not a whole number of milliseconds') };
    ms += scaled / scale;
  }
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) return { issue: fail(path, text, 'it is too long') };
  return { ms: Number(ms) };
}

/**
 * Checks a duration value without throwing: the milliseconds, or one issue at `path`.
 *
 * @internal
 */
export function checkDuration(value: unknown, path: readonly (string | number)[] = []): DurationCheck {
  if (typeof value !== 'string') {
    const received = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return {
      issue: {
        code: 'invalid_type',
        severity: 'error',
        path,
        message: `expected a duration string ${EXAMPLES}, received ${received}`,
      },
    };
  }
  const text = value.trim();
  if (text === '') return { issue: fail(path, value, `expected a duration ${EXAMPLES}`) };
  if (text.startsWith('-')) return { issue: fail(path, value, 'durations cannot be negative') };

  if (/^P/i.test(text)) {
    const m = ISO.exec(text);
    if (m === null || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) {
      return { issue: fail(path, value, `expected an ISO 8601 duration ${EXAMPLES}`) };
    }
    const present = (m.slice(1) as (string | undefined)[]).filter(
      (part): part is string => part !== undefined,
    );
    if (present.slice(0, -1).some((part) => part.includes('.'))) {
      return {
        issue: fail(path, value, 'only the last component of an ISO 8601 duration may have a fraction'),
      };
    }
    if (m[1] !== undefined || m[2] !== undefined || m[3] !== undefined || m[4] !== undefined) {
      return { issue: fail(path, value, NO_DAYS, 'duration_unit_not_allowed') };
    }
    return total(
      [
        [m[5] ?? '0', UNIT_MS.h],
        [m[6] ?? '0', UNIT_MS.m],
        [m[7] ?? '0', UNIT_MS.s],
      ],
      path,
      value,
    );
  }

  const parts: [string, number][] = [];
  let rest = text;
  let lastRank = -1;
  while (rest !== '') {
    const m = SHORT.exec(rest);
    if (m === null)
      return {
        issue: fail(path, value, `expected a number and a unit (\`h\`, \`m\`, \`s\`, \`ms\`) ${EXAMPLES}`),
      };
    const written = m[2] as string;
    const unit = written.toLowerCase();
    if (written !== unit) {
      return {
        issue: fail(
          path,
          value,
          'write units in lowercase: `h`, `m`, `s`, `ms` (`M` could be read as months)',
        ),
      };
    }
    if (unit === 'd' || unit === 'w' || unit === 'y' || unit === 'mo') {
      return { issue: fail(path, value, NO_DAYS, 'duration_unit_not_allowed') };
    }
    const rank = ORDER.indexOf(unit as (typeof ORDER)[number]);
    if (rank <= lastRank)
      return { issue: fail(path, value, 'units must appear once each, largest first (`1h30m`)') };
    lastRank = rank;
    parts.push([m[1] as string, UNIT_MS[unit as keyof typeof UNIT_MS]]);
    rest = rest.slice(m[0].length);
  }
  return total(parts, path, value);
}

/**
 * Parses a duration into milliseconds. Accepts `h`, `m`, `s` and `ms` components,
 * largest first (`"15m"`, `"4h"`, `"1h30m"`, `"1.5h"`), and ISO 8601 time
 * durations (`"PT1H30M"`). Days are refused: a business day is ambiguous.
 *
 * @param text - The duration as written in a policy.
 * @returns The duration in milliseconds.
 * @throws {@link PolicyError} with one issue (`invalid_duration`,
 *   `duration_unit_not_allowed` or `invalid_type`) when `text` is not a duration.
 * @example
 * ```ts
 * parseDuration('1h30m') //=> 5400000
 * parseDuration('PT15M') //=> 900000
 * parseDuration('3d')    // throws PolicyError: days are not accepted …
 * ```
 */
export function parseDuration(text: string): number {
  const result = checkDuration(text);
  if (result.issue !== undefined) throw new PolicyError([result.issue], 'duration');
  return result.ms;
}
