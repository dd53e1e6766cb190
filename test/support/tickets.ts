import fc from 'fast-check';

// Tickets for the reference policy (examples/policies/acme-saas.json): realistic fields and a
// history of 0–20 events at increasing instants, with `now` after creation.

const SUBJECTS = [
  'Checkout is down for everyone',
  'Login fails with SSO',
  'Dashboard slow this morning',
  'Invoice shows a double charge',
  'Possible data breach reported',
  'Question about exports',
  'API returns 500 errors',
  'Mobile app crashes on launch',
  'Feature request: dark mode',
  'Webhook integration stopped syncing',
];
const SERVICES = [
  'payments',
  'checkout',
  'identity',
  'sso',
  'api',
  'data-platform',
  'mobile',
  'billing',
  'integrations',
  'web-app',
  'reporting',
];
const TIERS = ['enterprise', 'business', 'starter', undefined];
const STATUSES = ['open', 'in-progress', 'pending-customer', 'on-hold', 'resolved', 'closed'];
const PEOPLE = ['ada@example.com', 'grace.hopper@example.com', 'linus@example.com', 'acme-support-bot'];

const START = Date.UTC(2026, 0, 1);
const SPAN = 360 * 86_400_000;

const event = fc.oneof(
  fc.record({ type: fc.constant('statusChanged'), status: fc.constantFrom(...STATUSES) }),
  fc.record({ type: fc.constant('assigned'), assignee: fc.constantFrom(...PEOPLE) }),
  fc.record({ type: fc.constant('acknowledged'), by: fc.constantFrom(...PEOPLE) }),
  fc.record({
    type: fc.constant('replied'),
    author: fc.constantFrom('agent', 'customer'),
    public: fc.boolean(),
    by: fc.constantFrom(...PEOPLE),
  }),
  fc.record({ type: fc.constant('updateSent'), audience: fc.constantFrom('customer', 'internal') }),
  fc.record({
    type: fc.constant('severityOverridden'),
    severity: fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4'),
    by: fc.constantFrom(...PEOPLE),
    role: fc.constantFrom('support-leads', 'support-agents'),
    reason: fc.constantFrom('customer escalated', ''),
  }),
);

/** A ticket of the reference policy and an instant `now` after its creation. */
export const ticketAndNow: fc.Arbitrary<{ ticket: Record<string, unknown>; now: number }> = fc
  .record({
    created: fc.integer({ min: 0, max: SPAN }),
    subject: fc.constantFrom(...SUBJECTS),
    service: fc.constantFrom(...SERVICES),
    tier: fc.constantFrom(...TIERS),
    users: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20_000 })),
    // Gaps of up to ~2 days, mostly minutes, so clocks meet, breach and pause.
    events: fc.array(fc.tuple(event, fc.integer({ min: 0, max: 48 * 60 })), { maxLength: 20 }),
    after: fc.integer({ min: 1, max: 4 * 24 * 60 }),
  })
  .map(({ created, subject, service, tier, users, events, after }) => {
    const createdAt = START + created - (created % 60_000);
    let at = createdAt;
    const history = events.map(([body, gapMinutes]) => {
      at += gapMinutes * 60_000;
      return { ...body, at: new Date(at).toISOString() };
    });
    const last = history.length > 0 ? at : createdAt;
    const ticket: Record<string, unknown> = {
      id: `T-${String(created)}`,
      createdAt: new Date(createdAt).toISOString(),
      subject,
      description: subject,
      service,
      customer: tier === undefined ? { id: 'c-1' } : { id: 'c-1', tier },
      impact: { usersAffected: users },
      tags: [],
      events: [{ type: 'created', at: new Date(createdAt).toISOString() }, ...history],
    };
    return { ticket, now: last + after * 60_000 };
  });
