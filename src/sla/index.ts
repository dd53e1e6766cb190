export {
  computeClock,
  resolutions,
  responses,
  type ClockInputs,
  type ClockResult,
  type WarningResult,
} from './compute-clocks.js';
