import { createIsoFormatter } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';

/**
 * The ISO formatter of each compiled policy: it remembers recent days and instants (clocks,
 * keys, actions and updates share many), so that the memo lives and dies with the policy like
 * the policy's other caches, not in the module.
 */
const formatters = new WeakMap<PolicyModel, (ms: number) => string>();

/**
 * The ISO formatter of a compiled policy, made on first use (see `createIsoFormatter`).
 *
 * @internal
 */
export function formatterOf(model: PolicyModel): (ms: number) => string {
  let format = formatters.get(model);
  if (format === undefined) {
    format = createIsoFormatter();
    formatters.set(model, format);
  }
  return format;
}
