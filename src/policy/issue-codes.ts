import type { IssueCode } from '../errors/index.js';

/**
 * Every issue code, with whether a policy author may accept it with `ignore`
 * (lint findings, and the `metric_order` check, which may be intended).
 * A `Record` over the union, so a new code cannot be forgotten here.
 */
const CODES: Readonly<Record<IssueCode, boolean>> = {
  invalid_type: false,
  invalid_value: false,
  unknown_key: false,
  missing_key: false,
  invalid_timezone: false,
  invalid_time: false,
  invalid_window: false,
  overlapping_windows: false,
  invalid_date: false,
  invalid_date_range: false,
  holiday_exception_conflict: false,
  duplicate_exception: false,
  calendar_never_open: false,
  invalid_duration: false,
  duration_unit_not_allowed: false,
  unknown_operator: false,
  operator_not_allowed: false,
  invalid_arguments: false,
  condition_too_deep: false,
  condition_too_large: false,
  invalid_id: false,
  duplicate_id: false,
  invalid_threshold: false,
  invalid_quorum: false,
  invalid_period: false,
  invalid_path: false,
  invalid_template: false,
  invalid_url: false,
  invalid_count: false,
  invalid_matrix: false,
  conflicting_keys: false,
  empty_list: false,
  metric_order: true,
  unknown_calendar: false,
  unknown_severity: false,
  unknown_tier: false,
  unknown_queue: false,
  unknown_role: false,
  unknown_schedule: false,
  unknown_gate: false,
  unknown_template: false,
  unknown_issue_code: false,
  shadowed_rule: true,
  severity_without_target: true,
  unreachable_target: true,
  trigger_never_fires: true,
  warning_after_target: true,
  holidays_outside_years: true,
  role_without_members: true,
  ownership_cycle: true,
  unresolvable_approvers: true,
  queue_without_owner: true,
  review_overdue: true,
};

/**
 * Every issue code, for "did you mean" on `ignore` lists.
 *
 * @internal
 */
export const ISSUE_CODES: ReadonlySet<string> = new Set(Object.keys(CODES));

/**
 * True when `ignore` may list the code.
 *
 * @internal
 */
export function isIgnorable(code: string): boolean {
  return Object.hasOwn(CODES, code) && CODES[code as IssueCode];
}
