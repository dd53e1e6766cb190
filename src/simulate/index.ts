export { safeSimulate, simulate } from './simulate.js';
export type * from './types.js';
