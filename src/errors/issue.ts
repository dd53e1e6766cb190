/**
 * The stable, machine-readable kind of an {@link Issue}, in snake_case.
 *
 * @remarks Codes are part of the public contract: hosts branch on them, so a code
 * never changes meaning. New codes are added as new features land.
 */
export type IssueCode =
  | 'invalid_type'
  | 'invalid_value'
  | 'unknown_key'
  | 'missing_key'
  | 'invalid_timezone'
  | 'invalid_time'
  | 'invalid_window'
  | 'overlapping_windows'
  | 'invalid_date'
  | 'invalid_date_range'
  | 'holiday_exception_conflict'
  | 'duplicate_exception'
  | 'calendar_never_open'
  | 'invalid_duration'
  | 'duration_unit_not_allowed'
  | 'unknown_operator'
  | 'operator_not_allowed'
  | 'invalid_arguments'
  | 'condition_too_deep'
  | 'condition_too_large'
  // policies and tickets: documented size limits (docs/security.md)
  | 'limit_exceeded'
  // policy: values and references (compile errors)
  | 'invalid_id'
  | 'duplicate_id'
  | 'invalid_threshold'
  | 'invalid_quorum'
  | 'invalid_period'
  | 'invalid_path'
  | 'invalid_template'
  | 'invalid_url'
  | 'invalid_count'
  | 'invalid_matrix'
  | 'conflicting_keys'
  | 'empty_list'
  | 'metric_order'
  | 'unknown_calendar'
  | 'unknown_severity'
  | 'unknown_tier'
  | 'unknown_queue'
  | 'unknown_role'
  | 'unknown_schedule'
  | 'unknown_gate'
  | 'unknown_template'
  | 'unknown_issue_code'
  | 'template_audience_mismatch'
  // policy: lintPolicy findings
  | 'shadowed_rule'
  | 'severity_without_target'
  | 'unreachable_target'
  | 'trigger_never_fires'
  | 'warning_after_target'
  | 'holidays_outside_years'
  | 'role_without_members'
  | 'ownership_cycle'
  | 'unresolvable_approvers'
  | 'queue_without_owner'
  | 'review_overdue'
  // tickets: evaluate
  | 'invalid_ticket'
  | 'invalid_field'
  | 'invalid_event'
  | 'future_event'
  | 'status_mismatch'
  | 'override_refused'
  | 'condition_failed'
  | 'no_owner'
  | 'approval_ignored'
  | 'escalation_refused'
  | 'override_pending';

/**
 * One problem found in a policy, a calendar, a duration or a ticket.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   code: 'invalid_time',
 *   severity: 'error',
 *   path: ['weekly', 'mon', 0, 1],
 *   message: 'invalid end time `25:00`: expected `HH:MM` from `00:00` to `24:00`',
 * };
 * ```
 */
export interface Issue {
  /** What kind of problem this is. */
  readonly code: IssueCode;
  /** `error` makes a policy invalid (or a decision degraded); `warning` does not. */
  readonly severity: 'error' | 'warning';
  /** Where the problem is, as keys and indices into the checked document. */
  readonly path: readonly (string | number)[];
  /** One readable line: lowercase start, values in backticks, no ticket content. */
  readonly message: string;
  /** The rule the problem belongs to, when there is one. */
  readonly ruleId?: string | undefined;
}

/**
 * Formats a path the way people read it: `sla.targets[2].calendar`.
 *
 * @param path - Keys and indices, outermost first.
 * @returns The dotted path, or `(root)` for an empty path.
 * @example
 * ```ts
 * formatPath(['sla', 'targets', 2, 'calendar']) //=> 'sla.targets[2].calendar'
 * ```
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Converts a path to an RFC 6901 JSON Pointer.
 *
 * @param path - Keys and indices, outermost first.
 * @returns The pointer, `""` for the whole document.
 * @example
 * ```ts
 * toJsonPointer(['rules', 3, 'when']) //=> '/rules/3/when'
 * ```
 */
export function toJsonPointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * Formats issues one per line, each as `path: message` (just the message for the root).
 *
 * @param issues - The issues to print.
 * @returns The lines joined with `\n`.
 * @example
 * ```ts
 * formatIssues([{ code: 'invalid_timezone', severity: 'error', path: ['timezone'],
 *   message: 'unknown time zone `Mars/Olympus`' }])
 * //=> 'timezone: unknown time zone `Mars/Olympus`'
 * ```
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const tag = issue.severity === 'warning' ? ' (warning)' : '';
      const where = issue.path.length === 0 ? '' : `${formatPath(issue.path)}: `;
      return `${where}${issue.message}${tag}`;
    })
    .join('\n');
}
