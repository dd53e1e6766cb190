export { authorizeEscalation } from './authorize-escalation.js';
export { evaluate } from './evaluate.js';
export type * from './types.js';
