import type { Calendar, ZoneReader } from '../calendar/index.js';
import type { Condition, ConditionScope } from '../conditions/index.js';
import type { ClockPoint, Period, QuorumRule, ScheduleTime, TurnLength } from './formats.js';
import type {
  ActionKind,
  Audience,
  CorrelationRelation,
  EscalationAction,
  MetricName,
  OwnerAssignment,
  ProblemRuleAction,
  RedactionPattern,
  Runbook,
} from './policy-document.js';

// The compiled form of a policy: everything `evaluate` needs, precomputed and checked.
// Internal: its shape may change with every release; the public face is `Policy`.

/** A classification rule with its condition compiled. */
export interface ModelClassificationRule {
  readonly id: string;
  readonly index: number;
  readonly condition: Condition;
  readonly severity: string;
  readonly reason: string;
  readonly runbooks: readonly Runbook[];
}

/** The impact × urgency matrix with its axis expressions compiled. */
export interface ModelMatrix {
  readonly impact: Condition;
  readonly urgency: Condition;
  readonly impactLevels: ReadonlyMap<string, number>;
  readonly urgencyLevels: ReadonlyMap<string, number>;
  readonly cells: readonly (readonly string[])[];
}

/** A queue with its condition compiled (`undefined` = takes every ticket). */
export interface ModelQueue {
  readonly id: string;
  readonly index: number;
  readonly serviceLine: string;
  readonly condition: Condition | undefined;
  readonly owners: ReadonlyMap<string, OwnerAssignment>;
  readonly runbooks: readonly Runbook[];
}

/** One layer of an on-call schedule. */
export interface ModelLayer {
  readonly start: ScheduleTime;
  /** The start as an instant. */
  readonly startMs: number;
  readonly turn: TurnLength;
  readonly members: readonly string[];
  /** The weekly windows as a calendar in the schedule's zone; `undefined` = always. */
  readonly restrictions: Calendar | undefined;
}

/**
 * Spans of a schedule in which the people on call and the next handoff are known: disjoint,
 * sorted by `from` (parallel arrays, at most 1,024 spans: a year of 12-hour turns).
 */
export interface ShiftMemo {
  readonly from: number[];
  readonly to: number[];
  readonly members: (readonly string[])[];
  readonly next: (number | undefined)[];
}

/** An on-call schedule. */
export interface ModelSchedule {
  readonly id: string;
  readonly timezone: string;
  /** The zone's offsets, for local turn and override times. */
  readonly zone: ZoneReader;
  /**
   * On-call answers already computed, with the span `[from, to)` in which each holds and the
   * next handoff: a cache inside the compiled policy (hosts evaluate many tickets at about the
   * same instant; replays and metrics, at instants spread over months).
   */
  readonly memo: ShiftMemo;
  readonly layers: readonly ModelLayer[];
  readonly overrides: readonly {
    readonly from: ScheduleTime;
    readonly to: ScheduleTime;
    readonly fromMs: number;
    readonly toMs: number;
    readonly members: readonly string[];
  }[];
}

/** A role: fixed members or a schedule id. */
export type ModelRole =
  | { readonly kind: 'members'; readonly members: readonly string[] }
  | { readonly kind: 'schedule'; readonly schedule: string };

/** One metric of an SLA target, with durations in milliseconds. */
export interface ModelMetric {
  readonly metric: MetricName;
  readonly targetMs: number;
  readonly calendarId: string;
  readonly calendar: Calendar;
  readonly pauseOn: ReadonlySet<string>;
  readonly warnAt: readonly ClockPoint[];
  /** The warning points as written (`"75%"`), in the order of `warnAt`. */
  readonly warnLabels: readonly string[];
}

/** An SLA target entry. */
export interface ModelTarget {
  readonly id: string;
  readonly index: number;
  /** `undefined` = any. */
  readonly severities: ReadonlySet<string> | undefined;
  readonly tiers: ReadonlySet<string> | undefined;
  readonly queues: ReadonlySet<string> | undefined;
  readonly metrics: readonly ModelMetric[];
}

/** An escalation trigger, parsed. */
export type ModelTrigger =
  | { readonly kind: 'clock'; readonly metric: MetricName; readonly at: ClockPoint }
  | { readonly kind: 'unacknowledged'; readonly ms: number }
  | { readonly kind: 'severity'; readonly severities: ReadonlySet<string> }
  | { readonly kind: 'reopened' }
  | { readonly kind: 'event'; readonly type: string };

/** An escalation rule. */
export interface ModelEscalationRule {
  readonly id: string;
  readonly index: number;
  readonly condition: Condition | undefined;
  readonly trigger: ModelTrigger;
  readonly actions: readonly EscalationAction[];
  readonly repeat:
    | { readonly everyMs: number; readonly times: number; readonly while: 'unacknowledged' | 'unresolved' }
    | undefined;
  readonly reason: string | undefined;
}

/** Who may request a manual escalation. */
export interface ModelInitiation {
  readonly id: string;
  readonly roles: ReadonlySet<string>;
  readonly condition: Condition | undefined;
  readonly afterMs: number;
  readonly tiers: ReadonlySet<string> | undefined;
  readonly to: ReadonlySet<string> | undefined;
  readonly reason: string | undefined;
}

/** An approval gate. */
export interface ModelGate {
  readonly id: string;
  readonly index: number;
  readonly condition: Condition | undefined;
  readonly on: 'severityUpgrade' | 'severityDowngrade' | undefined;
  readonly from: ReadonlySet<string> | undefined;
  readonly to: ReadonlySet<string> | undefined;
  readonly approvers: readonly string[];
  readonly quorum: QuorumRule;
  readonly withinMs: number | undefined;
  readonly onTimeout: 'escalate' | 'approve' | 'reject' | undefined;
  readonly escalateToRole: string | undefined;
  readonly blocks: ReadonlySet<ActionKind>;
  readonly reason: string | undefined;
}

/** A communication cadence. */
export interface ModelCadence {
  readonly id: string;
  readonly severities: ReadonlySet<string>;
  readonly audience: Audience;
  readonly everyMs: number;
  readonly template: string;
  readonly calendar: Calendar | undefined;
}

/** A template split into literal text and placeholder paths. */
export interface ModelTemplate {
  readonly subject: string | undefined;
  readonly body: string;
  readonly audience: Audience | undefined;
  readonly placeholders: readonly (readonly string[])[];
  /** The subject and body cut into text (strings) and placeholder paths, in order. */
  readonly subjectParts: TemplateParts | undefined;
  readonly bodyParts: TemplateParts;
}

/** A template cut into literal text (strings) and placeholder paths (key lists), in order. */
export type TemplateParts = readonly (string | readonly string[])[];

/** Everything `evaluate` and the analysis functions need. */
export interface PolicyModel {
  /** The scope all conditions share: call `begin(data)` once per evaluation. */
  readonly scope: ConditionScope;
  readonly calendars: ReadonlyMap<string, Calendar>;
  /** Severity ids, most severe first, with their rank (0 = most severe). */
  readonly severityRank: ReadonlyMap<string, number>;
  /** Severity names and definitions, by id (for templates). */
  readonly severities: ReadonlyMap<string, { readonly name: string; readonly definition: string }>;
  readonly tiers: ReadonlySet<string> | undefined;
  readonly classification: {
    readonly rules: readonly ModelClassificationRule[];
    readonly matrix: ModelMatrix | undefined;
    readonly default: string;
    readonly overrides: {
      readonly allowed: boolean;
      readonly roles: ReadonlySet<string> | undefined;
      readonly requireReason: boolean;
    };
  };
  /** Queues in order, and the default and fallback queues themselves. */
  readonly routing: {
    readonly queues: readonly ModelQueue[];
    readonly default: ModelQueue;
    readonly fallback: ModelQueue;
  };
  readonly roles: ReadonlyMap<string, ModelRole>;
  readonly schedules: ReadonlyMap<string, ModelSchedule>;
  readonly sla: {
    readonly resolvedOn: ReadonlySet<string>;
    readonly responders: { readonly internalNotes: boolean; readonly exclude: ReadonlySet<string> };
    readonly targets: readonly ModelTarget[];
  };
  readonly escalation: {
    readonly rules: readonly ModelEscalationRule[];
    readonly initiation: readonly ModelInitiation[];
  };
  readonly gates: readonly ModelGate[];
  readonly templates: ReadonlyMap<string, ModelTemplate>;
  readonly cadence: readonly ModelCadence[];
  readonly requiredFields: readonly {
    readonly id: string;
    readonly severities: ReadonlySet<string>;
    readonly fields: readonly { readonly path: readonly string[]; readonly label: string }[];
  }[];
  readonly redaction: {
    readonly fields: readonly (readonly string[])[];
    readonly patterns: ReadonlySet<RedactionPattern>;
    readonly mask: string;
    /**
     * The redactors, made by the engine on first use (so that compiling and linting do not
     * carry the scanners), and policy texts (rule reasons, template text) with the patterns
     * masked: caches inside the compiled policy, bounded by the policy's own texts.
     */
    readonly cache: {
      redact?: (text: string, values?: readonly string[]) => string;
      readonly memo: Map<string, string>;
    };
  };
  readonly governance:
    { readonly owner: string; readonly reviewedAtDays: number; readonly every: Period } | undefined;
  readonly fallback: {
    readonly severity: string;
    readonly queue: string;
    readonly notify: readonly string[];
  };
  readonly problems: ModelProblems;
}

/** A problem rule, with its threshold read. */
export interface ModelProblemRule {
  readonly id: string;
  readonly index: number;
  readonly condition: Condition | undefined;
  readonly tickets: number;
  /** `undefined` = the whole group. */
  readonly withinMs: number | undefined;
  readonly by: 'group' | 'service';
  readonly services: number;
  readonly severity: string;
  readonly actions: readonly ProblemRuleAction[];
  readonly reason: string | undefined;
}

/** How `correlate` groups tickets, and the problem rules (defaults applied). */
export interface ModelProblems {
  readonly windowMs: number;
  readonly relations: ReadonlySet<CorrelationRelation>;
  readonly keywords: {
    readonly minShared: number;
    readonly minLength: number;
    /** The share (0–1] of the tickets above which a word is too common. */
    readonly maxShare: number;
    /** Lower-case words. */
    readonly stopWords: ReadonlySet<string>;
  };
  readonly rules: readonly ModelProblemRule[];
}
