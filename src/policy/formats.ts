import { checkDuration } from '../calendar/index.js';
import type { Issue, IssueCode } from '../errors/index.js';
import { daysFromCivil, daysInMonth, quote } from '../internal/index.js';

type Path = readonly (string | number)[];

/** Ids are kebab-case: lowercase letters and digits in words joined by single hyphens. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PERCENT = /^(\d{1,3}(?:\.\d{1,3})?)%$/;
const BEFORE = /^(.+?)\s+before$/;
const BREACH = /^breach(?:\s*\+\s*(.+))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const PERIOD_SHORT = /^(\d+)\s*(d|w|mo|y)$/;
const PERIOD_ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
const TURN_DAYS = /^(\d+)\s*(d|w)$/;
// A scheme, a host of URL-safe characters, then anything without spaces or control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what a link may not contain
const URL_PATTERN = /^https?:\/\/[\w.~%!$&'()*+,;=:@[\]-]+(?:[/?#][^\s\u0000-\u001f\u007f]*)?$/i;
const PATH_KEY = /^[A-Za-z_$][\w$-]*$/;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * True for the issue a check returns instead of a value.
 *
 * @internal
 */
export function isIssue(value: unknown): value is Issue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'code' in value &&
    'message' in value
  );
}

function issue(code: IssueCode, path: Path, message: string): Issue {
  return { code, severity: 'error', path, message };
}

/**
 * An id that is not kebab-case (or is reserved), as an issue; `undefined` when it is fine.
 *
 * @internal
 */
export function checkId(value: string, path: Path, kind: string): Issue | undefined {
  if (FORBIDDEN_KEYS.has(value)) {
    return issue(
      'invalid_id',
      path,
      `invalid ${kind} id ${quote(value)}: the name is reserved (it leads to prototypes in JavaScript)`,
    );
  }
  if (ID.test(value)) return undefined;
  return issue(
    'invalid_id',
    path,
    `invalid ${kind} id ${quote(value)}: expected kebab-case (lowercase letters and digits joined by \`-\`), such as \`us-business\``,
  );
}

/** A point on an SLA clock, as a fraction of the target or an offset from the deadline. */
export type ClockPoint =
  { readonly kind: 'fraction'; readonly fraction: number } | { readonly kind: 'offset'; readonly ms: number };

function checkPercent(digits: string, text: string, path: Path, allowHundred: boolean): ClockPoint | Issue {
  const fraction = Number(digits) / 100;
  if (fraction <= 0 || fraction > 1 || (!allowHundred && fraction === 1)) {
    return issue(
      'invalid_threshold',
      path,
      `invalid threshold ${quote(text)}: a percentage must be above \`0%\` and ${allowHundred ? 'at most `100%`' : 'below `100%` (the breach itself)'}`,
    );
  }
  return { kind: 'fraction', fraction };
}

function checkLead(durationText: string, text: string, path: Path): ClockPoint | Issue {
  const lead = checkDuration(durationText, path);
  if (lead.issue !== undefined)
    return { ...lead.issue, message: `invalid threshold ${quote(text)}: ${lead.issue.message}` };
  if (lead.ms === 0)
    return issue(
      'invalid_threshold',
      path,
      `invalid threshold ${quote(text)}: the lead time must be above zero`,
    );
  return { kind: 'offset', ms: -lead.ms };
}

/**
 * A warning threshold: `"75%"` of the target or `"30m before"` the deadline.
 *
 * @internal
 */
export function checkWarning(text: string, path: Path): ClockPoint | Issue {
  const percent = PERCENT.exec(text);
  if (percent !== null) return checkPercent(percent[1] ?? '', text, path, false);
  const before = BEFORE.exec(text);
  if (before !== null) return checkLead(before[1] ?? '', text, path);
  return issue(
    'invalid_threshold',
    path,
    `invalid threshold ${quote(text)}: expected a percentage of the target such as \`75%\`, or a lead time such as \`30m before\``,
  );
}

/**
 * A share of a whole, written as a percentage above `0%` and up to `100%` (`"10%"`), as a
 * fraction in (0, 1].
 *
 * @internal
 */
export function checkShare(text: string, path: Path): number | Issue {
  const percent = PERCENT.exec(text);
  const fraction = percent === null ? Number.NaN : Number(percent[1]) / 100;
  if (fraction > 0 && fraction <= 1) return fraction;
  return issue(
    'invalid_threshold',
    path,
    `invalid share ${quote(text)}: expected a percentage above \`0%\` and up to \`100%\`, such as \`10%\``,
  );
}

/**
 * A clock trigger's point: `"75%"`, `"breach"`, `"breach+30m"` or `"30m before"`.
 *
 * @internal
 */
export function checkClockPoint(text: string, path: Path): ClockPoint | Issue {
  const breach = BREACH.exec(text);
  if (breach !== null) {
    if (breach[1] === undefined) return { kind: 'offset', ms: 0 };
    const after = checkDuration(breach[1], path);
    if (after.issue !== undefined)
      return { ...after.issue, message: `invalid threshold ${quote(text)}: ${after.issue.message}` };
    return { kind: 'offset', ms: after.ms };
  }
  const percent = PERCENT.exec(text);
  if (percent !== null) return checkPercent(percent[1] ?? '', text, path, true);
  const before = BEFORE.exec(text);
  if (before !== null) return checkLead(before[1] ?? '', text, path);
  return issue(
    'invalid_threshold',
    path,
    `invalid threshold ${quote(text)}: expected \`75%\`, \`breach\`, \`breach+30m\` or \`30m before\``,
  );
}

/** A quorum: how many approvals a gate needs. */
export type QuorumRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'all' }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'fraction'; readonly fraction: number };

/**
 * A quorum: `"any"`, `"all"`, a whole count from 1, or a percentage above 0 up to 100.
 *
 * @internal
 */
export function checkQuorum(value: string | number, path: Path): QuorumRule | Issue {
  if (value === 'any' || value === 'all') return { kind: value };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 1) return { kind: 'count', count: value };
    return issue(
      'invalid_quorum',
      path,
      `invalid quorum ${quote(String(value))}: a count must be a whole number from 1`,
    );
  }
  const percent = PERCENT.exec(value);
  if (percent !== null) {
    const fraction = Number(percent[1]) / 100;
    if (fraction > 0 && fraction <= 1) return { kind: 'fraction', fraction };
  }
  return issue(
    'invalid_quorum',
    path,
    `invalid quorum ${quote(value)}: expected \`any\`, \`all\`, a count such as \`2\`, or a percentage such as \`50%\``,
  );
}

/** A calendar period: whole months and days (a review cycle). */
export interface Period {
  readonly months: number;
  readonly days: number;
}

/**
 * A calendar period: `90d`, `12w`, `3mo`, `1y`, or ISO 8601 `P3M` / `P1Y2M` / `P90D`.
 *
 * @internal
 */
export function checkPeriod(text: string, path: Path): Period | Issue {
  const short = PERIOD_SHORT.exec(text);
  let months = 0;
  let days = 0;
  if (short !== null) {
    const n = Number(short[1]);
    const unit = short[2];
    if (unit === 'y') months = 12 * n;
    else if (unit === 'mo') months = n;
    else if (unit === 'w') days = 7 * n;
    else days = n;
  } else {
    const iso = PERIOD_ISO.exec(text);
    if (iso === null || text === 'P') {
      return issue(
        'invalid_period',
        path,
        `invalid period ${quote(text)}: expected days, weeks, months or years such as \`90d\`, \`12w\`, \`3mo\`, \`1y\` or \`P3M\``,
      );
    }
    months = 12 * Number(iso[1] ?? 0) + Number(iso[2] ?? 0);
    days = 7 * Number(iso[3] ?? 0) + Number(iso[4] ?? 0);
  }
  if (months + days === 0 || months > 1200 || days > 36_500) {
    return issue(
      'invalid_period',
      path,
      `invalid period ${quote(text)}: expected a period from one day to 100 years`,
    );
  }
  return { months, days };
}

/** A turn length: exact milliseconds, or whole local days (same wall time across DST). */
export type TurnLength =
  { readonly kind: 'exact'; readonly ms: number } | { readonly kind: 'days'; readonly days: number };

/**
 * An on-call turn length: `12h` (exact) or `1d` / `2w` (whole local days).
 *
 * @internal
 */
export function checkTurn(text: string, path: Path): TurnLength | Issue {
  const whole = TURN_DAYS.exec(text);
  if (whole !== null) {
    const days = Number(whole[1]) * (whole[2] === 'w' ? 7 : 1);
    if (days >= 1 && days <= 366) return { kind: 'days', days };
    return issue('invalid_duration', path, `invalid turn ${quote(text)}: expected from \`1d\` to \`366d\``);
  }
  const exact = checkDuration(text, path);
  if (exact.issue !== undefined) {
    return issue(
      'invalid_duration',
      path,
      `invalid turn ${quote(text)}: expected hours such as \`12h\`, or whole days or weeks such as \`1d\` or \`1w\``,
    );
  }
  if (exact.ms < 60_000)
    return issue('invalid_duration', path, `invalid turn ${quote(text)}: a turn lasts at least one minute`);
  return { kind: 'exact', ms: exact.ms };
}

/**
 * Days since 1970-01-01 of a valid `YYYY-MM-DD` date from year 1000 to 9999.
 *
 * @internal
 */
export function checkDate(text: string, path: Path): number | Issue {
  const m = DATE.exec(text);
  if (m !== null) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return daysFromCivil(year, month, day);
    }
  }
  return issue('invalid_date', path, `invalid date ${quote(text)}: expected a calendar date \`YYYY-MM-DD\``);
}

/** A date-time in a schedule: local wall time in the schedule's zone, or an instant with offset. */
export type ScheduleTime =
  | { readonly kind: 'local'; readonly days: number; readonly minutes: number }
  | { readonly kind: 'instant'; readonly ms: number };

/**
 * A schedule date-time: local `YYYY-MM-DDTHH:MM[:SS]`, or an ISO instant with `Z` or an offset.
 *
 * @internal
 */
export function checkScheduleTime(text: string, path: Path): ScheduleTime | Issue {
  const bad = issue(
    'invalid_date',
    path,
    `invalid date-time ${quote(text)}: expected local \`YYYY-MM-DDTHH:MM\` in the schedule's zone, or an instant with an offset`,
  );
  const local = LOCAL_DATE_TIME.exec(text);
  const zoned = local === null ? OFFSET_DATE_TIME.exec(text) : null;
  const m = local ?? zoned;
  if (m === null) return bad;
  const days = checkDate(m[1] ?? '', path);
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (typeof days !== 'number' || hours > 23 || minutes > 59 || seconds > 59) return bad;
  if (local !== null) return { kind: 'local', days, minutes: hours * 60 + minutes + seconds / 60 };
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? bad : { kind: 'instant', ms };
}

/**
 * A dotted path into a ticket (`impact.statement`, `fields.rootCause`): keys only,
 * never a name that leads to a prototype.
 *
 * @internal
 */
export function checkTicketPath(text: string, path: Path): readonly string[] | Issue {
  const keys = text.split('.');
  const bad = keys.find((key) => !PATH_KEY.test(key) || FORBIDDEN_KEYS.has(key));
  if (bad === undefined && text.length <= 200) return keys;
  const why =
    bad !== undefined && FORBIDDEN_KEYS.has(bad)
      ? `${quote(bad)} is never readable`
      : 'expected keys joined by dots, such as `impact.statement`';
  return issue('invalid_path', path, `invalid path ${quote(text)}: ${why}`);
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * A template cut into literal text and placeholder paths, in order (placeholders checked by
 * {@link checkTemplate} first).
 *
 * @internal
 */
export function templateParts(text: string): (string | readonly string[])[] {
  const parts: (string | readonly string[])[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const before = text.slice(last, match.index);
    if (before !== '') parts.push(before);
    parts.push((match[1] ?? '').split('.'));
    last = match.index + match[0].length;
  }
  const rest = text.slice(last);
  if (rest !== '') parts.push(rest);
  return parts;
}

/**
 * The placeholders of a template (`{{ticket.id}}`), each a checked path.
 *
 * @internal
 */
export function checkTemplate(text: string, path: Path): { paths: (readonly string[])[]; issues: Issue[] } {
  const paths: (readonly string[])[] = [];
  const issues: Issue[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const checked = checkTicketPath(match[1] ?? '', path);
    if (isIssue(checked))
      issues.push({
        ...checked,
        code: 'invalid_template',
        message: `invalid placeholder: ${checked.message}`,
      });
    else paths.push(checked);
  }
  const stray = text.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}')) {
    issues.push(issue('invalid_template', path, 'unbalanced `{{` or `}}` in template'));
  }
  return { paths, issues };
}

/**
 * A runbook link: an absolute `https:` or `http:` URL (never `javascript:` or `data:`,
 * since decisions are shown in web pages).
 *
 * @internal
 */
export function checkUrl(text: string, path: Path): Issue | undefined {
  if (URL_PATTERN.test(text)) return undefined;
  return issue(
    'invalid_url',
    path,
    `invalid link ${quote(text)}: expected an absolute \`https:\` or \`http:\` URL`,
  );
}
