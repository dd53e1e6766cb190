import * as z from 'zod/mini';
import { calendarDefinitionSchema, weeklyHoursSchema } from '../calendar/index.js';
import type { PolicyDocument } from './policy-document.js';

// Shape only: values (ids, durations, references, formats) are checked by the semantic pass,
// which gives better messages than a schema can.
const id = z.string();
const text = z.string();
const ids = z.array(z.string());
const oneOrMore = z.union([z.string(), z.array(z.string())]);
const ignore = z.optional(z.array(z.string()));
const condition = z.unknown();
const runbooks = z.optional(z.array(z.strictObject({ title: text, url: text })));
const audience = z.enum(['customer', 'internal', 'executive']);
const actionKind = z.enum([
  'notify',
  'page',
  'transferOwnership',
  'escalateTo',
  'requestApproval',
  'sendUpdate',
]);
const metricName = z.enum(['acknowledge', 'firstResponse', 'nextResponse', 'periodicUpdate', 'resolution']);

const metricTarget = z.union(
  [
    z.string(),
    z.strictObject({
      target: z.string(),
      calendar: z.optional(id),
      pauseOn: z.optional(ids),
      warnAt: z.optional(ids),
    }),
  ],
  { error: 'expected a duration such as `4h`, or `{ target, calendar?, pauseOn?, warnAt? }`' },
);

const action = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('notify'), to: ids, template: z.optional(id) }),
    z.strictObject({ kind: z.literal('page'), role: id }),
    z.strictObject({ kind: z.literal('transferOwnership'), to: id }),
    z.strictObject({ kind: z.literal('escalateTo'), queue: id }),
    z.strictObject({ kind: z.literal('requestApproval'), gate: id }),
    z.strictObject({ kind: z.literal('sendUpdate'), audience, template: id }),
  ],
  {
    error:
      'expected an action whose `kind` is `notify`, `page`, `transferOwnership`, `escalateTo`, `requestApproval` or `sendUpdate`',
  },
);

const problemAction = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('notify'), to: ids }),
    z.strictObject({ kind: z.literal('page'), role: id }),
  ],
  { error: 'expected a problem action whose `kind` is `notify` or `page`' },
);

const trigger = z.union(
  [
    z.strictObject({ clock: metricName, at: z.string() }),
    z.strictObject({ unacknowledgedFor: z.string() }),
    z.strictObject({ severityBecomes: oneOrMore }),
    z.strictObject({ reopened: z.literal(true) }),
    z.strictObject({ event: z.string() }),
  ],
  {
    error:
      'expected a trigger: `{ clock, at }`, `{ unacknowledgedFor }`, `{ severityBecomes }`, `{ reopened: true }` or `{ event }`',
  },
);

const axis = z.strictObject({ levels: ids, value: condition });

const role = z.union(
  [
    z.strictObject({ name: z.optional(text), members: ids }),
    z.strictObject({ name: z.optional(text), schedule: id }),
  ],
  { error: 'expected a role with `members` (a list of people) or a `schedule` id' },
);

const schedule = z.strictObject({
  name: z.optional(text),
  timezone: z.string(),
  layers: z.array(
    z.strictObject({
      name: z.optional(text),
      start: z.string(),
      turn: z.string(),
      members: ids,
      restrictions: z.optional(weeklyHoursSchema),
    }),
  ),
  overrides: z.optional(z.array(z.strictObject({ from: z.string(), to: z.string(), members: ids }))),
});

const pauseOnPerMetric = z.strictObject({
  default: z.optional(ids),
  acknowledge: z.optional(ids),
  firstResponse: z.optional(ids),
  nextResponse: z.optional(ids),
  periodicUpdate: z.optional(ids),
  resolution: z.optional(ids),
});

const shape = z.strictObject({
  $schema: z.optional(z.string()),
  id,
  version: z.string(),
  description: z.optional(text),
  calendars: z.record(z.string(), calendarDefinitionSchema),
  severities: z.array(z.strictObject({ id, name: text, definition: text })),
  tiers: z.optional(z.array(z.strictObject({ id, name: z.optional(text) }))),
  classification: z.strictObject({
    rules: z.array(z.strictObject({ id, when: condition, severity: id, reason: text, runbooks, ignore })),
    matrix: z.optional(z.strictObject({ impact: axis, urgency: axis, cells: z.array(ids) })),
    default: id,
    overrides: z.optional(
      z.strictObject({
        allowed: z.optional(z.boolean()),
        roles: z.optional(ids),
        requireReason: z.optional(z.boolean()),
      }),
    ),
  }),
  routing: z.strictObject({
    queues: z.array(
      z.strictObject({
        id,
        name: z.optional(text),
        serviceLine: z.string(),
        when: z.optional(condition),
        owners: z.record(z.string(), z.strictObject({ primary: id, secondary: z.optional(id) })),
        runbooks,
        ignore,
      }),
    ),
    default: id,
  }),
  roles: z.record(z.string(), role),
  schedules: z.optional(z.record(z.string(), schedule)),
  sla: z.strictObject({
    pauseOn: z.optional(
      z.union([ids, pauseOnPerMetric], {
        error: 'expected a list of statuses, or lists per metric (`default`, `acknowledge`, … `resolution`)',
      }),
    ),
    resolvedOn: z.optional(ids),
    responders: z.optional(
      z.strictObject({ internalNotes: z.optional(z.boolean()), exclude: z.optional(ids) }),
    ),
    warnAt: z.optional(ids),
    targets: z.array(
      z.strictObject({
        id,
        severity: z.optional(oneOrMore),
        tier: z.optional(oneOrMore),
        queue: z.optional(oneOrMore),
        calendar: id,
        metrics: z.strictObject({
          acknowledge: z.optional(metricTarget),
          firstResponse: z.optional(metricTarget),
          nextResponse: z.optional(metricTarget),
          periodicUpdate: z.optional(metricTarget),
          resolution: z.optional(metricTarget),
        }),
        warnAt: z.optional(ids),
        ignore,
      }),
    ),
  }),
  escalation: z.optional(
    z.strictObject({
      rules: z.array(
        z.strictObject({
          id,
          when: z.optional(condition),
          on: trigger,
          actions: z.array(action),
          repeat: z.optional(
            z.strictObject({
              every: z.string(),
              times: z.number(),
              while: z.optional(z.enum(['unacknowledged', 'unresolved'])),
            }),
          ),
          reason: z.optional(text),
          ignore,
        }),
      ),
      initiation: z.optional(
        z.array(
          z.strictObject({
            id,
            roles: ids,
            when: z.optional(condition),
            after: z.optional(z.string()),
            tiers: z.optional(ids),
            to: z.optional(ids),
            reason: z.optional(text),
          }),
        ),
      ),
    }),
  ),
  approvals: z.optional(
    z.strictObject({
      gates: z.array(
        z.strictObject({
          id,
          name: z.optional(text),
          when: z.optional(condition),
          on: z.optional(z.enum(['severityUpgrade', 'severityDowngrade'])),
          from: z.optional(oneOrMore),
          to: z.optional(oneOrMore),
          approvers: ids,
          quorum: z.optional(z.union([z.number(), z.string()])),
          within: z.optional(z.string()),
          onTimeout: z.optional(z.enum(['escalate', 'approve', 'reject'])),
          escalateToRole: z.optional(id),
          blocks: z.optional(z.array(actionKind)),
          reason: z.optional(text),
          ignore,
        }),
      ),
    }),
  ),
  communication: z.optional(
    z.strictObject({
      templates: z.optional(
        z.record(
          z.string(),
          z.strictObject({ audience: z.optional(audience), subject: z.optional(text), body: text }),
        ),
      ),
      cadence: z.optional(
        z.array(
          z.strictObject({
            id,
            severity: oneOrMore,
            audience,
            every: z.string(),
            template: id,
            calendar: z.optional(id),
          }),
        ),
      ),
    }),
  ),
  requiredFields: z.optional(
    z.array(
      z.strictObject({
        id,
        severity: oneOrMore,
        fields: z.array(z.strictObject({ path: z.string(), label: z.optional(text) })),
      }),
    ),
  ),
  redaction: z.optional(
    z.strictObject({
      fields: z.optional(ids),
      patterns: z.optional(z.array(z.enum(['email', 'phone', 'cardNumber', 'secret']))),
      mask: z.optional(z.string()),
    }),
  ),
  governance: z.optional(z.strictObject({ owner: text, reviewedAt: z.string(), reviewEvery: z.string() })),
  fallback: z.strictObject({ severity: id, queue: id, notify: z.optional(ids) }),
  problems: z.optional(
    z.strictObject({
      window: z.optional(z.string()),
      relations: z.optional(z.array(z.enum(['related', 'service', 'keywords']))),
      keywords: z.optional(
        z.strictObject({
          minShared: z.optional(z.number()),
          minLength: z.optional(z.number()),
          maxShare: z.optional(z.string()),
          stopWords: z.optional(ids),
        }),
      ),
      rules: z.array(
        z.strictObject({
          id,
          when: z.optional(condition),
          threshold: z.strictObject({
            tickets: z.number(),
            within: z.optional(z.string()),
            by: z.optional(z.enum(['group', 'service'])),
            services: z.optional(z.number()),
          }),
          severity: id,
          actions: z.optional(z.array(problemAction)),
          reason: z.optional(text),
          ignore,
        }),
      ),
    }),
  ),
});

type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
// The usual exact type equality: two generic functions are identical only when A and B are.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the trick needs the unused G
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/**
 * The type test that pins the schema to the hand-written {@link PolicyDocument}: the
 * parameter list is `[]` only when both describe exactly the same documents, so `tsc`
 * fails here the moment one changes without the other.
 */
function pinned<S extends z.ZodMiniType>(
  schema: S,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a type-level check, never passed
  ..._sameShape: Equal<DeepReadonly<z.output<S>>, PolicyDocument> extends true
    ? []
    : ['the zod schema and PolicyDocument differ']
): z.ZodMiniType<PolicyDocument> {
  return schema as unknown as z.ZodMiniType<PolicyDocument>;
}

/**
 * The zod schema of a policy document: shape only; ids, references, durations and
 * other values are checked by the semantic pass of `compilePolicy`.
 *
 * @internal
 */
export const policySchema: z.ZodMiniType<PolicyDocument> = pinned(shape);
