export {
  compilePolicy,
  modelOf,
  safeCompilePolicy,
  type Policy,
  type SafeCompileResult,
} from './compile-policy.js';
export type * from './policy-document.js';
export type {
  ModelEscalationRule,
  ModelGate,
  ModelInitiation,
  ModelMetric,
  ModelProblemRule,
  ModelProblems,
  ModelQueue,
  ModelSchedule,
  ShiftMemo,
  ModelTarget,
  ModelTemplate,
  PolicyModel,
  TemplateParts,
} from './policy-model.js';
export { lintPolicy, type LintPolicyOptions } from './lint-policy.js';
export { policyJsonSchema } from './policy-json-schema.js';
export {
  MAX_POLICY_ARRAY_LENGTH,
  MAX_POLICY_STRING_LENGTH,
  MAX_POLICY_TEXT_LENGTH,
  MAX_POLICY_VALUES,
} from './policy-limits.js';
