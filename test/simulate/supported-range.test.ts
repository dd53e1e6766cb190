import { describe, expect, it } from 'vitest';
import { PolicyError, compilePolicy, type Issue } from '../../src/index.js';
import { safeSimulate, simulate, type Scenario } from '../../src/simulate/index.js';
import { MINIMAL } from '../support/policies.js';
import { thrown } from '../support/thrown.js';

// The policy is evaluated at instants of the years 1000 to 9999 only: a scenario time past
// them (the horizon, an event's, an assertion's) is a problem of the scenario, an issue at
// its path, never an error of `evaluate` thrown out of the run.

const policy = compilePolicy(MINIMAL);
/** A Sev1 ticket created in the last hour of the year 9999. */
const ticket = { id: 'T-1', createdAt: '9999-12-31T23:00:00Z', subject: 'Checkout is down' };
const PAST = 'it falls after the supported years (1000 to 9999)';
const pastIssue = (path: Issue['path'], written: string): Issue => ({
  code: 'invalid_value',
  severity: 'error',
  path,
  message: `invalid relative time \`${written}\`: ${PAST}`,
});

/** The issues of a refused scenario, checked to be the same from `simulate` and `safeSimulate`. */
function issuesOf(scenario: unknown): readonly Issue[] {
  const error = thrown(() => simulate(policy, scenario as Scenario));
  if (!(error instanceof PolicyError)) throw new Error(`expected a PolicyError, got ${String(error)}`);
  expect(error.code).toBe('invalid_scenario');
  const outcome = safeSimulate(policy, scenario);
  expect(outcome).toEqual({ success: false, issues: error.issues });
  return error.issues;
}

describe('simulate: times past the year 9999', () => {
  it('refuses a horizon past it at `until`', () => {
    expect(issuesOf({ ticket, until: '+24h' })).toEqual([pastIssue(['until'], '+24h')]);
    // One millisecond past the last supported one.
    expect(issuesOf({ ticket, until: '+1h' })).toEqual([pastIssue(['until'], '+1h')]);
    // An absolute time past it is not an ISO date-time of the supported form either.
    expect(issuesOf({ ticket, until: '10000-01-01T00:00:00Z' }).map((issue) => issue.path)).toEqual([
      ['until'],
    ]);
  });

  it("refuses an event's or an assertion's time past it at its path", () => {
    const issues = issuesOf({
      ticket,
      events: [
        { at: '+10m', type: 'acknowledged', by: 'ada@example.com' },
        { at: '+2h', type: 'statusChanged', status: 'resolved' },
      ],
      expect: [
        { by: '+5m', severity: 'sev1' },
        { at: '+90m', severity: 'sev1' },
        { never: { severity: 'sev2' }, by: '+3h' },
      ],
    });
    expect(issues).toEqual([
      pastIssue(['events', 1, 'at'], '+2h'),
      pastIssue(['expect', 1, 'at'], '+90m'),
      pastIssue(['expect', 2, 'by'], '+3h'),
    ]);
  });

  it('runs up to the last supported millisecond', () => {
    const result = simulate(policy, {
      ticket,
      until: '+59m59s999ms',
      events: [{ at: '+10m', type: 'acknowledged', by: 'ada@example.com' }],
      expect: [{ by: '+59m59s999ms', severity: 'sev1' }],
    });
    expect(result).toMatchObject({ until: '9999-12-31T23:59:59.999Z', end: '9999-12-31T23:59:59.999Z' });
    expect(result.passed).toBe(true);
  });

  it('stops the default horizon (72 hours after creation) at the end of the year 9999', () => {
    const result = simulate(policy, { ticket });
    expect(result.until).toBe('9999-12-31T23:59:59.999Z');
    expect(result.stopReason).not.toBe('step_limit');
    const outcome = safeSimulate(policy, { ticket: { ...ticket, createdAt: '9999-12-31T23:59:59.999Z' } });
    expect(outcome.success && outcome.result.until).toBe('9999-12-31T23:59:59.999Z');
  });
});
