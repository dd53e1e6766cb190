import type { PolicyDocument } from '../../src/index.js';

/**
 * A small policy whose coverage is easy to count by hand: 3 classification rules, 2 queues,
 * 2 SLA targets, 3 escalation rules and 2 gates (12 rules).
 */
export const SMALL: PolicyDocument = {
  id: 'small',
  version: '1',
  calendars: { always: { timezone: 'UTC', weekly: '24x7' } },
  severities: [
    { id: 'sev1', name: 'Critical', definition: 'Critical outage.' },
    { id: 'sev2', name: 'High', definition: 'Significant degradation.' },
    { id: 'sev3', name: 'Medium', definition: 'Partial issue.' },
  ],
  classification: {
    rules: [
      {
        id: 'outage',
        when: { containsAny: [{ var: 'ticket.subject' }, ['outage']] },
        severity: 'sev1',
        reason: 'the subject reports an outage',
      },
      { id: 'vip', when: { hasTag: ['vip'] }, severity: 'sev2', reason: 'a VIP customer' },
      {
        id: 'question',
        when: { containsAny: [{ var: 'ticket.subject' }, ['question']] },
        severity: 'sev3',
        reason: 'a question',
      },
    ],
    default: 'sev3',
  },
  routing: {
    queues: [
      {
        id: 'payments',
        serviceLine: 'payments',
        when: { anyOf: [{ var: 'ticket.service' }, ['payments']] },
        owners: { '*': { primary: 'agents', secondary: 'leads' } },
      },
      { id: 'general', serviceLine: 'support', owners: { '*': { primary: 'agents', secondary: 'leads' } } },
    ],
    default: 'general',
  },
  roles: {
    agents: { members: ['ana@example.com'] },
    leads: { members: ['lee@example.com'] },
  },
  sla: {
    targets: [
      {
        id: 'urgent',
        severity: 'sev1',
        calendar: 'always',
        metrics: { firstResponse: '15m', resolution: '4h' },
      },
      { id: 'standard', calendar: 'always', metrics: { firstResponse: '4h' } },
    ],
  },
  escalation: {
    rules: [
      {
        id: 'page-sev1',
        on: { severityBecomes: 'sev1' },
        actions: [{ kind: 'page', role: 'leads' }],
        reason: 'a sev1 pages the leads',
      },
      {
        id: 'first-response-breach',
        on: { clock: 'firstResponse', at: 'breach' },
        actions: [{ kind: 'notify', to: ['owner'] }],
      },
      { id: 'reopened', on: { reopened: true }, actions: [{ kind: 'notify', to: ['leads'] }] },
    ],
  },
  approvals: {
    gates: [
      { id: 'comms', when: { '==': [{ var: 'severity' }, 'sev1'] }, approvers: ['leads'] },
      { id: 'downgrade', on: 'severityDowngrade', approvers: ['leads'] },
    ],
  },
  fallback: { severity: 'sev2', queue: 'general', notify: ['leads'] },
};

/** A ticket created at 2026-03-02T12:00Z (a Monday). */
export function smallTicket(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'T-1',
    createdAt: '2026-03-02T12:00:00Z',
    subject: 'Something happened',
    customer: { id: 'cust-1' },
    events: [{ type: 'created', at: '2026-03-02T12:00:00Z' }],
    ...fields,
  };
}
