export { createMetricsAccumulator } from './accumulator.js';
export { computeMetrics, computeMetricsAsync } from './compute-metrics.js';
export { finalizeMetrics, mergeMetricsAggregates } from './finalize.js';
export type * from './types.js';
