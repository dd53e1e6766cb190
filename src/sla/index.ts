export {
  computeClock,
  resolutions,
  type ClockInputs,
  type ClockResult,
  type WarningResult,
} from './compute-clocks.js';
