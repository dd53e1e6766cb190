import type { TicketMeasure } from '../engine/index.js';
import type { Issue } from '../errors/index.js';
import { assertNever } from '../internal/index.js';
import type { MetricName } from '../policy/index.js';
import {
  addValue,
  createDistribution,
  distributionFromJson,
  distributionToJson,
  mergeInto,
  type Distribution,
} from './distribution.js';
import type { GroupAggregate, SlaAggregate } from './types.js';

// The counters of one group while tickets are added (mutable, internal), and their plain JSON
// form. Lists are aligned with the aggregate's `metrics`, `rules` and `gates`.

/** The lists a group's counters are aligned with, and the on-time grace. */
export interface Layout {
  readonly metrics: readonly MetricName[];
  readonly metricIndex: ReadonlyMap<MetricName, number>;
  readonly rules: readonly string[];
  readonly ruleIndex: ReadonlyMap<string, number>;
  readonly gates: readonly string[];
  readonly gateIndex: ReadonlyMap<string, number>;
  readonly onTimeGraceMs: number;
}

interface SlaState {
  tickets: number;
  met: number;
  stopped: number;
  breached: number;
  running: number;
  paused: number;
  business: Distribution;
  wall: Distribution;
}

/** One group being accumulated. */
export interface GroupState {
  readonly key: readonly (string | null)[];
  tickets: number;
  degraded: number;
  readonly issues: Map<string, number>;
  readonly sla: SlaState[];
  escalated: number;
  readonly delay: Distribution;
  /** Per rule: tickets, actions, performed, on time. */
  readonly byRule: [number, number, number, number][];
  /** Resolved, reopened, reopens. */
  readonly reopens: [number, number, number];
  /** Per gate: pending, granted, rejected, expired. */
  readonly approvals: [number, number, number, number][];
}

const GATE_STATUS = { pending: 0, granted: 1, rejected: 2, expired: 3 } as const;

function createSla(): SlaState {
  return {
    tickets: 0,
    met: 0,
    stopped: 0,
    breached: 0,
    running: 0,
    paused: 0,
    business: createDistribution(),
    wall: createDistribution(),
  };
}

/**
 * An empty group.
 *
 * @internal
 */
export function createGroup(layout: Layout, key: readonly (string | null)[]): GroupState {
  return {
    key,
    tickets: 0,
    degraded: 0,
    issues: new Map(),
    sla: layout.metrics.map(createSla),
    escalated: 0,
    delay: createDistribution(),
    byRule: layout.rules.map(() => [0, 0, 0, 0]),
    reopens: [0, 0, 0],
    approvals: layout.gates.map(() => [0, 0, 0, 0]),
  };
}

/**
 * Which escalation rules the ticket being added has already counted (so that a rule counts a
 * ticket once): `marks[rule]` is the `ticket` number that last counted it. One per accumulator.
 *
 * @internal
 */
export interface RuleMarks {
  readonly marks: Float64Array;
  /** A number of its own for each ticket added. */
  ticket: number;
}

/**
 * Rule marks for a layout.
 *
 * @internal
 */
export function createRuleMarks(layout: Layout): RuleMarks {
  // -1: no ticket yet (ticket numbers start at 0).
  return { marks: new Float64Array(layout.rules.length).fill(-1), ticket: -1 };
}

/**
 * Adds one measured ticket to a group.
 *
 * @internal
 */
export function addMeasure(layout: Layout, group: GroupState, m: TicketMeasure, rules: RuleMarks): void {
  group.tickets++;
  if (m.status === 'degraded') group.degraded++;
  const issues = m.issues;
  if (issues.length > 0) {
    // Each code once per ticket. A few issues (the usual case) are compared with each other.
    const codes = issues.length <= 8 ? undefined : new Set<string>();
    for (let i = 0; i < issues.length; i++) {
      const code = (issues[i] as Issue).code;
      if (codes === undefined) {
        let seen = false;
        for (let j = 0; j < i && !seen; j++) seen = (issues[j] as Issue).code === code;
        if (seen) continue;
      } else if (codes.has(code)) continue;
      else codes.add(code);
      group.issues.set(code, (group.issues.get(code) ?? 0) + 1);
    }
  }

  for (const clock of m.clocks) {
    const sla = group.sla[layout.metricIndex.get(clock.metric) ?? -1];
    if (sla === undefined) continue;
    sla.tickets++;
    switch (clock.state) {
      case 'met':
        sla.met++;
        break;
      case 'stopped':
        sla.stopped++;
        break;
      case 'breached':
        sla.breached++;
        break;
      case 'running':
        sla.running++;
        break;
      case 'paused':
        sla.paused++;
        break;
      default:
        assertNever(clock.state);
    }
    if (clock.completed && clock.stoppedAt !== undefined) {
      addValue(sla.business, clock.elapsedMs);
      addValue(sla.wall, clock.stoppedAt - clock.startedAt);
    }
  }

  const actions = m.actions;
  if (actions.length > 0) {
    group.escalated++;
    const ticket = ++rules.ticket;
    // Actions of one rule come one after the other: its index is looked up once for them.
    let ruleId: string | undefined;
    let index: number | undefined;
    for (const action of actions) {
      if (action.ruleId !== ruleId) {
        ruleId = action.ruleId;
        index = layout.ruleIndex.get(ruleId);
      }
      const counts = index === undefined ? undefined : group.byRule[index];
      if (index === undefined || counts === undefined) continue;
      if (rules.marks[index] !== ticket) {
        rules.marks[index] = ticket;
        counts[0]++;
      }
      counts[1]++;
      const performedAt = action.performedAt;
      if (performedAt === undefined) continue;
      counts[2]++;
      const delay = performedAt - action.dueAt;
      if (delay <= layout.onTimeGraceMs) counts[3]++;
      addValue(group.delay, delay);
    }
  }

  if (m.resolves > 0) group.reopens[0]++;
  if (m.reopens > 0) group.reopens[1]++;
  group.reopens[2] += m.reopens;

  for (const approval of m.approvals) {
    const counts = group.approvals[layout.gateIndex.get(approval.gate) ?? -1];
    if (counts !== undefined) counts[GATE_STATUS[approval.status]]++;
  }
}

/**
 * Adds the counters of `from` into `into` (same layout).
 *
 * @internal
 */
export function mergeGroup(into: GroupState, from: GroupState): void {
  into.tickets += from.tickets;
  into.degraded += from.degraded;
  for (const [code, n] of from.issues) into.issues.set(code, (into.issues.get(code) ?? 0) + n);
  from.sla.forEach((sla, i) => {
    const target = into.sla[i] as SlaState;
    target.tickets += sla.tickets;
    target.met += sla.met;
    target.stopped += sla.stopped;
    target.breached += sla.breached;
    target.running += sla.running;
    target.paused += sla.paused;
    mergeInto(target.business, sla.business);
    mergeInto(target.wall, sla.wall);
  });
  into.escalated += from.escalated;
  mergeInto(into.delay, from.delay);
  from.byRule.forEach((counts, i) => {
    const target = into.byRule[i] as [number, number, number, number];
    for (let k = 0; k < 4; k++) target[k] = (target[k] as number) + (counts[k] as number);
  });
  for (let k = 0; k < 3; k++) into.reopens[k] = (into.reopens[k] as number) + (from.reopens[k] as number);
  from.approvals.forEach((counts, i) => {
    const target = into.approvals[i] as [number, number, number, number];
    for (let k = 0; k < 4; k++) target[k] = (target[k] as number) + (counts[k] as number);
  });
}

/**
 * The plain JSON form of a group (issue codes sorted, distributions canonical).
 *
 * @internal
 */
export function groupToJson(group: GroupState): GroupAggregate {
  const issues: Record<string, number> = {};
  for (const code of [...group.issues.keys()].sort()) issues[code] = group.issues.get(code) as number;
  return {
    key: [...group.key],
    tickets: group.tickets,
    degraded: group.degraded,
    issues,
    sla: group.sla.map((sla): SlaAggregate => ({
      tickets: sla.tickets,
      met: sla.met,
      stopped: sla.stopped,
      breached: sla.breached,
      running: sla.running,
      paused: sla.paused,
      businessMs: distributionToJson(sla.business),
      wallMs: distributionToJson(sla.wall),
    })),
    escalations: {
      tickets: group.escalated,
      delayMs: distributionToJson(group.delay),
      byRule: group.byRule.map((counts) => [...counts] as const),
    },
    reopens: [...group.reopens],
    approvals: group.approvals.map((counts) => [...counts] as const),
  };
}

/**
 * The internal form of a plain JSON group.
 *
 * @internal
 */
export function groupFromJson(json: GroupAggregate, fn: string): GroupState {
  return {
    key: [...json.key],
    tickets: json.tickets,
    degraded: json.degraded,
    issues: new Map(Object.entries(json.issues)),
    sla: json.sla.map((sla) => ({
      tickets: sla.tickets,
      met: sla.met,
      stopped: sla.stopped,
      breached: sla.breached,
      running: sla.running,
      paused: sla.paused,
      business: distributionFromJson(sla.businessMs, fn),
      wall: distributionFromJson(sla.wallMs, fn),
    })),
    escalated: json.escalations.tickets,
    delay: distributionFromJson(json.escalations.delayMs, fn),
    byRule: json.escalations.byRule.map((counts) => [...counts]),
    reopens: [...json.reopens],
    approvals: json.approvals.map((counts) => [...counts]),
  };
}
