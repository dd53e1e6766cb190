export {
  normalizeTicket,
  type HistoryEvent,
  type NormalizedTicket,
  type StatusChange,
} from './normalize-ticket.js';
export {
  MAX_TICKET_ARRAY_LENGTH,
  MAX_TICKET_DEPTH,
  MAX_TICKET_EVENTS,
  MAX_TICKET_STRING_LENGTH,
  MAX_TICKET_TEXT_LENGTH,
  MAX_TICKET_VALUES,
} from './ticket-limits.js';
