import { formatIssues, type Issue } from './issue.js';

/**
 * The base class of every error this library throws on purpose.
 *
 * @example
 * ```ts
 * try { compileCalendar(def) } catch (error) {
 *   if (error instanceof EscalationError) error.code //=> 'invalid_calendar'
 * }
 * ```
 */
export class EscalationError extends Error {
  /** A stable snake_case code for the kind of error. */
  readonly code: string;

  /**
   * Creates an error with a code and a message.
   *
   * @param code - A stable snake_case code.
   * @param message - A readable message.
   */
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EscalationError';
    this.code = code;
  }
}

/**
 * Thrown when a policy, a calendar or a duration is invalid; carries every issue found.
 *
 * @example
 * ```ts
 * try { parseDuration('3d') } catch (error) {
 *   if (error instanceof PolicyError) error.issues[0]?.code //=> 'duration_unit_not_allowed'
 * }
 * ```
 */
export class PolicyError extends EscalationError {
  /** Every problem found, errors first, in document order. */
  readonly issues: readonly Issue[];

  /**
   * Creates a policy error from its issues.
   *
   * @param issues - The issues; at least one has severity `error`.
   * @param subject - What was checked, for the first line of the message.
   */
  constructor(
    issues: readonly Issue[],
    subject: 'policy' | 'calendar' | 'duration' | 'condition' | 'scenario' = 'policy',
  ) {
    const errors = issues.filter((issue) => issue.severity === 'error').length;
    const [only] = issues;
    // One issue that already says what is invalid reads best alone; otherwise a count, then one line each.
    super(
      `invalid_${subject}`,
      issues.length === 1 && only?.path.length === 0 && only.message.startsWith(`invalid ${subject}`)
        ? only.message
        : `invalid ${subject}: ${String(errors)} ${errors === 1 ? 'error' : 'errors'}\n${formatIssues(issues)}`,
    );
    this.name = 'PolicyError';
    this.issues = issues;
  }
}
