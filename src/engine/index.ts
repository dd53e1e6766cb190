export { authorizeEscalation } from './authorize-escalation.js';
export { evaluate } from './evaluate.js';
export type * from './types.js';
export { measureTicket, type TicketMeasure } from './measure-ticket.js';
export { queueOwners, roleMembers, ticketFacts, type TicketFacts } from './ticket-facts.js';
