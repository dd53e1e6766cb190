/**
 * Acme's configuration of both adapters, for the reference policy
 * (examples/policies/acme-saas.json). Copy it and put your own ids in: the custom field ids
 * come from `GET /api/v2/ticket_fields` (Zendesk) and `GET /rest/api/3/field` (Jira), the
 * people from your agent list — the ids they get here are the ones the policy's roles use.
 */
import {
  JIRA_PRIORITIES,
  JIRA_SERVICE_MANAGEMENT_STATUSES,
  type JiraMapping,
} from './jira-service-management.js';
import { ZENDESK_PRIORITIES, ZENDESK_STATUSES, type ZendeskMapping } from './zendesk.js';

/** Acme's Zendesk account. */
export const acmeZendeskMapping: ZendeskMapping = {
  idPrefix: 'ZD-',
  statuses: ZENDESK_STATUSES,
  priorities: ZENDESK_PRIORITIES,
  fields: {
    service: 360011000001,
    tier: 360011000002,
    usersAffected: 360011000003,
    revenueAtRisk: 360011000004,
    impactStatement: 360011000005,
    businessRationale: 360011000006,
    communicationPlan: 360011000007,
    severity: 360011000008,
  },
  values: {
    service: {
      svc_payments: 'payments',
      svc_checkout: 'checkout',
      svc_billing: 'billing',
      svc_identity: 'identity',
      svc_api: 'api',
      svc_web_app: 'web-app',
      svc_integrations: 'integrations',
    },
    tier: { tier_enterprise: 'enterprise', tier_business: 'business', tier_starter: 'starter' },
    severity: { sev_1: 'sev1', sev_2: 'sev2', sev_3: 'sev3', sev_4: 'sev4' },
  },
  extraFields: { bridgeUrl: 360011000009 },
  organizations: { '361000001': 'globex', '361000002': 'umbrella', '361000003': 'initech' },
  groups: { '360000100': 'general-triage', '360000101': 'payments', '360000102': 'support-tier2' },
  people: {
    '7001': { id: 'kofi.mensah@example.com', kind: 'agent' },
    '7002': { id: 'hugo.laurent@example.com', kind: 'agent' },
    '7003': { id: 'ana.silva@example.com', kind: 'agent' },
    '7099': { id: 'zendesk-autoresponder', kind: 'agent' },
    '9001': { id: 'it-ops@globex.example', kind: 'customer' },
    '9101': { id: 'maria@smallshop.example', kind: 'customer' },
  },
};

/** Acme's Jira Service Management project `SUP`. */
export const acmeJiraMapping: JiraMapping = {
  statuses: JIRA_SERVICE_MANAGEMENT_STATUSES,
  priorities: JIRA_PRIORITIES,
  fields: {
    service: 'customfield_10060',
    tier: 'customfield_10061',
    organization: 'customfield_10002',
    usersAffected: 'customfield_10062',
    revenueAtRisk: 'customfield_10063',
    impactStatement: 'customfield_10064',
    businessRationale: 'customfield_10065',
    communicationPlan: 'customfield_10066',
    severity: 'customfield_10067',
  },
  values: {
    service: {
      Payments: 'payments',
      Billing: 'billing',
      'Identity & SSO': 'identity',
      'Public API': 'api',
      Webhooks: 'webhooks',
      'Web app': 'web-app',
      Integrations: 'integrations',
    },
    tier: { Enterprise: 'enterprise', Business: 'business', Starter: 'starter' },
    severity: { 'Sev 1': 'sev1', 'Sev 2': 'sev2', 'Sev 3': 'sev3', 'Sev 4': 'sev4' },
    organization: { 'Globex Corporation': 'globex', 'Umbrella Health': 'umbrella', Initech: 'initech' },
  },
  extraFields: { bridgeUrl: 'customfield_10068' },
  people: {
    '712020:0b3c5d7e-1a2b-4c3d-9e8f-000000000101': { id: 'kofi.mensah@example.com', kind: 'agent' },
    '712020:0b3c5d7e-1a2b-4c3d-9e8f-000000000102': { id: 'nadia.ivanova@example.com', kind: 'agent' },
    '712020:0b3c5d7e-1a2b-4c3d-9e8f-000000000103': { id: 'oscar.lind@example.com', kind: 'agent' },
    '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077': { id: 'acme-support-bot', kind: 'agent' },
  },
};
