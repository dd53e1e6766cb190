export {
  classifySeverity,
  truthy,
  type SeverityResult,
  type SeverityTraceEntry,
} from './classify-severity.js';
