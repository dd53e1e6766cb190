import fc from 'fast-check';
import type {
  ActionKind,
  ApprovalGate,
  Audience,
  CadenceRule,
  CalendarDefinition,
  ClassificationPolicy,
  EscalationAction,
  EscalationRule,
  EscalationTrigger,
  InitiationRule,
  MessageTemplate,
  MetricName,
  MetricTarget,
  OneOrMore,
  OwnerAssignment,
  PolicyDocument,
  QueueDefinition,
  RoleDefinition,
  ScheduleDefinition,
  SlaMetrics,
  SlaPolicy,
} from '../index.js';
import { DST_TIME_ZONES, calendarDefinitionArbitrary } from './calendar-definition-arbitrary.js';

/** Options of {@link policyArbitrary}. */
export interface PolicyArbitraryOptions {
  /**
   * The zones of calendars and on-call schedules.
   *
   * @defaultValue {@link DST_TIME_ZONES}
   */
  readonly timezones?: readonly string[] | undefined;
  /**
   * The most classification rules, queues and escalation rules (each).
   *
   * @defaultValue 5
   */
  readonly maxRules?: number | undefined;
}

const PEOPLE = [
  'ana@example.com',
  'ben@example.com',
  'chen@example.com',
  'dana@example.com',
  'eli@example.com',
];
const SEVERITY_NAMES = ['Critical', 'High', 'Medium', 'Low', 'Informational'];
const TIERS = ['enterprise', 'business', 'starter'];
const TAGS = ['vip', 'outage', 'security', 'billing', 'mobile', 'regression'];
const SERVICES = ['web-app', 'api', 'payments', 'identity', 'mobile-ios', 'reporting'];
const WORDS = [
  'outage',
  'is down',
  'error',
  'slow',
  'data loss',
  'cannot log in',
  'invoice',
  'crash',
  'question',
];
const PAUSE_STATUSES = ['pending', 'on-hold', 'waiting-on-customer'];
const RESOLVED_ON: readonly (readonly string[])[] = [['resolved', 'closed'], ['done'], ['resolved']];
const METRICS: readonly MetricName[] = [
  'acknowledge',
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
];
const AUDIENCES: readonly Audience[] = ['customer', 'internal', 'executive'];
const ACTION_KINDS: readonly ActionKind[] = [
  'notify',
  'page',
  'transferOwnership',
  'escalateTo',
  'requestApproval',
  'sendUpdate',
];
const TEMPLATE_OF: Readonly<Record<Audience, string>> = {
  customer: 'customer-update',
  internal: 'internal-update',
  executive: 'exec-brief',
};
const TEMPLATES: Readonly<Record<string, MessageTemplate>> = {
  'customer-update': {
    audience: 'customer',
    subject: '[{{ticket.id}}] {{severity.name}}',
    body: 'Hello, your request "{{ticket.subject}}" is handled by {{routing.serviceLine}}. Next update by {{update.nextAt}}.',
  },
  'internal-update': {
    audience: 'internal',
    body: '{{ticket.id}} ({{severity.id}}) in {{routing.queue}}, owned by {{routing.owner.role}}; resolution due {{clocks.resolution.deadline}}.',
  },
  'exec-brief': {
    audience: 'executive',
    subject: '{{severity.name}}: {{ticket.id}}',
    body: '{{ticket.impact.statement}} ({{ticket.customer.id}}); policy {{policy.id}} {{policy.version}}.',
  },
  notice: { body: '{{ticket.id}} needs attention: {{severity.reason}} (owner {{routing.owner.members}}).' },
};
const REQUIRED_PATHS = ['impact.statement', 'businessRationale', 'communicationPlan', 'fields.bridgeUrl'];

/** A duration as policies write it: `45m`, `4h`, `1h30m`. */
function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${String(m)}m`;
  return m === 0 ? `${String(h)}h` : `${String(h)}h${String(m)}m`;
}

/** One id, or a list when several were drawn. */
function oneOrMore(list: readonly string[]): OneOrMore {
  return list.length === 1 && list[0] !== undefined ? list[0] : list;
}

/** A sub-list in the list's order, its length clamped to the list's. */
function subset<T>(
  list: readonly T[],
  constraints: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<T[]> {
  const maxLength = Math.min(constraints.maxLength ?? list.length, list.length);
  const minLength = Math.min(constraints.minLength ?? 0, maxLength);
  return fc.subarray([...list], { minLength, maxLength });
}

/** A value one time in four, else `undefined`. */
function rare<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** A value, or `undefined` one time in `freq`. */
function optional<T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

/** Drops keys whose value is `undefined` (documents are plain JSON). */
function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  return out as T;
}

function withIds<T extends object>(items: readonly T[], prefix: string): (T & { readonly id: string })[] {
  return items.map((item, index) => ({ id: `${prefix}-${String(index + 1)}`, ...defined(item) }));
}

interface Shape {
  readonly severities: number;
  readonly tiers: readonly string[];
  readonly calendars: readonly CalendarDefinition[];
  readonly memberRoles: number;
  readonly scheduleRoles: number;
  readonly queues: number;
  readonly gates: number;
}

/** Simple conditions on the ticket; with `decided`, also on the decision so far. */
function conditionArbitrary(severities: readonly string[], decided: boolean): fc.Arbitrary<unknown> {
  const atoms: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...TAGS).map((tag) => ({ hasTag: [tag] })),
    fc
      .subarray(SERVICES, { minLength: 1, maxLength: 3 })
      .map((services) => ({ anyOf: [{ var: 'ticket.service' }, services] })),
    fc.tuple(subset(WORDS, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([words, both]) => ({
      containsAny: [
        both ? [{ var: 'ticket.subject' }, { var: 'ticket.description' }] : { var: 'ticket.subject' },
        words,
      ],
    })),
    fc.constantFrom(10, 50, 100, 1000).map((n) => ({ '>=': [{ var: 'ticket.impact.usersAffected' }, n] })),
    fc.constantFrom(...TIERS).map((tier) => ({ '==': [{ var: 'ticket.customer.tier' }, tier] })),
    fc.constant({ '==': [{ var: 'ticket.fields.escalated' }, true] }),
    fc.constantFrom('high', 'low').map((u) => ({ '==': [{ var: 'ticket.fields.urgency' }, u] })),
  ];
  if (decided) {
    atoms.push(
      subset(severities, { minLength: 1 }).map((list) => ({ anyOf: [{ var: 'severity' }, list] })),
      fc.constantFrom(...severities).map((id) => ({ '==': [{ var: 'severity' }, id] })),
    );
  }
  const atom = fc.oneof(...atoms);
  return fc.oneof(
    { weight: 4, arbitrary: atom },
    { weight: 1, arbitrary: fc.tuple(atom, atom).map((list) => ({ and: list })) },
    { weight: 1, arbitrary: fc.tuple(atom, atom).map((list) => ({ or: list })) },
    { weight: 1, arbitrary: atom.map((inner) => ({ '!': inner })) },
  );
}

/** Metric targets that keep their order (acknowledge ≤ first response ≤ resolution ≥ next response). */
function metricsArbitrary(calendars: readonly string[]): fc.Arbitrary<SlaMetrics> {
  const longForm = fc.record(
    {
      warnAt: fc.constantFrom(['75%'], ['50%', '10m before']),
      pauseOn: subset(PAUSE_STATUSES, { minLength: 1 }),
      calendar: fc.constantFrom(...calendars),
    },
    { requiredKeys: [] },
  );
  return fc
    .record({
      present: subset(METRICS, { minLength: 1 }),
      ack: fc.integer({ min: 5, max: 240 }),
      toFirst: fc.integer({ min: 0, max: 480 }),
      next: fc.integer({ min: 15, max: 960 }),
      periodic: fc.integer({ min: 15, max: 480 }),
      toResolution: fc.integer({ min: 0, max: 4320 }),
      long: fc.array(fc.tuple(fc.constantFrom(...METRICS), longForm), { maxLength: 2 }),
    })
    .map(({ present, ack, toFirst, next, periodic, toResolution, long }) => {
      const first = ack + toFirst;
      const minutes: Record<MetricName, number> = {
        acknowledge: ack,
        firstResponse: first,
        nextResponse: next,
        periodicUpdate: periodic,
        resolution: Math.max(first, next) + toResolution,
      };
      const details = new Map(long);
      const metrics: Partial<Record<MetricName, MetricTarget>> = {};
      for (const metric of present) {
        const target = duration(minutes[metric]);
        const detail = details.get(metric);
        metrics[metric] = detail === undefined ? target : { target, ...detail };
      }
      return metrics;
    });
}

function scheduleArbitrary(timezones: readonly string[]): fc.Arbitrary<ScheduleDefinition> {
  const layer = fc.record(
    {
      start: fc.constantFrom(
        '2026-01-05T09:00',
        '2025-12-29T00:00',
        '2026-03-08T02:30',
        '2026-03-01T12:00:00Z',
      ),
      turn: fc.constantFrom('8h', '12h', '1d', '1w'),
      members: subset(PEOPLE, { minLength: 1, maxLength: 3 }),
      restrictions: fc.constant({
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['22:00', '24:00']],
      }),
    },
    { requiredKeys: ['start', 'turn', 'members'] },
  );
  return fc
    .record({
      timezone: fc.constantFrom(...timezones),
      layers: fc.array(layer, { minLength: 1, maxLength: 2 }),
      overrides: optional(
        fc
          .subarray(PEOPLE, { minLength: 1, maxLength: 2 })
          .map((members) => [{ from: '2026-06-01T09:00', to: '2026-06-02T09:00', members }]),
      ),
    })
    .map((schedule) => defined(schedule) as ScheduleDefinition);
}

function build(shape: Shape, options: PolicyArbitraryOptions): fc.Arbitrary<PolicyDocument> {
  const zones = options.timezones ?? DST_TIME_ZONES;
  const maxRules = options.maxRules ?? 5;
  const severities = Array.from({ length: shape.severities }, (_, i) => `sev${String(i + 1)}`);
  const calendarIds = shape.calendars.map((_, i) => `cal-${String(i + 1)}`);
  const memberRoles = Array.from({ length: shape.memberRoles }, (_, i) => `team-${String(i + 1)}`);
  const scheduleRoles = Array.from({ length: shape.scheduleRoles }, (_, i) => `oncall-${String(i + 1)}`);
  const roleIds = [...memberRoles, ...scheduleRoles];
  const queueIds = Array.from({ length: shape.queues }, (_, i) => `queue-${String(i + 1)}`);
  const gateIds = Array.from({ length: shape.gates }, (_, i) => `gate-${String(i + 1)}`);
  const tiers = shape.tiers;

  const severity = fc.constantFrom(...severities);
  const severitySet = subset(severities, { minLength: 1 }).map(oneOrMore);
  const role = fc.constantFrom(...roleIds);
  const queue = fc.constantFrom(...queueIds);
  const ticketCondition = conditionArbitrary(severities, false);
  const decisionCondition = conditionArbitrary(severities, true);
  const reason = fc.constantFrom('the ticket matches', 'policy requirement', 'customer impact');

  const roles = fc
    .tuple(
      fc.array(subset(PEOPLE, { minLength: 1, maxLength: 3 }), {
        minLength: memberRoles.length,
        maxLength: memberRoles.length,
      }),
      fc.array(scheduleArbitrary(zones), {
        minLength: scheduleRoles.length,
        maxLength: scheduleRoles.length,
      }),
    )
    .map(([members, schedules]) => {
      const out: Record<string, RoleDefinition> = {};
      for (const [i, id] of memberRoles.entries()) out[id] = { members: members[i] ?? [PEOPLE[0] ?? ''] };
      const rotas: Record<string, ScheduleDefinition> = {};
      for (const [i, id] of scheduleRoles.entries()) {
        const schedule = schedules[i];
        if (schedule === undefined) continue;
        out[id] = { name: `On call ${String(i + 1)}`, schedule: `rota-${String(i + 1)}` };
        rotas[`rota-${String(i + 1)}`] = schedule;
      }
      return { roles: out, schedules: rotas };
    });

  const classification: fc.Arbitrary<ClassificationPolicy> = fc
    .record({
      rules: fc.array(
        fc.record(
          {
            when: ticketCondition,
            severity,
            reason,
            runbooks: fc.constant([{ title: 'Runbook', url: 'https://runbooks.example.com/triage' }]),
          },
          { requiredKeys: ['when', 'severity', 'reason'] },
        ),
        { maxLength: maxRules },
      ),
      matrix: optional(fc.array(severity, { minLength: 4, maxLength: 4 })),
      default: severity,
      overrides: optional(
        fc.record(
          { allowed: fc.boolean(), roles: subset(roleIds, { minLength: 1 }), requireReason: fc.boolean() },
          { requiredKeys: [] },
        ),
      ),
    })
    .map(({ rules, matrix, default: fallback, overrides }) =>
      defined({
        rules: withIds(rules, 'rule'),
        matrix:
          matrix === undefined
            ? undefined
            : {
                impact: {
                  levels: ['high', 'low'],
                  value: { if: [{ '>=': [{ var: 'ticket.impact.usersAffected' }, 100] }, 'high', 'low'] },
                },
                urgency: {
                  levels: ['urgent', 'normal'],
                  value: { if: [{ '==': [{ var: 'ticket.fields.urgency' }, 'high'] }, 'urgent', 'normal'] },
                },
                cells: [matrix.slice(0, 2), matrix.slice(2, 4)],
              },
        default: fallback,
        overrides,
      }),
    );

  const owner: fc.Arbitrary<OwnerAssignment> = fc
    .record({ primary: role, secondary: optional(role, 3) })
    .map((assignment) => defined(assignment));
  const queues: fc.Arbitrary<QueueDefinition[]> = fc
    .array(
      fc.record({
        serviceLine: fc.constantFrom('support', 'payments', 'identity', 'platform'),
        when: optional(ticketCondition, 4),
        star: optional(owner, 6),
        bySeverity: fc.array(fc.tuple(severity, owner), { maxLength: 2 }),
      }),
      { minLength: queueIds.length, maxLength: queueIds.length },
    )
    .map((list) =>
      list.map(({ serviceLine, when, star, bySeverity }, i) => {
        const owners: Record<string, OwnerAssignment> = {};
        for (const [id, assignment] of bySeverity) owners[id] = assignment;
        if (star !== undefined) owners['*'] = star;
        return defined({ id: queueIds[i] ?? 'queue-1', serviceLine, when, owners });
      }),
    );

  const tierSet =
    tiers.length > 0 ? optional(subset(tiers, { minLength: 1 }).map(oneOrMore)) : fc.constant(undefined);
  const sla: fc.Arbitrary<SlaPolicy> = fc
    .record({
      pauseOn: fc.oneof(
        fc.constant(undefined),
        subset(PAUSE_STATUSES, { minLength: 1 }),
        subset(PAUSE_STATUSES, { minLength: 1 }).map((list) => ({ default: list, acknowledge: [] })),
      ),
      resolvedOn: optional(fc.constantFrom(...RESOLVED_ON)),
      responders: optional(
        fc.record(
          { internalNotes: fc.boolean(), exclude: fc.constant(['bot@example.com']) },
          { requiredKeys: [] },
        ),
      ),
      warnAt: optional(subset(['50%', '75%', '90%', '30m before', '10m before'], { minLength: 1 })),
      targets: fc.array(
        fc.record({
          severity: optional(severitySet),
          tier: tierSet,
          queue: rare(subset(queueIds, { minLength: 1, maxLength: 2 }).map(oneOrMore)),
          calendar: fc.constantFrom(...calendarIds),
          metrics: metricsArbitrary(calendarIds),
          warnAt: rare(fc.constantFrom(['75%'], ['50%', '5m before'])),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ targets, ...rest }) => defined({ ...rest, targets: withIds(targets, 'target') }));

  const roleOrOwner = [...roleIds, 'owner', 'secondary'];
  const actionChoices: fc.Arbitrary<EscalationAction>[] = [
    fc
      .record({
        to: subset(roleOrOwner, { minLength: 1, maxLength: 3 }),
        template: optional(fc.constantFrom('notice', 'internal-update')),
      })
      .map(({ to, template }) => defined({ kind: 'notify' as const, to, template })),
    fc.constantFrom(...roleOrOwner).map((r) => ({ kind: 'page' as const, role: r })),
    fc.constantFrom(...roleIds, 'secondary').map((to) => ({ kind: 'transferOwnership' as const, to })),
    queue.map((q) => ({ kind: 'escalateTo' as const, queue: q })),
    fc
      .constantFrom(...AUDIENCES)
      .map((audience) => ({ kind: 'sendUpdate' as const, audience, template: TEMPLATE_OF[audience] })),
  ];
  if (gateIds.length > 0)
    actionChoices.push(
      fc.constantFrom(...gateIds).map((gate) => ({ kind: 'requestApproval' as const, gate })),
    );
  const trigger: fc.Arbitrary<EscalationTrigger> = fc.oneof(
    fc.record({
      clock: fc.constantFrom(...METRICS),
      at: fc.constantFrom('50%', '75%', '100%', 'breach', 'breach+30m', '30m before'),
    }),
    fc.constantFrom('5m', '10m', '30m').map((d) => ({ unacknowledgedFor: d })),
    severitySet.map((s) => ({ severityBecomes: s })),
    fc.constant({ reopened: true as const }),
    fc
      .constantFrom('created', 'escalationRequested', 'statusChanged', 'replied', 'commented')
      .map((event) => ({ event })),
  );
  const escalationRules: fc.Arbitrary<EscalationRule[]> = fc
    .array(
      fc.record({
        when: optional(decisionCondition),
        on: trigger,
        actions: fc.array(fc.oneof(...actionChoices), { minLength: 1, maxLength: 3 }),
        repeat: optional(
          fc
            .record({
              every: fc.constantFrom('5m', '15m', '1h'),
              times: fc.integer({ min: 1, max: 3 }),
              while: optional(fc.constantFrom('unacknowledged' as const, 'unresolved' as const)),
            })
            .map((repeat) => defined(repeat)),
        ),
        reason: optional(reason, 3),
      }),
      { maxLength: maxRules },
    )
    .map((rules) => withIds(rules, 'escalate'));
  const initiation: fc.Arbitrary<InitiationRule[] | undefined> = optional(
    fc
      .array(
        fc.record({
          roles: subset(roleIds, { minLength: 1 }),
          after: optional(fc.constantFrom('30m', '2h')),
          tiers: tiers.length > 0 ? optional(subset(tiers, { minLength: 1 })) : fc.constant(undefined),
          to: optional(subset(queueIds, { minLength: 1 })),
          when: rare(decisionCondition),
          reason: optional(reason),
        }),
        { maxLength: 2 },
      )
      .map((rules) => withIds(rules, 'initiate')),
  );

  const gateTimeout = fc.oneof(
    fc.constant({}),
    fc.constant({ within: '30m' }),
    fc.constantFrom('approve' as const, 'reject' as const).map((onTimeout) => ({ within: '2h', onTimeout })),
    role.map((escalateToRole) => ({ within: '1h', onTimeout: 'escalate' as const, escalateToRole })),
  );
  const gates: fc.Arbitrary<ApprovalGate[]> = fc
    .array(
      fc.record({
        trigger: fc.oneof(
          decisionCondition.map((when) => ({ when })),
          fc
            .record({
              on: fc.constantFrom('severityUpgrade' as const, 'severityDowngrade' as const),
              from: optional(severitySet),
              to: optional(severitySet),
            })
            .map((on) => defined(on)),
        ),
        approvers: subset(roleIds, { minLength: 1, maxLength: 2 }),
        quorum: optional(fc.constantFrom<number | string>('any', 'all', 1, 2, '50%')),
        timeout: gateTimeout,
        blocks: optional(subset(ACTION_KINDS, { minLength: 1, maxLength: 2 })),
        reason: optional(reason),
      }),
      { minLength: gateIds.length, maxLength: gateIds.length },
    )
    .map((list) =>
      list.map(({ trigger: on, timeout, ...rest }, i) =>
        defined({ id: gateIds[i] ?? 'gate-1', ...on, ...rest, ...timeout }),
      ),
    );

  const cadence: fc.Arbitrary<CadenceRule[]> = fc
    .tuple(
      ...AUDIENCES.map((audience) =>
        optional(
          fc
            .record({
              severity: severitySet,
              every: fc.constantFrom('30m', '1h', '4h'),
              calendar: optional(fc.constantFrom(...calendarIds)),
            })
            .map(({ severity: s, every, calendar }) =>
              defined({
                id: `cadence-${audience}`,
                severity: s,
                audience,
                every,
                template: TEMPLATE_OF[audience],
                calendar,
              }),
            ),
        ),
      ),
    )
    .map((list) => list.filter((item) => item !== undefined));

  return fc
    .record({
      version: fc.constantFrom('1', '2026.1.0'),
      roles,
      classification,
      queues,
      routingDefault: queue,
      sla,
      escalationRules,
      initiation,
      gates,
      cadence,
      requiredFields: optional(
        fc.array(
          fc.record({
            severity: fc.oneof(severitySet, fc.constant('*')),
            fields: subset(REQUIRED_PATHS, { minLength: 1 }).map((paths) => paths.map((path) => ({ path }))),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      ),
      redaction: optional(
        fc.record(
          {
            fields: fc.constant(['customer.id']),
            patterns: subset(['email', 'phone', 'cardNumber', 'secret'] as const, { minLength: 1 }),
            mask: fc.constant('***'),
          },
          { requiredKeys: [] },
        ),
      ),
      governance: optional(
        fc.constantFrom('90d', '12w', '6mo', '1y').map((every) => ({
          owner: 'support-operations',
          reviewedAt: '2026-01-15',
          reviewEvery: every,
        })),
      ),
      fallback: fc
        .record({ severity, queue, notify: optional(subset(roleIds, { minLength: 1 }), 3) })
        .map((fallback) => defined(fallback)),
      problems: optional(
        fc.record(
          {
            window: fc.constantFrom('15m', '30m', '1h'),
            relations: subset(['related', 'service', 'keywords'] as const, { minLength: 1 }),
            rules: fc
              .array(
                fc.record(
                  {
                    threshold: fc.oneof(
                      fc.record({
                        tickets: fc.integer({ min: 2, max: 5 }),
                        within: fc.constantFrom('30m', '2h'),
                        by: fc.constant('service' as const),
                      }),
                      fc.record(
                        {
                          tickets: fc.integer({ min: 2, max: 5 }),
                          within: fc.constantFrom('30m', '2h'),
                          services: fc.integer({ min: 1, max: 2 }),
                        },
                        { requiredKeys: ['tickets'] },
                      ),
                    ),
                    severity,
                    actions: fc.array(
                      fc.oneof(
                        subset(roleOrOwner, { minLength: 1, maxLength: 2 }).map((to) => ({
                          kind: 'notify' as const,
                          to,
                        })),
                        fc.constantFrom(...roleOrOwner).map((role) => ({ kind: 'page' as const, role })),
                      ),
                      { minLength: 1, maxLength: 2 },
                    ),
                    ignore: fc.constant(['trigger_never_fires']),
                  },
                  { requiredKeys: ['threshold', 'severity'] },
                ),
                { minLength: 1, maxLength: 2 },
              )
              .map((rules) => withIds(rules, 'problem')),
          },
          { requiredKeys: ['rules'] },
        ),
      ),
    })
    .map((parts): PolicyDocument => {
      const calendars: Record<string, CalendarDefinition> = {};
      for (const [i, id] of calendarIds.entries()) {
        const def = shape.calendars[i];
        if (def !== undefined) calendars[id] = def;
      }
      const hasSchedules = Object.keys(parts.roles.schedules).length > 0;
      return defined({
        id: 'generated-policy',
        version: parts.version,
        calendars,
        severities: severities.map((id, i) => ({
          id,
          name: SEVERITY_NAMES[i] ?? id,
          definition: `Severity level ${String(i + 1)}.`,
        })),
        tiers: tiers.length > 0 ? tiers.map((id) => ({ id })) : undefined,
        classification: parts.classification,
        routing: { queues: parts.queues, default: parts.routingDefault },
        roles: parts.roles.roles,
        schedules: hasSchedules ? parts.roles.schedules : undefined,
        sla: parts.sla,
        escalation: defined({ rules: parts.escalationRules, initiation: parts.initiation }),
        approvals: parts.gates.length > 0 ? { gates: parts.gates } : undefined,
        communication: { templates: TEMPLATES, cadence: parts.cadence },
        requiredFields:
          parts.requiredFields === undefined ? undefined : withIds(parts.requiredFields, 'required'),
        redaction: parts.redaction,
        governance: parts.governance,
        fallback: parts.fallback,
        problems: parts.problems,
      });
    });
}

/**
 * Generates valid policy documents of varied shape: one to three calendars (from
 * {@link calendarDefinitionArbitrary}: split and night shifts, holidays, DST zones), one to
 * five severities, optional tiers, fixed-member and on-call roles (schedules with layers,
 * restrictions and overrides), classification rules with simple conditions, an optional
 * impact × urgency matrix and override rules, queues with owners per severity, SLA targets
 * with metrics in order (some in the long form), pauses and warnings, escalation rules with
 * every trigger and action kind and ladders, initiation rules, approval gates (conditions or
 * severity changes, quorums, deadlines and timeouts, blocks), templates, cadences, required
 * fields, redaction, governance, fallback and problems. Every document compiles with
 * `compilePolicy` (warnings, such as a calendar that never opens, may occur).
 *
 * @param options - Zones and how many rules.
 * @returns A fast-check arbitrary of policy documents.
 * @example
 * ```ts
 * fc.assert(fc.property(policyArbitrary(), (doc) => {
 *   const policy = compilePolicy(doc); // never throws
 *   lintPolicy(policy);
 * }));
 * ```
 */
export function policyArbitrary(options: PolicyArbitraryOptions = {}): fc.Arbitrary<PolicyDocument> {
  const maxRules = options.maxRules ?? 5;
  if (!Number.isInteger(maxRules) || maxRules < 1)
    throw new RangeError('policyArbitrary: `maxRules` must be a whole number from 1');
  const timezones = options.timezones ?? DST_TIME_ZONES;
  if (timezones.length === 0) throw new RangeError('policyArbitrary: `timezones` must not be empty');
  return fc
    .record({
      severities: fc.integer({ min: 1, max: 5 }),
      tiers: subset(TIERS),
      calendars: fc.array(calendarDefinitionArbitrary({ timezones }), { minLength: 1, maxLength: 3 }),
      memberRoles: fc.integer({ min: 1, max: 4 }),
      scheduleRoles: fc.integer({ min: 0, max: 2 }),
      queues: fc.integer({ min: 1, max: maxRules }),
      gates: fc.integer({ min: 0, max: 3 }),
    })
    .chain((shape) => build(shape, { timezones, maxRules }));
}
