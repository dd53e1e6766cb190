// Policies and tickets for the correlation tests.
import { compilePolicy, type Policy, type PolicyDocument, type ProblemPolicy } from '../../src/index.js';
import { MINIMAL } from '../support/policies.js';

/** 2026-03-10T14:00:00Z, and minutes after it. */
export const T0: number = Date.UTC(2026, 2, 10, 14, 0);
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** A ticket created `minutes` after T0. */
export function ticket(
  id: string,
  minutes: number,
  service: string | undefined,
  subject = 'a question',
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    id,
    createdAt: at(minutes),
    ...(service === undefined ? {} : { service }),
    subject,
    status: 'open',
    customer: { id: `customer-${id}`, tier: 'business' },
    ...extra,
  };
}

/**
 * MINIMAL with two more queues (payments, identity: by service), on-call-free roles for each,
 * and the given `problems` section.
 */
export function policyWith(problems: ProblemPolicy | undefined): Policy {
  const doc: PolicyDocument = {
    ...MINIMAL,
    routing: {
      queues: [
        {
          id: 'payments',
          serviceLine: 'payments',
          when: { anyOf: [{ var: 'ticket.service' }, ['payments', 'checkout']] },
          owners: {
            sev1: { primary: 'payments-oncall', secondary: 'payments-lead' },
            '*': { primary: 'payments-agents' },
          },
        },
        {
          id: 'identity',
          serviceLine: 'identity',
          when: { '==': [{ var: 'ticket.service' }, 'identity'] },
          owners: { '*': { primary: 'identity-oncall', secondary: 'support-leads' } },
        },
        ...MINIMAL.routing.queues,
      ],
      default: 'general',
    },
    roles: {
      ...MINIMAL.roles,
      'payments-oncall': { members: ['pat@example.com'] },
      'payments-lead': { members: ['lee@example.com'] },
      'payments-agents': { members: ['pia@example.com', 'pol@example.com'] },
      'identity-oncall': { members: ['ida@example.com'] },
      'incident-commanders': { members: ['ic@example.com', 'grace@example.com'] },
    },
    ...(problems === undefined ? {} : { problems }),
  };
  return compilePolicy(doc);
}

/** Five or more tickets of one service within 30 minutes: a Sev1 that pages the owners. */
export const OUTAGE: ProblemPolicy = {
  rules: [
    {
      id: 'service-outage',
      threshold: { tickets: 5, within: '30m', by: 'service' },
      severity: 'sev1',
      actions: [
        { kind: 'page', role: 'incident-commanders' },
        { kind: 'notify', to: ['owner', 'secondary'] },
      ],
      reason: 'five tickets about one service within 30 minutes',
    },
  ],
};
