export {
  acknowledgeCycles,
  computeClock,
  pointInstant,
  resolutions,
  responses,
  type ClockInputs,
  type ClockResult,
  type Cycle,
  type PointInstant,
  type WarningResult,
} from './compute-clocks.js';
