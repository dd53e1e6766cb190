import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, type Decision } from '../../src/index.js';
import { escalationMatchers, type EscalationMatchers } from '../../src/testing/index.js';
import { SMALL, smallTicket } from './small-policy.js';

// The augmentation users add (docs/policy-tests.md): typed matchers, no runtime import of vitest
// by the library.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type -- vitest's own declaration
  interface Matchers<T = any> extends EscalationMatchers<T> {}
}

expect.extend(escalationMatchers);

const policy = compilePolicy(SMALL);
// A sev1 outage on payments, 20 minutes in: the first response (15m) breached at 12:15.
const outage: Decision = evaluate(policy, smallTicket({ subject: 'Payments outage', service: 'payments' }), {
  now: '2026-03-02T12:20:00Z',
});

/** The message vitest shows when the assertion fails. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return expect.fail('the assertion passed');
}

describe('escalationMatchers', () => {
  it('are plain functions returning pass and a message', () => {
    const result = escalationMatchers.toHaveSeverity(outage, 'sev2');
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      'expected severity `sev2`, found `sev1` (rule `outage`: the subject reports an outage)',
    );
    expect(result.actual).toBe('sev1');
    expect(result.expected).toBe('sev2');
  });

  it('throw a TypeError for something that is not a decision', () => {
    expect(() => escalationMatchers.toHaveSeverity({ severity: 'sev1' }, 'sev1')).toThrow(
      'toHaveSeverity: expected a decision from `evaluate`, received object',
    );
    expect(() => escalationMatchers.toEmitAction(null, {})).toThrow(TypeError);
  });
});

describe('toHaveSeverity', () => {
  it('passes on the effective severity and explains a mismatch', () => {
    expect(outage).toHaveSeverity('sev1');
    expect(outage).not.toHaveSeverity('sev3');
    expect(failure(() => expect(outage).toHaveSeverity('sev3'))).toBe(
      'expected severity `sev3`, found `sev1` (rule `outage`: the subject reports an outage)',
    );
    expect(failure(() => expect(outage).not.toHaveSeverity('sev1'))).toBe(
      'expected a severity other than `sev1` (rule `outage`: the subject reports an outage)',
    );
  });
});

describe('toRouteTo', () => {
  it('checks the queue, or the queue and the owner role', () => {
    expect(outage).toRouteTo('payments');
    expect(outage).toRouteTo({ queue: 'payments', owner: 'agents' });
    expect(outage).toRouteTo({ owner: 'agents' });
    expect(outage).not.toRouteTo('general');
    expect(failure(() => expect(outage).toRouteTo({ queue: 'general', owner: 'leads' }))).toBe(
      'expected routing to queue `general` and owner `leads`, found queue `payments` with owner `agents` (queue `payments` matched)',
    );
  });
});

describe('toBreach', () => {
  it('checks that a clock breached, and when', () => {
    expect(outage).toBreach('firstResponse');
    expect(outage).toBreach('firstResponse', '2026-03-02T12:15:00Z');
    expect(outage).toBreach('firstResponse', Date.parse('2026-03-02T12:15:00Z'));
    expect(outage).not.toBreach('resolution');
    expect(outage).toBreach('firstResponse', '2026-03-02T13:15:00+01:00');
    expect(failure(() => expect(outage).toBreach('firstResponse', '2026-03-02T12:10:00Z'))).toBe(
      'expected the `firstResponse` clock to breach at `2026-03-02T12:10:00.000Z`, found it breached at `2026-03-02T12:15:00.000Z`',
    );
  });

  it('names the state of a clock that has not breached, or the clocks there are', () => {
    expect(failure(() => expect(outage).toBreach('resolution'))).toBe(
      'expected the `resolution` clock to breach, found it `running` with deadline `2026-03-02T16:00:00.000Z`',
    );
    expect(failure(() => expect(outage).toBreach('acknowledge'))).toBe(
      'expected the `acknowledge` clock to breach, found no `acknowledge` clock (clocks: `firstResponse`, `resolution`)',
    );
    expect(failure(() => expect(outage).not.toBreach('firstResponse'))).toBe(
      'expected the `firstResponse` clock not to breach, found it breached at `2026-03-02T12:15:00.000Z`',
    );
    expect(() => escalationMatchers.toBreach(outage, 'firstResponse', '2026-03-02 12:15')).toThrow(TypeError);
  });
});

describe('toRequireApproval', () => {
  it('checks that a gate is required, or its status', () => {
    expect(outage).toRequireApproval('comms');
    expect(outage).toRequireApproval('comms', 'pending');
    expect(outage).not.toRequireApproval('downgrade');
    expect(outage).toRequireApproval('downgrade', 'not_required');
    expect(failure(() => expect(outage).toRequireApproval('downgrade'))).toBe(
      'expected gate `downgrade` to be required, found `not_required` (not required for this ticket)',
    );
    expect(failure(() => expect(outage).toRequireApproval('comms', 'granted'))).toMatch(
      /^expected gate `comms` to be `granted`, found `pending` \(/,
    );
    expect(failure(() => expect(outage).toRequireApproval('legal'))).toBe(
      'expected gate `legal` to be required, found no such gate (gates: `comms`, `downgrade`)',
    );
  });
});

describe('toEmitAction', () => {
  it('matches due actions on every field given', () => {
    expect(outage).toEmitAction({ kind: 'page' });
    expect(outage).toEmitAction({
      kind: 'page',
      ruleId: 'page-sev1',
      role: 'leads',
      target: 'lee@example.com',
    });
    expect(outage).toEmitAction({
      ruleId: 'first-response-breach',
      role: 'owner',
      dueAt: '2026-03-02T12:15:00Z',
    });
    expect(outage).not.toEmitAction({ kind: 'page', role: 'agents' });
    expect(outage).not.toEmitAction({ ruleId: 'reopened' });
  });

  it('lists the actions found when none matches', () => {
    expect(failure(() => expect(outage).toEmitAction({ kind: 'escalateTo', queue: 'general' }))).toBe(
      'expected a due action: `escalateTo` to queue `general`; found `page` by `page-sev1` (role `leads`), `notify` by `first-response-breach` (roles `owner`)',
    );
    expect(failure(() => expect(outage).not.toEmitAction({ kind: 'page' }))).toBe(
      'expected no due action: `page`; found `page` by `page-sev1` (role `leads`)',
    );
  });
});
