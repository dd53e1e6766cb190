export { diffPolicies, diffPoliciesAsync } from './diff-policies.js';
export type * from './types.js';
