export { correlate, reportIncidents } from './correlate.js';
export type {
  AffectedQueue,
  CorrelateOptions,
  IncidentGroup,
  IncidentReport,
  Problem,
  ProblemAction,
  ProblemFiring,
  ReportIncidentsOptions,
} from './types.js';
