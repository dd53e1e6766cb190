export {
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  checkCondition,
  compileCondition,
  createConditionScope,
  truthy,
  type ConditionScope,
  type Condition,
} from './compile-condition.js';
