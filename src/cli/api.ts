// The library functions the CLI wraps, in one place. The CLI is its own bundle and uses the
// package's public API (the '.' entry) through this file.
export {
  EscalationError,
  compilePolicy,
  diffPoliciesAsync,
  evaluate,
  formatIssues,
  formatPath,
  lintPolicy,
  policyJsonSchema,
  safeCompilePolicy,
  safeSimulate,
  type AssertionResult,
  type Change,
  type Clock,
  type Decision,
  type EvaluationContext,
  type Issue,
  type Policy,
  type PolicyDiff,
  type SimulationResult,
  type TimelineEntry,
} from '../index.js';
// The policy test runner comes from its module rather than the './testing' entry, which also
// carries the fast-check arbitraries (an optional peer dependency the CLI must not need).
export {
  runPolicyTests,
  type PolicyCoverage,
  type PolicyTestReport,
  type PolicyTestResult,
} from '../testing/run-policy-tests.js';
