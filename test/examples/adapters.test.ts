import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compilePolicy, evaluate } from '../../src/index.js';
import { acmeJiraMapping, acmeZendeskMapping } from '../../examples/adapters/acme-mappings.js';
import {
  adfToText,
  mapJiraIssue,
  type JiraComment,
  type JiraHistory,
  type JiraIssue,
} from '../../examples/adapters/jira-service-management.js';
import { mapZendeskTicket, type ZendeskAudit, type ZendeskTicket } from '../../examples/adapters/zendesk.js';

// The examples import the package by name; here it is the sources (CI runs the same example
// against the packed build in `npm run examples`).
vi.mock('escalation-engine', () => import('../../src/index.js'));

// Set FC_SEED to replay a run; fast-check reports the seed of a failure.
const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const runs = (numRuns: number) => (seed === undefined ? { numRuns } : { numRuns, seed });

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const policy = compilePolicy(read('../../examples/policies/acme-saas.json'));
const zendeskFixture = (name: string) =>
  read(`../../examples/adapters/fixtures/${name}.json`) as { ticket: ZendeskTicket; audits: ZendeskAudit[] };
const jiraFixture = (name: string) => read(`../../examples/adapters/fixtures/${name}.json`) as JiraIssue;
const expected = (name: string) => read(`../../examples/adapters/expected/${name}.json`);
const checkout = zendeskFixture('zendesk-checkout-outage');
const invoice = zendeskFixture('zendesk-invoice-question');
const sso = jiraFixture('jira-sso-outage');
const latency = jiraFixture('jira-api-latency');

describe('the fixtures on the reference policy', () => {
  it.each([
    ['zendesk-checkout-outage', '2026-03-09T14:30:00Z', 'sev1', 'payments-outage', 'payments'],
    ['zendesk-invoice-question', '2026-03-11T10:00:00Z', 'sev4', 'how-to-question', 'billing'],
    ['jira-sso-outage', '2026-03-11T09:30:00Z', 'sev1', 'login-outage', 'identity'],
    ['jira-api-latency', '2026-03-12T13:00:00+01:00', 'sev2', 'api-degraded', 'data-platform'],
  ])('maps %s to its expected snapshot, which evaluates ok', (name, now, severity, ruleId, queue) => {
    const { ticket, warnings } = name.startsWith('zendesk')
      ? mapZendeskTicket(zendeskFixture(name).ticket, zendeskFixture(name).audits, acmeZendeskMapping)
      : mapJiraIssue(jiraFixture(name), acmeJiraMapping);
    expect(warnings).toEqual([]);
    expect(ticket).toStrictEqual(expected(name));
    const decision = evaluate(policy, ticket, { now });
    expect(decision.status).toBe('ok');
    expect(decision.issues).toEqual([]);
    expect(decision.severity).toMatchObject({ id: severity, ruleId });
    expect(decision.routing.queue).toBe(queue);
  });

  it('reads the Zendesk history into the clocks a support lead expects', () => {
    const { ticket } = mapZendeskTicket(checkout.ticket, checkout.audits, acmeZendeskMapping);
    const decision = evaluate(policy, ticket, { now: '2026-03-09T14:30:00Z' });
    const clock = (metric: string) => decision.clocks.find((entry) => entry.metric === metric);
    // Assigned at 14:02 by the lead, acknowledged by Hugo's first own update at 14:04.
    expect(clock('acknowledge')).toMatchObject({
      state: 'met',
      startedAt: '2026-03-09T14:02:00.000Z',
      stoppedAt: '2026-03-09T14:04:00.000Z',
    });
    // The description is not a reply: the first response is Hugo's public comment.
    expect(clock('firstResponse')).toMatchObject({ state: 'met', stoppedAt: '2026-03-09T14:04:00.000Z' });
    // The customer's 14:15 comment was answered publicly at 14:22 (the 14:18 internal note does not count).
    expect(clock('nextResponse')).toMatchObject({
      state: 'met',
      startedAt: '2026-03-09T14:15:00.000Z',
      stoppedAt: '2026-03-09T14:22:00.000Z',
    });
  });

  it('reads the Jira history into the clocks a support lead expects', () => {
    const { ticket } = mapJiraIssue(latency, acmeJiraMapping);
    const decision = evaluate(policy, ticket, { now: '2026-03-12T13:00:00+01:00' });
    const clock = (metric: string) => decision.clocks.find((entry) => entry.metric === metric);
    expect(clock('acknowledge')).toMatchObject({ state: 'met', stoppedAt: '2026-03-12T06:32:00.000Z' });
    // Waiting for customer paused resolution from 07:40 to 08:30 (+01:00).
    expect(clock('resolution')).toMatchObject({ state: 'met', elapsedMs: (5 * 60 + 25 - 50) * 60_000 });
    // The customer's 08:30 reply waited four hours for an answer: past the 2 h target.
    expect(clock('nextResponse')).toMatchObject({ state: 'breached', startedAt: '2026-03-12T07:30:00.000Z' });
  });
});

describe('mapZendeskTicket', () => {
  it('reads audits in time order, whatever order they come in', () => {
    const inOrder = mapZendeskTicket(checkout.ticket, checkout.audits, acmeZendeskMapping);
    const shuffled = mapZendeskTicket(checkout.ticket, [...checkout.audits].reverse(), acmeZendeskMapping);
    expect(shuffled).toEqual(inOrder);
  });

  it('acknowledges only by the assignee: the lead who assigns does not', () => {
    const [creation, assignment] = checkout.audits;
    if (creation === undefined || assignment === undefined) throw new Error('fixture');
    const { ticket } = mapZendeskTicket(checkout.ticket, [creation, assignment], acmeZendeskMapping);
    expect(ticket.events?.map((event) => event.type)).toEqual([
      'created',
      'assigned',
      'statusChanged',
      'severityChanged',
    ]);
    // Taking the ticket oneself acknowledges it at once (the invoice question).
    const own = mapZendeskTicket(invoice.ticket, invoice.audits, acmeZendeskMapping);
    expect(own.ticket.events).toContainEqual({
      type: 'acknowledged',
      at: '2026-03-10T15:40:00Z',
      by: 'ana.silva@example.com',
    });
  });

  it('reports unknown statuses, values and people as warnings, with paths, and leaves them out', () => {
    const ticket: ZendeskTicket = {
      ...checkout.ticket,
      status: 'escalated-to-vendor',
      custom_fields: [
        { id: 360011000001, value: 'svc_payments' },
        { id: 360011000002, value: 'tier_platinum' },
        { id: 360011000003, value: 'lots' },
      ],
    };
    const audits: ZendeskAudit[] = [
      ...checkout.audits,
      {
        id: 2100000099,
        ticket_id: 48213,
        created_at: '2026-03-09T14:25:00Z',
        author_id: 8123,
        events: [
          { id: 1, type: 'Comment', author_id: 8123, public: true },
          { id: 2, type: 'Comment', author_id: 8123, public: true },
          {
            id: 3,
            type: 'Change',
            field_name: 'status',
            value: 'escalated-to-vendor',
            previous_value: 'open',
          },
        ],
      },
    ];
    const { ticket: snapshot, warnings } = mapZendeskTicket(ticket, audits, acmeZendeskMapping);
    expect(warnings).toEqual([
      {
        code: 'unknown_person',
        path: ['audits', 6, 'events', 0, 'author_id'],
        message: 'user `8123` is not in `people`: taken as a customer',
      },
      {
        code: 'unmapped_status',
        path: ['audits', 6, 'events', 2, 'value'],
        message: 'status `escalated-to-vendor` is not in `statuses`',
      },
      {
        code: 'unmapped_value',
        path: ['ticket', 'custom_fields', 1, 'value'],
        message: 'tier `tier_platinum` is not in `values.tier`',
      },
      {
        code: 'invalid_value',
        path: ['ticket', 'custom_fields', 2, 'value'],
        message: 'custom field `360011000003` is not a number',
      },
    ]);
    expect(snapshot.status).toBeUndefined();
    expect(snapshot.customer).toEqual({ id: 'globex' });
    expect(snapshot.impact).toEqual({});
    expect(snapshot.events?.filter((event) => event.at === '2026-03-09T14:25:00Z')).toEqual([
      {
        type: 'replied',
        at: '2026-03-09T14:25:00Z',
        author: 'customer',
        public: true,
        by: 'zendesk-user-8123',
      },
      {
        type: 'replied',
        at: '2026-03-09T14:25:00Z',
        author: 'customer',
        public: true,
        by: 'zendesk-user-8123',
      },
    ]);
    expect(evaluate(policy, snapshot, { now: '2026-03-09T14:30:00Z' }).status).toBe('ok');
  });

  it('takes the requester as the customer when there is no organization', () => {
    const { ticket } = mapZendeskTicket(
      { ...checkout.ticket, organization_id: null },
      [],
      acmeZendeskMapping,
    );
    expect(ticket.customer).toEqual({ id: 'it-ops@globex.example', tier: 'enterprise' });
    expect(ticket.events).toEqual([{ type: 'created', at: '2026-03-09T14:00:00Z' }]);
  });

  it('never throws on custom field values of any shape, and the snapshot evaluates ok', () => {
    const fieldIds = [
      360011000001, 360011000002, 360011000003, 360011000004, 360011000005, 360011000008, 360011000009,
    ];
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom(...fieldIds), value: fc.jsonValue() }), { maxLength: 8 }),
        fc.string(),
        fc.option(fc.string(), { nil: null }),
        (custom_fields, status, priority) => {
          const { ticket, warnings } = mapZendeskTicket(
            { ...checkout.ticket, custom_fields, status, priority },
            checkout.audits,
            acmeZendeskMapping,
          );
          for (const warning of warnings) expect(warning.message).not.toMatch(/\n/);
          expect(evaluate(policy, ticket, { now: '2026-03-09T14:30:00Z' }).status).toBe('ok');
        },
      ),
      runs(60),
    );
  });
});

describe('mapJiraIssue', () => {
  const history = (
    created: string,
    items: JiraHistory['items'],
    accountId = '712020:0b3c5d7e-1a2b-4c3d-9e8f-000000000103',
  ): JiraHistory => ({
    id: created,
    author: { accountId },
    created,
    items,
  });
  const status = (from: string, to: string) => ({
    field: 'status',
    from: null,
    fromString: from,
    to: null,
    toString: to,
  });

  it('dates the status the issue was created in from the first status change', () => {
    const issue: JiraIssue = {
      ...latency,
      fields: { ...latency.fields, status: { name: 'In Progress' }, comment: { comments: [] } },
      changelog: {
        histories: [history('2026-03-12T08:00:00.000+0100', [status('Waiting for customer', 'In Progress')])],
      },
    };
    expect(mapJiraIssue(issue, acmeJiraMapping).ticket.events).toEqual([
      { type: 'created', at: '2026-03-12T07:15:00.000+0100' },
      { type: 'statusChanged', at: '2026-03-12T07:15:00.000+0100', status: 'pending-customer' },
      { type: 'statusChanged', at: '2026-03-12T08:00:00.000+0100', status: 'in-progress' },
    ]);
  });

  it('takes portal customers as customers without a warning, and warns about unknown licensed users', () => {
    const comment = (accountId: string, accountType: string): JiraComment => ({
      id: accountId,
      author: { accountId, accountType },
      body: 'hello',
      created: '2026-03-12T09:00:00.000+0100',
      jsdPublic: true,
    });
    const issue: JiraIssue = {
      ...latency,
      fields: {
        ...latency.fields,
        comment: {
          comments: [comment('qm:portal-1', 'customer'), comment('5b10ac8d82e05b22cc7d4ef5', 'atlassian')],
        },
      },
      changelog: { histories: [] },
    };
    const { ticket, warnings } = mapJiraIssue(issue, acmeJiraMapping);
    expect(warnings).toEqual([
      {
        code: 'unknown_person',
        path: ['fields', 'comment', 'comments', 1, 'author'],
        message: 'account `5b10ac8d82e05b22cc7d4ef5` is not in `people`: taken as a customer',
      },
    ]);
    expect(ticket.events?.filter((event) => event.type === 'replied')).toEqual([
      {
        type: 'replied',
        at: '2026-03-12T09:00:00.000+0100',
        author: 'customer',
        public: true,
        by: 'jira-qm:portal-1',
      },
      {
        type: 'replied',
        at: '2026-03-12T09:00:00.000+0100',
        author: 'customer',
        public: true,
        by: 'jira-5b10ac8d82e05b22cc7d4ef5',
      },
    ]);
  });

  it('reads internal comments as internal notes and the severity field as severityChanged', () => {
    const events = mapJiraIssue(sso, acmeJiraMapping).ticket.events ?? [];
    expect(events).toContainEqual({
      type: 'replied',
      at: '2026-03-11T09:05:00.000+0000',
      author: 'agent',
      public: false,
      by: 'nadia.ivanova@example.com',
    });
    expect(events).toContainEqual({
      type: 'severityChanged',
      at: '2026-03-11T08:50:30.000+0000',
      severity: 'sev1',
      by: 'acme-support-bot',
    });
  });

  it('reports unmapped statuses, options and organizations, and still maps the rest', () => {
    const issue: JiraIssue = {
      ...sso,
      fields: {
        ...sso.fields,
        status: { name: 'Awaiting vendor' },
        customfield_10002: [{ id: '9', name: 'Hooli' }],
        customfield_10061: { value: 'Platinum', id: '10299' },
        customfield_10062: 'about 240',
      },
    };
    const { ticket, warnings } = mapJiraIssue(issue, acmeJiraMapping);
    expect(warnings.map((warning) => [warning.code, warning.path.join('.')])).toEqual([
      ['unmapped_value', 'fields.customfield_10002.0.name'],
      ['unmapped_value', 'fields.customfield_10061.value'],
      ['invalid_value', 'fields.customfield_10062'],
      ['unmapped_status', 'fields.status.name'],
    ]);
    expect(ticket.customer).toEqual({});
    expect(ticket.status).toBeUndefined();
    expect(ticket.service).toBe('identity');
    expect(evaluate(policy, ticket, { now: '2026-03-11T09:30:00Z' }).status).toBe('ok');
  });

  it('never throws on custom field values of any shape, and the snapshot evaluates ok', () => {
    const fieldIds = [
      'customfield_10002',
      'customfield_10060',
      'customfield_10061',
      'customfield_10062',
      'customfield_10064',
      'customfield_10067',
      'customfield_10068',
    ];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...fieldIds), fc.jsonValue()),
        fc.string(),
        (custom, statusName) => {
          const issue: JiraIssue = {
            ...sso,
            fields: { ...sso.fields, ...custom, status: { name: statusName } },
          };
          const { ticket } = mapJiraIssue(issue, acmeJiraMapping);
          expect(evaluate(policy, ticket, { now: '2026-03-11T09:30:00Z' }).status).toBe('ok');
        },
      ),
      runs(60),
    );
  });
});

describe('adfToText', () => {
  it('reads paragraphs and list items as lines, mentions by their text', () => {
    expect(
      adfToText({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Hello ' },
              { type: 'mention', attrs: { text: '@Nadia' } },
              { type: 'hardBreak' },
              { type: 'text', text: 'there' },
            ],
          },
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
              },
            ],
          },
          { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x' } }] },
        ],
      }),
    ).toBe('Hello @Nadia\nthere\none');
  });
});
