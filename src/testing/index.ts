/**
 * The `escalation-engine/testing` entry: fast-check arbitraries for policies and tickets,
 * vitest/jest matchers and the policy test-case runner (docs/policy-tests.md). It imports
 * fast-check, an optional peer dependency; the library is used only through its public API
 * ('../index.js').
 *
 * @module escalation-engine/testing
 */
export {
  DST_TIME_ZONES,
  calendarDefinitionArbitrary,
  type CalendarDefinitionArbitraryOptions,
} from './calendar-definition-arbitrary.js';
export { policyArbitrary, type PolicyArbitraryOptions } from './policy-arbitrary.js';
export {
  ticketAndNowArbitrary,
  ticketArbitrary,
  type GeneratedTicket,
  type TicketArbitraryOptions,
} from './ticket-arbitrary.js';
export {
  escalationMatchers,
  type ApprovalStatus,
  type EscalationMatcherFunctions,
  type EscalationMatchers,
  type MatcherResult,
  type RouteExpectation,
} from './matchers.js';
export type { ActionExpectation } from './action-match.js';
export {
  formatPolicyTestReport,
  runPolicyTests,
  type ClockExpectation,
  type CoverageCounts,
  type FormatPolicyTestReportOptions,
  type PolicyCoverage,
  type PolicyTestCase,
  type PolicyTestExpectation,
  type PolicyTestFailure,
  type PolicyTestFile,
  type PolicyTestReport,
  type PolicyTestResult,
  type RunPolicyTestsOptions,
  type UncoveredRules,
} from './run-policy-tests.js';
export { policyTestsJsonSchema } from './policy-tests-json-schema.js';
