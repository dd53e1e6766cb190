export {
  membersOf,
  routeTicket,
  type Availability,
  type ResolvedRole,
  type RoutingResult,
} from './route-ticket.js';
export { onCallIn } from './on-call.js';
