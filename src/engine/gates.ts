import { truthy } from '../conditions/index.js';
import type { Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import { gateState, type GateState } from './approvals.js';
import type { Front } from './front.js';

/**
 * The state of every gate a decision requires (docs/escalation.md, Approval gates): the gates
 * guarding an override as the front half left them, then each other gate required by its
 * condition (from `since`; a condition that fails on the ticket's data requires it, with a
 * `condition_failed` error) or by a due `requestApproval` action (`requested`: since when).
 * Gates that are not required are not in the map.
 *
 * @internal
 */
export function requiredGates(
  model: PolicyModel,
  front: Front,
  requested: ReadonlyMap<string, number>,
  since: number,
  now: number,
  createdAt: number | undefined,
  issues: Issue[],
): Map<string, GateState> {
  const states = new Map<string, GateState>();
  for (const state of front.overrideGates) states.set(state.gate.id, state);
  for (const gate of model.gates) {
    if (gate.on !== undefined || states.has(gate.id)) continue;
    let required = requested.get(gate.id);
    if (gate.condition !== undefined && !front.unreadable) {
      let holds = false;
      try {
        holds = truthy(gate.condition(front.decided));
      } catch {
        issues.push({
          code: 'condition_failed',
          severity: 'error',
          path: [],
          message: `the condition of approval gate ${quote(gate.id)} failed on the ticket's data: the gate is treated as required`,
          ruleId: gate.id,
        });
        holds = true;
      }
      if (holds) required = required === undefined ? since : Math.min(required, since);
    }
    if (required !== undefined && createdAt !== undefined) {
      // Decisions count from creation: an approval given before the gate's `since` still counts.
      states.set(gate.id, gateState(model, gate, required, front.normalized, now, issues, createdAt));
    }
  }
  return states;
}
