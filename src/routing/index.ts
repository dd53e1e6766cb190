export {
  membersOf,
  nextMembersChange,
  routeTicket,
  type Availability,
  type ResolvedRole,
  type RoutingResult,
} from './route-ticket.js';
export { onCallIn } from './on-call.js';
export { onCallAt } from './on-call-at.js';
