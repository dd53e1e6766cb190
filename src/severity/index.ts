export { classifySeverity, type SeverityResult, type SeverityTraceEntry } from './classify-severity.js';
