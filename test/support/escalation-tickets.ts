import fc from 'fast-check';

// Tickets for the escalation laws over the reference policy (examples/policies/acme-saas.json).
// Richer than tickets.ts: security / enterprise / major-incident tickets that fire the Sev1
// rules and the approval gates, and histories with overrides, approvals by approvers and by
// strangers, manual escalation requests, performed actions, unknown events and several
// events at one instant. Every event is at or before `now` (the snapshot is complete).

const SUBJECTS = [
  'Checkout is down for everyone',
  'Possible data breach reported',
  'Data loss after the nightly import',
  'API outage: service unavailable',
  'Login fails with SSO',
  'Invoice shows a double charge',
  'Question about exports',
  'Feature request: dark mode',
  'Dashboard slow this morning',
  'Webhook integration stopped syncing',
];
const SERVICES = [
  'payments',
  'checkout',
  'identity',
  'api',
  'billing',
  'integrations',
  'web-app',
  'mobile-ios',
];
const TAGS = ['security', 'major-incident', 'tier-2', 'sla-credit-requested', 'api', 'feature-request'];
const STATUSES = ['open', 'in-progress', 'pending-customer', 'on-hold', 'resolved', 'closed'];
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4', 'sev9'];

/** Agents and owners, approvers of every gate, the escalation roles, and people of no role. */
const PEOPLE = [
  'ana.silva@example.com', // support-agents
  'gus.moreau@example.com', // support-tier2
  'kofi.mensah@example.com', // support-leads, duty-manager schedule
  'nora.obrien@example.com', // support-managers
  'acme-support-bot',
  'stranger@example.org',
];
const APPROVERS = [
  'beatrice.rossi@example.com', // legal-counsel
  'carl.jensen@example.com', // legal-counsel, security-oncall schedule
  'elif.yilmaz@example.com', // security-lead
  'frank.osei@example.com', // security-lead
  'dana.scully@example.com', // ciso (security-disclosure escalation)
  'paula.reyes@example.com', // support-directors, incident-commander schedule
  'quentin.dubois@example.com', // support-directors, incident-commander schedule
  'zoe.martin@example.com', // finance-approvers
  'tara.lindqvist@example.com', // vp-support (sla-credit escalation)
  'lena.fischer@example.com', // support-leads
  'omar.haddad@example.com', // support-managers
  'stranger@example.org',
];
/** The gates and the people of their approver roles (on-call ones: people of the schedule). */
const GATES: readonly (readonly [string, readonly string[]])[] = [
  ['sev1-downgrade', ['paula.reyes@example.com', 'quentin.dubois@example.com']],
  ['sev2-downgrade', ['lena.fischer@example.com', 'omar.haddad@example.com']],
  ['executive-comms', ['paula.reyes@example.com', 'quentin.dubois@example.com']],
  [
    'security-disclosure',
    [
      'beatrice.rossi@example.com',
      'carl.jensen@example.com',
      'elif.yilmaz@example.com',
      'frank.osei@example.com',
    ],
  ],
  ['sla-credit', ['zoe.martin@example.com', 'paula.reyes@example.com', 'quentin.dubois@example.com']],
];
const OVERRIDE_ROLES = [
  'support-leads',
  'support-managers',
  'incident-commander',
  'support-tier2',
  'support-agents',
];
const REQUEST_ROLES = ['support-leads', 'account-managers', 'support-agents', 'support-tier2', 'nobody'];
const REQUESTERS = [
  'kofi.mensah@example.com',
  'wendy.zhao@example.com', // account-managers
  'ana.silva@example.com',
  'gus.moreau@example.com',
  'stranger@example.org',
];
/** Roles of the initiation rules with a person who fills each. */
export const REQUEST_PAIRS: readonly (readonly [string, string])[] = [
  ['support-leads', 'kofi.mensah@example.com'],
  ['account-managers', 'wendy.zhao@example.com'],
  ['support-agents', 'ana.silva@example.com'],
  ['support-tier2', 'gus.moreau@example.com'],
];
/** Rules whose keys a host may already have recorded (the first firing of each action). */
const PERFORMED_RULES: readonly (readonly [string, number])[] = [
  ['receipt-confirmation', 1],
  ['sev1-declared', 4],
  ['sev1-incident-commander', 1],
  ['security-incident', 3],
  ['sev1-executive-signoff', 1],
  ['key-account-alert', 1],
];

/** Decisions on one gate at one instant: mostly by its approvers (a quorum at times), or by anyone. */
const approval: fc.Arbitrary<EventBody> = fc
  .tuple(
    fc.constantFrom(...GATES),
    fc.array(
      fc.tuple(
        fc.constantFrom('approvalGranted', 'approvalGranted', 'approvalRejected'),
        fc.nat(),
        fc.constantFrom(...APPROVERS),
        fc.nat({ max: 3 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([[gate, approvers], decisions]) => ({
    type: 'approvals',
    list: decisions.map(([type, pick, anyone, who]) => ({
      type,
      gate,
      by: who === 0 ? anyone : (approvers[pick % approvers.length] as string),
    })),
  }));

/** A manual escalation request: mostly by someone who fills the role, sometimes not. */
const request: fc.Arbitrary<EventBody> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...REQUEST_PAIRS) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...REQUEST_ROLES), fc.constantFrom(...REQUESTERS)) },
    ),
    fc.option(fc.constantFrom('support-tier2', 'major-incident'), { nil: undefined }),
    fc.nat({ max: 5 }),
  )
  .map(([[role, by], to, roleless]) => ({
    type: 'escalationRequested',
    by,
    // Now and then a request without a role (refused: no rule lists it).
    ...(roleless === 0 ? {} : { role }),
    ...(to === undefined ? {} : { to }),
  }));

/** One event of a generated history, before its instant is set (`performed` is resolved later). */
type EventBody = Record<string, unknown> & { readonly type: string };

const event: fc.Arbitrary<EventBody> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('statusChanged'), status: fc.constantFrom(...STATUSES) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('assigned'), assignee: fc.constantFrom(...PEOPLE) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('acknowledged'), by: fc.constantFrom(...PEOPLE) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('replied'),
      author: fc.constantFrom('agent', 'customer'),
      public: fc.boolean(),
      by: fc.constantFrom(...PEOPLE),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('updateSent'),
      audience: fc.constantFrom('customer', 'internal', 'executive'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('severityOverridden'),
      severity: fc.constantFrom(...SEVERITIES),
      by: fc.constantFrom(...PEOPLE),
      role: fc.constantFrom(...OVERRIDE_ROLES),
      reason: fc.constantFrom('customer escalated', 'impact is smaller than reported', ''),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('severityChanged'), severity: fc.constantFrom(...SEVERITIES) }),
  },
  { weight: 4, arbitrary: approval },
  { weight: 2, arbitrary: request },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('performed'),
      rule: fc.nat({ max: PERFORMED_RULES.length - 1 }),
      action: fc.nat({ max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('noteAdded') }) },
);

/** Gaps between events: often none (several events at one instant), mostly minutes, some days. */
const gapMs = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 60 }).map((m) => m * 60_000) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 48 * 60 }).map((m) => m * 60_000) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 * 86_400 }).map((s) => s * 1000) },
);

/** A generated ticket, the instant of the evaluation, and the sensitive strings it carries. */
export interface GeneratedTicket {
  readonly ticket: Record<string, unknown>;
  readonly now: number;
  /** Emails, card numbers, phone numbers and keys placed in the ticket's text (pii only). */
  readonly secrets: readonly string[];
}

/** The final status of a generated history (events are in time order). */
export function finalStatus(ticket: Record<string, unknown>): string {
  if (typeof ticket.status === 'string') return ticket.status;
  let status = 'open';
  for (const e of ticket.events as EventBody[]) if (e.type === 'statusChanged') status = e.status as string;
  return status;
}

// ---- Sensitive data (docs/redaction.md) -------------------------------------------------

/** The Luhn check digit of a digit string. */
function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right, the digit next to the check digit is doubled.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** One of the (ASCII) characters of a string. */
const charOf = (chars: string): fc.Arbitrary<string> => fc.constantFrom(...Array.from(chars));
const lower = charOf('abcdefghijklmnopqrstuvwxyz');
const alnum = charOf('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const word = (chars: fc.Arbitrary<string>, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(chars, { minLength: min, maxLength: max }).map((list) => list.join(''));

/** An address the `email` pattern masks: local part, `@`, labels, a TLD of 2+ letters. */
const email = fc
  .tuple(
    alnum,
    word(charOf('abcxyz0189._%+-'), 0, 8),
    alnum,
    fc.array(fc.tuple(alnum, word(charOf('abz09-'), 0, 6), alnum), {
      minLength: 1,
      maxLength: 2,
    }),
    word(lower, 2, 6),
  )
  .map(
    ([first, middle, last, labels, tld]) =>
      `${first}${middle}${last}@${labels.map(([a, b, c]) => a + b + c).join('.')}.${tld}`,
  );

/** A Luhn-valid card number of 13 to 19 digits, written together or in groups. */
const card = fc
  .tuple(
    fc.integer({ min: 13, max: 19 }),
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }),
    fc.constantFrom('', ' ', '-'),
  )
  .map(([length, first, rest, separator]) => {
    const body = String(first) + rest.slice(0, length - 2).join('');
    const digits = body + String(luhnDigit(body));
    if (separator === '') return digits;
    // Groups of 4, the last two evened out so that no group has a single digit.
    const groups = digits.match(/.{1,4}/g) as string[];
    const tail = groups[groups.length - 1] as string;
    if (tail.length === 1) {
      const before = groups[groups.length - 2] as string;
      groups.splice(groups.length - 2, 2, before.slice(0, 3), before.slice(3) + tail);
    }
    return groups.join(separator);
  });

/** A phone number the `phone` pattern masks (international, or a national one with groups). */
const phone = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 99 }),
      fc.integer({ min: 100, max: 999 }),
      fc.integer({ min: 1000, max: 9999 }),
    )
    .map(([country, area, line]) => `+${String(country)} (${String(area)}) 555-${String(line)}`),
  fc
    .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 1000, max: 9999 }))
    .map(([area, line]) => `${String(area)}.555.${String(line)}`),
);

/** A key with a known prefix and 16+ more characters (`secret`, rule 1). */
const apiKey = fc
  .tuple(fc.constantFrom('sk_live_', 'ghp_', 'xoxb-', 'glpat-'), word(alnum, 16, 28))
  .map(([prefix, rest]) => prefix + rest);

const secret = fc.oneof(email, card, phone, apiKey);

/** Where a secret is shown: between two marker words, so the law can see the whole span. */
export const OPEN = 'zopenz';
export const CLOSE = 'zclosez';
const wrap = (text: string): string => `${OPEN} ${text} ${CLOSE}`;

// ---- Tickets ------------------------------------------------------------------------------

const START = Date.UTC(2026, 0, 1);
const SPAN = 360 * 86_400_000;

interface Options {
  /** Put sensitive data in the subject, description, impact statement, fields and override reasons. */
  readonly pii?: boolean;
  /** Give the snapshot a `status` that may differ from the one the events end with. */
  readonly snapshotStatus?: boolean;
}

/** Generated tickets of the reference policy for the escalation laws. */
export function escalationTicket(options: Options = {}): fc.Arbitrary<GeneratedTicket> {
  const secrets: fc.Arbitrary<string[]> =
    options.pii === true ? fc.array(secret, { minLength: 1, maxLength: 4 }) : fc.constant([]);
  return fc
    .record({
      created: fc.integer({ min: 0, max: SPAN }),
      subject: fc.constantFrom(...SUBJECTS),
      service: fc.constantFrom(...SERVICES),
      tier: fc.constantFrom('enterprise', 'enterprise', 'business', 'starter', undefined),
      users: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20_000 })),
      revenue: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
      tags: fc.subarray(TAGS, { maxLength: 3 }),
      security: fc.option(fc.boolean(), { nil: undefined }),
      statement: fc.option(fc.constantFrom('checkout returns 502', 'all EU users'), { nil: undefined }),
      bridge: fc.option(fc.constant('https://meet.example.com/bridge-42'), { nil: undefined }),
      rationale: fc.option(fc.constant('quarter-end billing run'), { nil: undefined }),
      assignee: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined, freq: 2 }),
      events: fc.array(fc.tuple(event, gapMs), { maxLength: 16 }),
      after: fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 * 24 * 60 }).map((m) => m * 60_000) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 600_000 }) },
      ),
      status: fc.constantFrom(...STATUSES),
      // Often an acknowledgement in the first minutes, while the Sev1 ladders page.
      // Now and then resolved some hours in, while a resolution ladder may be running.
      resolve: fc.option(fc.integer({ min: 2 * 60, max: 40 * 60 }), { nil: undefined, freq: 3 }),
      // Now and then decisions on a gate soon after creation, while it is still open.
      early: fc.option(fc.tuple(approval, fc.integer({ min: 0, max: 90 })), { nil: undefined, freq: 2 }),
      ack: fc.option(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(...PEOPLE), fc.boolean()), {
        nil: undefined,
      }),
      secrets,
      places: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    })
    .map((g) => {
      const createdAt = START + g.created - (g.created % 60_000);
      const createdIso = new Date(createdAt).toISOString();
      const id = `T-${String(g.created)}`;
      // Each secret goes to one or two of the places the templates read (and the description).
      const texts: string[][] = [[], [], [], [], []];
      g.secrets.forEach((s, i) => {
        const first = (g.places[i % 4] as number) % 5;
        (texts[first] as string[]).push(wrap(s));
        (texts[(first + 1 + ((g.places[(i + 1) % 4] as number) % 4)) % 5] as string[]).push(wrap(s));
      });
      const withText = (base: string | undefined, extra: readonly string[]): string | undefined =>
        extra.length === 0 ? base : [base ?? '', ...extra].join(' ').trim();
      let at = createdAt;
      let overrideReasons = 0;
      const history: (EventBody & { at: string })[] = g.events.flatMap(([body, gap]) => {
        at += gap;
        const iso = new Date(at).toISOString();
        if (body.type === 'approvals') return (body.list as EventBody[]).map((e) => ({ ...e, at: iso }));
        if (body.type === 'performed') {
          const [rule, count] = PERFORMED_RULES[body.rule as number] as readonly [string, number];
          const cycle = rule === 'receipt-confirmation' ? 'created' : createdIso;
          return {
            type: 'actionPerformed',
            at: iso,
            key: `${id}/${rule}/${cycle}/0/${String((body.action as number) % count)}`,
          };
        }
        if (body.type === 'severityOverridden' && g.secrets.length > 0) {
          const s = g.secrets[overrideReasons++ % g.secrets.length] as string;
          return { ...body, at: iso, reason: `${String(body.reason)} ${wrap(s)}`.trim() };
        }
        return { ...body, at: iso };
      });
      const last = history.length > 0 ? at : createdAt;
      const insert = (event: EventBody & { at: string }): void => {
        if (Date.parse(event.at) > last + g.after) return;
        const at = Date.parse(event.at);
        history.splice(history.filter((e) => Date.parse(e.at) <= at).length, 0, event);
      };
      if (g.resolve !== undefined)
        insert({
          type: 'statusChanged',
          status: 'resolved',
          at: new Date(createdAt + g.resolve * 60_000).toISOString(),
        });
      if (g.early !== undefined) {
        const [decisions, minutes] = g.early;
        const at = new Date(createdAt + minutes * 60_000).toISOString();
        for (const decision of (decisions.list as EventBody[]).slice().reverse()) insert({ ...decision, at });
      }
      if (g.ack !== undefined) {
        // By the owner of the cycle then (or by anyone), at its place in the history.
        const [minutes, anyone, byOwner] = g.ack;
        const ackAt = createdAt + minutes * 60_000;
        const before = history.filter((e) => Date.parse(e.at) <= ackAt);
        const assigned = before.filter((e) => e.type === 'assigned').at(-1)?.assignee as string | undefined;
        insert({
          type: 'acknowledged',
          by: byOwner ? (assigned ?? g.assignee ?? anyone) : anyone,
          at: new Date(ackAt).toISOString(),
        });
      }
      const fields: Record<string, unknown> = {};
      if (g.security !== undefined) fields.security = g.security;
      const bridge = withText(g.bridge, texts[3] as string[]);
      if (bridge !== undefined) fields.bridgeUrl = bridge;
      const latest = withText(undefined, texts[4] as string[]);
      if (latest !== undefined) fields.latestUpdate = latest;
      if (g.secrets.length > 0) fields.contactEmail = g.secrets[0];
      const statement = withText(g.statement, texts[2] as string[]);
      const ticket: Record<string, unknown> = {
        id,
        createdAt: createdIso,
        subject: withText(g.subject, texts[0] as string[]),
        description: withText(g.subject, texts[1] as string[]),
        service: g.service,
        customer: g.tier === undefined ? { id: 'c-1' } : { id: 'c-1', tier: g.tier },
        impact: {
          usersAffected: g.users,
          ...(g.revenue === undefined ? {} : { revenueAtRisk: g.revenue }),
          ...(statement === undefined ? {} : { statement }),
        },
        ...(g.rationale === undefined ? {} : { businessRationale: g.rationale }),
        tags: g.tags,
        fields,
        ...(g.assignee === undefined ? {} : { assignee: g.assignee }),
        events: [{ type: 'created', at: createdIso }, ...history],
      };
      if (options.snapshotStatus === true) ticket.status = g.status;
      return { ticket, now: last + g.after, secrets: g.secrets };
    });
}
