export {
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  checkCondition,
  compileCondition,
  type Condition,
} from './compile-condition.js';
export { createTextMatcher, type TextMatcher } from './text-match.js';
