export {
  normalizeTicket,
  type HistoryEvent,
  type NormalizedTicket,
  type StatusChange,
} from './normalize-ticket.js';
