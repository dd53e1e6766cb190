import type { Decision } from '../engine/index.js';
import type { MetricName, Policy } from '../policy/index.js';
import { byCodeUnit, CHANGE_KINDS, METRICS } from './compare-decisions.js';
import type {
  ActionCounts,
  ActionSummary,
  BreachCounts,
  Change,
  ChangeKind,
  MigrationMatrix,
  PolicyDiffSummary,
} from './types.js';

interface MutableBreaches {
  before: number;
  after: number;
  gained: number;
  lost: number;
}

interface MutableActions {
  gained: number;
  lost: number;
  moved: number;
}

/**
 * A square count matrix over ids in policy order (ids no policy lists appended as met).
 * `all`: the result lists every id; otherwise only those some ticket had under either policy.
 */
interface Matrix {
  readonly all: boolean;
  readonly ids: string[];
  readonly index: Map<string, number>;
  readonly cells: number[][];
  readonly seen: Set<string>;
}

function createMatrix(ids: readonly string[], all: boolean): Matrix {
  const matrix: Matrix = { all, ids: [], index: new Map(), cells: [], seen: new Set() };
  for (const id of ids) idOf(matrix, id);
  return matrix;
}

function idOf(matrix: Matrix, id: string): number {
  const known = matrix.index.get(id);
  if (known !== undefined) return known;
  const at = matrix.ids.length;
  matrix.ids.push(id);
  matrix.index.set(id, at);
  for (const row of matrix.cells) row.push(0);
  matrix.cells.push(new Array<number>(at + 1).fill(0));
  return at;
}

function count(matrix: Matrix, from: string, to: string): void {
  if (!matrix.all) {
    matrix.seen.add(from);
    matrix.seen.add(to);
  }
  const row = matrix.cells[idOf(matrix, from)];
  const column = idOf(matrix, to);
  if (row !== undefined) row[column] = (row[column] ?? 0) + 1;
}

function matrixRecord(matrix: Matrix): MigrationMatrix {
  const ids = matrix.all ? matrix.ids : matrix.ids.filter((id) => matrix.seen.has(id));
  const at = (id: string): number => matrix.index.get(id) ?? -1;
  return Object.fromEntries(
    ids.map((from) => [
      from,
      Object.fromEntries(ids.map((to) => [to, matrix.cells[at(from)]?.[at(to)] ?? 0])),
    ]),
  );
}

/** Ids in the order of `before`, then those only `after` has, in its order. */
function idsOfBoth(before: readonly { id: string }[], after: readonly { id: string }[]): string[] {
  return [...new Set([...before.map((entry) => entry.id), ...after.map((entry) => entry.id)])];
}

function queueIds(policy: Policy): { id: string }[] {
  const routing = policy.definition.routing;
  return [
    ...routing.queues.map((queue) => ({ id: queue.id })),
    { id: routing.default },
    { id: policy.definition.fallback.queue },
  ];
}

function isBreached(decision: Decision, metric: MetricName): boolean {
  for (const clock of decision.clocks) if (clock.metric === metric) return clock.state === 'breached';
  return false;
}

function actionSummary(total: MutableActions, byRule: Map<string, MutableActions>): ActionSummary {
  const rules = [...byRule.keys()].sort(byCodeUnit);
  return {
    gained: total.gained,
    lost: total.lost,
    moved: total.moved,
    byRule: Object.fromEntries(
      rules.map((rule): [string, ActionCounts] => {
        const counts = byRule.get(rule) ?? { gained: 0, lost: 0, moved: 0 };
        return [rule, { gained: counts.gained, lost: counts.lost, moved: counts.moved }];
      }),
    ),
  };
}

/** The counters of a diff: memory bounded by the policies (severities, queues, rules), not the stream. */
export interface SummaryCounter {
  /** Counts one ticket's pair of decisions and its changes. */
  add(before: Decision, after: Decision, changes: readonly Change[]): void;
  /** The summary so far. */
  result(): PolicyDiffSummary;
}

/**
 * Creates the counters of a diff between two policies.
 *
 * @internal
 */
export function createSummaryCounter(before: Policy, after: Policy): SummaryCounter {
  let tickets = 0;
  let changed = 0;
  const degraded = { before: 0, after: 0 };
  const byKind = new Map<ChangeKind, number>(CHANGE_KINDS.map((kind) => [kind, 0]));
  const severities = createMatrix(idsOfBoth(before.definition.severities, after.definition.severities), true);
  const queues = createMatrix(idsOfBoth(queueIds(before), queueIds(after)), false);
  const breaches: MutableBreaches = { before: 0, after: 0, gained: 0, lost: 0 };
  const breachesByMetric = new Map<MetricName, MutableBreaches>(
    METRICS.map((metric) => [metric, { before: 0, after: 0, gained: 0, lost: 0 }]),
  );
  const actions: MutableActions = { gained: 0, lost: 0, moved: 0 };
  const actionsByRule = new Map<string, MutableActions>();
  const upcoming: MutableActions = { gained: 0, lost: 0, moved: 0 };
  const upcomingByRule = new Map<string, MutableActions>();
  const kinds = new Set<ChangeKind>();

  const countAction = (total: MutableActions, byRule: Map<string, MutableActions>, change: Change): void => {
    if (change.kind !== 'action' && change.kind !== 'upcoming' && change.kind !== 'withheld') return;
    let rule = byRule.get(change.ruleId);
    if (rule === undefined) {
      rule = { gained: 0, lost: 0, moved: 0 };
      byRule.set(change.ruleId, rule);
    }
    const field = change.change === 'added' ? 'gained' : change.change === 'removed' ? 'lost' : 'moved';
    total[field]++;
    rule[field]++;
  };

  return {
    add(from, to, changes) {
      tickets++;
      if (changes.length > 0) changed++;
      if (from.status === 'degraded') degraded.before++;
      if (to.status === 'degraded') degraded.after++;
      count(severities, from.severity.id, to.severity.id);
      count(queues, from.routing.queue, to.routing.queue);

      let anyBefore = false;
      let anyAfter = false;
      let gained = false;
      let lost = false;
      if (from.clocks.length > 0 || to.clocks.length > 0) {
        for (const metric of METRICS) {
          const b = isBreached(from, metric);
          const a = isBreached(to, metric);
          if (!a && !b) continue;
          const counts = breachesByMetric.get(metric);
          if (counts === undefined) continue;
          if (b) counts.before++;
          if (a) counts.after++;
          if (a && !b) counts.gained++;
          if (b && !a) counts.lost++;
          anyBefore ||= b;
          anyAfter ||= a;
          gained ||= a && !b;
          lost ||= b && !a;
        }
      }
      if (anyBefore) breaches.before++;
      if (anyAfter) breaches.after++;
      if (gained) breaches.gained++;
      if (lost) breaches.lost++;

      kinds.clear();
      for (const change of changes) {
        kinds.add(change.kind);
        if (change.kind === 'action') countAction(actions, actionsByRule, change);
        else if (change.kind === 'upcoming') countAction(upcoming, upcomingByRule, change);
      }
      for (const kind of kinds) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    },

    result() {
      const breachRecord = (counts: MutableBreaches): BreachCounts => ({
        before: counts.before,
        after: counts.after,
        gained: counts.gained,
        lost: counts.lost,
      });
      return {
        tickets,
        changed,
        byKind: Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, byKind.get(kind) ?? 0])) as Record<
          ChangeKind,
          number
        >,
        severityMigration: matrixRecord(severities),
        queueMigration: matrixRecord(queues),
        degraded: { before: degraded.before, after: degraded.after },
        breaches: {
          ...breachRecord(breaches),
          byMetric: Object.fromEntries(
            METRICS.map((metric) => [
              metric,
              breachRecord(breachesByMetric.get(metric) ?? { before: 0, after: 0, gained: 0, lost: 0 }),
            ]),
          ) as Record<MetricName, BreachCounts>,
        },
        actions: actionSummary(actions, actionsByRule),
        upcoming: actionSummary(upcoming, upcomingByRule),
      };
    },
  };
}
