export {
  classifySeverity,
  type SeverityEvent,
  type SeverityResult,
  type SeverityTraceEntry,
} from './classify-severity.js';
