import type { ModelTarget, PolicyModel } from '../policy/index.js';

/**
 * The SLA target of a ticket: the first of `sla.targets` matching its effective severity, its
 * customer tier and its routed queue (docs/evaluation.md, SLA clocks); `undefined` when none.
 *
 * @internal
 */
export function findTarget(
  model: PolicyModel,
  severity: string,
  tier: string | undefined,
  queue: string,
): ModelTarget | undefined {
  return model.sla.targets.find(
    (target) =>
      (target.severities === undefined || target.severities.has(severity)) &&
      (target.tiers === undefined || (tier !== undefined && target.tiers.has(tier))) &&
      (target.queues === undefined || target.queues.has(queue)),
  );
}
