import type { PolicyDocument } from '../../src/index.js';

/** The smallest useful policy: one calendar, two severities, one queue, one target. */
export const MINIMAL: PolicyDocument = {
  id: 'minimal',
  version: '1',
  calendars: {
    'always-on': { timezone: 'UTC', weekly: '24x7' },
    'us-business': {
      timezone: 'America/New_York',
      weekly: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
    },
  },
  severities: [
    { id: 'sev1', name: 'Critical', definition: 'Critical outage for a broad user base.' },
    { id: 'sev2', name: 'High', definition: 'Significant degradation of core function.' },
  ],
  classification: {
    rules: [
      {
        id: 'outage',
        when: { containsAny: [{ var: 'ticket.subject' }, ['outage', 'down']] },
        severity: 'sev1',
        reason: 'the subject reports an outage',
      },
    ],
    default: 'sev2',
  },
  routing: {
    queues: [
      {
        id: 'general',
        serviceLine: 'support',
        owners: { '*': { primary: 'support-agents', secondary: 'support-leads' } },
      },
    ],
    default: 'general',
  },
  roles: {
    'support-agents': { members: ['ada@example.com'] },
    'support-leads': { members: ['grace@example.com'] },
  },
  sla: {
    targets: [
      {
        id: 'sev1',
        severity: 'sev1',
        calendar: 'always-on',
        metrics: { firstResponse: '15m', resolution: '4h' },
      },
      { id: 'default', calendar: 'us-business', metrics: { firstResponse: '4h', resolution: '24h' } },
    ],
  },
  fallback: { severity: 'sev2', queue: 'general' },
};
