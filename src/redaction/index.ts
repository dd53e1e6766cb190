export { createRedactor, type RedactionPatternName, type RedactorOptions } from './redact.js';
