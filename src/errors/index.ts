export { EscalationError, PolicyError } from './escalation-error.js';
export { formatIssues, formatPath, toJsonPointer, type Issue, type IssueCode } from './issue.js';
