import { truthy } from '../conditions/index.js';
import type { Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';
import type { PolicyModel, Runbook } from '../policy/index.js';
import type { NormalizedTicket } from '../ticket/index.js';

/** A step of the severity trace. */
export interface SeverityTraceEntry {
  readonly step: 'classification' | 'matrix' | 'override';
  readonly id: string;
  readonly outcome: 'matched' | 'not_matched' | 'errored' | 'skipped' | 'applied' | 'ignored';
  readonly detail?: string | undefined;
}

/** A severity event that counts: a recorded change, or an accepted override. */
export interface SeverityEvent {
  readonly kind: 'changed' | 'override';
  readonly at: number;
  /** The event's index in the snapshot. */
  readonly index: number;
  readonly severity: string;
  /** An override's reason as written. */
  readonly reason: string | undefined;
}

/** The suggested severity of a ticket, and the severity events that may change it. */
export interface SeverityResult {
  readonly id: string;
  readonly source: 'rule' | 'matrix' | 'override' | 'default' | 'fallback';
  readonly ruleId: string | undefined;
  readonly reason: string;
  readonly suggested: string;
  readonly runbooks: readonly Runbook[];
  /**
   * The severity events that count, in order: recorded changes to a known severity, and
   * overrides the policy accepts (who, reason). The engine walks them to decide which
   * overrides take effect (approval gates) and since when the effective severity holds.
   */
  readonly history: readonly SeverityEvent[];
  readonly issues: readonly Issue[];
  readonly trace: readonly SeverityTraceEntry[];
}

/** The trace of an evaluation that does not explain: shared, never written to. */
const NO_TRACE: readonly SeverityTraceEntry[] = Object.freeze([]);

function failed(what: string, ruleId: string | undefined): Issue {
  const message = `the condition of ${what} failed on the ticket's data: the fallback applies`;
  return ruleId === undefined
    ? { code: 'condition_failed', severity: 'error', path: [], message }
    : { code: 'condition_failed', severity: 'error', path: [], message, ruleId };
}

/**
 * Classifies a ticket: first-match rules, then the matrix, then the default; then an
 * accepted override. A condition that throws makes the severity the fallback's.
 *
 * @internal
 */
export function classifySeverity(
  model: PolicyModel,
  ticket: NormalizedTicket,
  data: unknown,
  explain = true,
): SeverityResult {
  const issues: Issue[] = [];
  // Built only when asked for: most evaluations do not explain.
  const trace: SeverityTraceEntry[] | undefined = explain ? [] : undefined;
  let suggested: Omit<SeverityResult, 'suggested' | 'issues' | 'trace' | 'history'> | undefined;
  const { classification } = model;
  for (const rule of classification.rules) {
    if (suggested !== undefined) {
      trace?.push({ step: 'classification', id: rule.id, outcome: 'skipped' });
      continue;
    }
    let holds: boolean;
    try {
      holds = truthy(rule.condition(data));
    } catch {
      issues.push(failed(`rule ${quote(rule.id)}`, rule.id));
      trace?.push({
        step: 'classification',
        id: rule.id,
        outcome: 'errored',
        detail: 'the condition failed: the fallback severity applies',
      });
      suggested = {
        id: model.fallback.severity,
        source: 'fallback',
        ruleId: rule.id,
        reason: `rule ${quote(rule.id)} could not be evaluated on this ticket: the fallback severity applies`,
        runbooks: [],
      };
      continue;
    }
    trace?.push({ step: 'classification', id: rule.id, outcome: holds ? 'matched' : 'not_matched' });
    if (holds)
      suggested = {
        id: rule.severity,
        source: 'rule',
        ruleId: rule.id,
        reason: rule.reason,
        runbooks: rule.runbooks,
      };
  }
  const matrix = classification.matrix;
  if (suggested === undefined && matrix !== undefined) {
    try {
      const impact = matrix.impact(data);
      const urgency = matrix.urgency(data);
      const row = typeof impact === 'string' ? matrix.impactLevels.get(impact) : undefined;
      const column = typeof urgency === 'string' ? matrix.urgencyLevels.get(urgency) : undefined;
      const cell = row === undefined || column === undefined ? undefined : matrix.cells[row]?.[column];
      if (cell !== undefined) {
        suggested = {
          id: cell,
          source: 'matrix',
          ruleId: undefined,
          reason: `impact ${quote(String(impact))} and urgency ${quote(String(urgency))} in the severity matrix`,
          runbooks: [],
        };
        trace?.push({
          step: 'matrix',
          id: 'matrix',
          outcome: 'matched',
          detail: `impact \`${String(impact)}\`, urgency \`${String(urgency)}\``,
        });
      } else {
        trace?.push({
          step: 'matrix',
          id: 'matrix',
          outcome: 'not_matched',
          detail: 'an axis value is not one of its levels',
        });
      }
    } catch {
      issues.push(failed('the severity matrix', undefined));
      trace?.push({ step: 'matrix', id: 'matrix', outcome: 'errored' });
      suggested = {
        id: model.fallback.severity,
        source: 'fallback',
        ruleId: undefined,
        reason: 'the severity matrix could not be evaluated on this ticket: the fallback severity applies',
        runbooks: [],
      };
    }
  }
  suggested ??= {
    id: classification.default,
    source: 'default',
    ruleId: undefined,
    reason: 'no classification rule matched: the default severity',
    runbooks: [],
  };

  // Severity events: recorded changes and accepted overrides, in order.
  const history: SeverityEvent[] = [];
  const rules = classification.overrides;
  for (const event of ticket.events) {
    if (event.type === 'severityChanged') {
      if (model.severityRank.has(event.severity))
        history.push({
          kind: 'changed',
          at: event.at,
          index: event.index,
          severity: event.severity,
          reason: undefined,
        });
      else {
        issues.push({
          code: 'invalid_event',
          severity: 'warning',
          path: ['events', event.index, 'severity'],
          message: "severity change ignored: the severity is not one of the policy's",
        });
      }
      continue;
    }
    if (event.type !== 'severityOverridden') continue;
    const refuse = (why: string): void => {
      issues.push({
        code: 'override_refused',
        severity: 'warning',
        path: ['events', event.index],
        message: `severity override ignored: ${why}`,
      });
      trace?.push({
        step: 'override',
        id: `events[${String(event.index)}]`,
        outcome: 'ignored',
        detail: why,
      });
    };
    if (!rules.allowed) refuse('the policy does not allow overrides');
    else if (!model.severityRank.has(event.severity)) refuse('the severity is not one of the policy');
    else if (rules.requireReason && (event.reason === undefined || event.reason.trim() === ''))
      refuse('the policy requires a reason');
    else if (rules.roles !== undefined && !acceptedRole(model, rules.roles, event))
      refuse('the person is not in a role allowed to override');
    else
      history.push({
        kind: 'override',
        at: event.at,
        index: event.index,
        severity: event.severity,
        reason: event.reason,
      });
  }
  // Written out rather than spread: this runs once per evaluation, and a spread of the
  // differently built `suggested` objects is several times slower.
  return {
    id: suggested.id,
    source: suggested.source,
    ruleId: suggested.ruleId,
    reason: suggested.reason,
    runbooks: suggested.runbooks,
    suggested: suggested.id,
    history,
    issues,
    trace: trace ?? NO_TRACE,
  };
}

/** An override counts when its role, or its author's membership, is one of the allowed roles. */
function acceptedRole(
  model: PolicyModel,
  roles: ReadonlySet<string>,
  event: { readonly role: string | undefined; readonly by: string | undefined },
): boolean {
  if (event.role !== undefined && roles.has(event.role)) return true;
  for (const role of roles) {
    const definition = model.roles.get(role);
    if (definition?.kind === 'members' && event.by !== undefined && definition.members.includes(event.by))
      return true;
  }
  return false;
}
