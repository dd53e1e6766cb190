/**
 * Maps a Zendesk Support ticket and its audits to a ticket snapshot (DESIGN §4).
 *
 * Fetch both with the Support API, then map:
 *
 * ```ts
 * const { ticket } = await get(`/api/v2/tickets/${id}.json`);
 * const { audits } = await get(`/api/v2/tickets/${id}/audits.json`); // follow next_page for more than 100
 * const { ticket: snapshot, warnings } = mapZendeskTicket(ticket, audits, acmeZendeskMapping);
 * const decision = evaluate(policy, snapshot, { now: new Date() });
 * ```
 *
 * How the history is read from the audits (each audit's events share its `created_at`):
 *
 * - the audit with `Create` events is the creation; its first `Comment` is the ticket's
 *   description, not a reply;
 * - `status` (`Create` and `Change`) → `statusChanged` with the mapped status (`new` maps to
 *   the engine's initial `open` and needs no event);
 * - `assignee_id` → `assigned`; the first audit the assignee writes after that (a comment,
 *   a status change, or taking the ticket themselves) → `acknowledged` by them;
 * - `Comment` → `replied` by an agent or a customer (from `people`), public or internal;
 * - the severity custom field, if configured → `severityChanged`;
 * - every other event type (notifications, CCs, satisfaction ratings…) is ignored, as
 *   Zendesk asks integrations to do with types they do not know.
 */
import type { Ticket, TicketEvent } from 'escalation-engine';
import { createWarnings, toNumber, withoutUndefined, type MappingResult, type Person } from './mapping.js';

/** A custom field value of a ticket (`custom_fields`). */
export interface ZendeskCustomField {
  /** The custom field id. */
  readonly id: number;
  /** Its value: text, a number, a dropdown's tag, a checkbox's boolean, or `null`. */
  readonly value: unknown;
}

/** The fields read of a Zendesk ticket (`GET /api/v2/tickets/{id}`). */
export interface ZendeskTicket {
  /** The ticket id. */
  readonly id: number;
  /** The subject. */
  readonly subject?: string | null | undefined;
  /** The first comment's text. */
  readonly description?: string | null | undefined;
  /** `new`, `open`, `pending`, `hold`, `solved` or `closed`. */
  readonly status: string;
  /** `urgent`, `high`, `normal`, `low` or `null`. */
  readonly priority?: string | null | undefined;
  /** The tags. */
  readonly tags?: readonly string[] | undefined;
  /** The custom field values. */
  readonly custom_fields?: readonly ZendeskCustomField[] | undefined;
  /** The end user who asked. */
  readonly requester_id: number;
  /** The agent assigned, if any. */
  readonly assignee_id?: number | null | undefined;
  /** The group assigned, if any. */
  readonly group_id?: number | null | undefined;
  /** The requester's organization, if any. */
  readonly organization_id?: number | null | undefined;
  /** When the ticket was created (ISO 8601, UTC). */
  readonly created_at: string;
}

/** One event of an audit (the Ticket Audit events reference); only the types used are detailed. */
export interface ZendeskAuditEvent {
  /** The event id. */
  readonly id: number;
  /** `Create`, `Change`, `Comment`, `Notification`, … */
  readonly type: string;
  /** `Create` / `Change`: the field set (`status`, `assignee_id`, a custom field id as text). */
  readonly field_name?: string | undefined;
  /** `Create` / `Change`: the new value. */
  readonly value?: unknown;
  /** `Change`: the previous value. */
  readonly previous_value?: unknown;
  /** `Comment`: who wrote it. */
  readonly author_id?: number | undefined;
  /** `Comment`: whether the requester sees it (`false` for an internal note). */
  readonly public?: boolean | undefined;
}

/** One update of a ticket (`GET /api/v2/tickets/{id}/audits`). */
export interface ZendeskAudit {
  /** The audit id. */
  readonly id: number;
  /** The ticket id. */
  readonly ticket_id: number;
  /** When the update happened. */
  readonly created_at: string;
  /** Who made it. */
  readonly author_id: number;
  /** What it changed. */
  readonly events: readonly ZendeskAuditEvent[];
}

/** How a Zendesk account maps to the policy: statuses, custom fields, people. */
export interface ZendeskMapping {
  /** Prefix of snapshot ids. @defaultValue `'ZD-'` */
  readonly idPrefix?: string | undefined;
  /** Zendesk status → policy status (see {@link ZENDESK_STATUSES}). */
  readonly statuses: Readonly<Record<string, string>>;
  /** Zendesk priority → `fields.urgency` (the policy's impact × urgency matrix). @defaultValue none */
  readonly priorities?: Readonly<Record<string, string>> | undefined;
  /** Which custom field holds each part of the snapshot. */
  readonly fields: {
    /** A dropdown: the affected service. */
    readonly service?: number | undefined;
    /** A dropdown: the customer's tier. */
    readonly tier?: number | undefined;
    /** A number: how many users are affected. */
    readonly usersAffected?: number | undefined;
    /** A number: the revenue at risk, in the policy's currency. */
    readonly revenueAtRisk?: number | undefined;
    /** Text: the impact statement. */
    readonly impactStatement?: number | undefined;
    /** Text: the business rationale. */
    readonly businessRationale?: number | undefined;
    /** Text: the communication plan. */
    readonly communicationPlan?: number | undefined;
    /** A dropdown: the severity as recorded by agents (its changes become `severityChanged`). */
    readonly severity?: number | undefined;
  };
  /** Dropdown tag → policy id, per field; a field without a table passes its tags through. */
  readonly values?:
    | {
        readonly service?: Readonly<Record<string, string>> | undefined;
        readonly tier?: Readonly<Record<string, string>> | undefined;
        readonly severity?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
  /** More custom fields copied to `fields` (name → custom field id), e.g. `{ bridgeUrl: 360001 }`. */
  readonly extraFields?: Readonly<Record<string, number>> | undefined;
  /** Organization id → customer id; others become `zendesk-org-<id>`. */
  readonly organizations?: Readonly<Record<string, string>> | undefined;
  /** Group id → the queue recorded on the ticket (`ticket.queue`). */
  readonly groups?: Readonly<Record<string, string>> | undefined;
  /** User id → person: who is an agent, who a customer, and the id the policy knows them by. */
  readonly people: Readonly<Record<string, Person>>;
}

/** The usual meaning of Zendesk's built-in statuses for the reference policy's statuses. */
export const ZENDESK_STATUSES: Readonly<Record<string, string>> = {
  new: 'open',
  open: 'in-progress',
  pending: 'pending-customer',
  hold: 'on-hold',
  solved: 'resolved',
  closed: 'closed',
};

/** Zendesk priorities as the reference policy's urgency levels. */
export const ZENDESK_PRIORITIES: Readonly<Record<string, string>> = {
  urgent: 'high',
  high: 'high',
  normal: 'medium',
  low: 'low',
};

/**
 * Maps a Zendesk ticket and its audits to a snapshot. Never throws on unknown values: they
 * are left out and reported in `warnings`.
 *
 * @param ticket - The ticket, as the Support API returns it.
 * @param audits - Its audits, in any order.
 * @param mapping - How the account maps to the policy.
 * @returns The snapshot and the warnings.
 * @example
 * const { ticket, warnings } = mapZendeskTicket(zendeskTicket, audits, acmeZendeskMapping);
 * ticket.id; //=> 'ZD-48213'
 */
export function mapZendeskTicket(
  ticket: ZendeskTicket,
  audits: readonly ZendeskAudit[],
  mapping: ZendeskMapping,
): MappingResult {
  const { warn, warnings } = createWarnings();

  const personOf = (userId: number, path: readonly (string | number)[]): Person => {
    const person = mapping.people[String(userId)];
    if (person !== undefined) return person;
    warn('unknown_person', path, `user \`${userId}\` is not in \`people\`: taken as a customer`);
    return { id: `zendesk-user-${userId}`, kind: 'customer' };
  };
  const statusOf = (status: unknown, path: readonly (string | number)[]): string | undefined => {
    const mapped = typeof status === 'string' ? mapping.statuses[status] : undefined;
    if (mapped === undefined)
      warn('unmapped_status', path, `status \`${String(status)}\` is not in \`statuses\``);
    return mapped;
  };
  const dropdown = (
    kind: 'service' | 'tier' | 'severity',
    raw: unknown,
    path: readonly (string | number)[],
  ): string | undefined => {
    if (raw === null || raw === undefined || raw === '') return undefined;
    const table = mapping.values?.[kind];
    const mapped = typeof raw !== 'string' ? undefined : table === undefined ? raw : table[raw];
    if (mapped === undefined) {
      const shown = typeof raw === 'string' ? `\`${raw}\`` : `(a ${typeof raw})`;
      warn('unmapped_value', path, `${kind} ${shown} is not in \`values.${kind}\``);
    }
    return mapped;
  };

  // Custom fields by id, with their place in the payload for warnings.
  const customFields = ticket.custom_fields ?? [];
  const custom = (fieldId: number | undefined): { value: unknown; path: (string | number)[] } => {
    const index = customFields.findIndex((field) => field.id === fieldId);
    return {
      value: index < 0 ? undefined : customFields[index]?.value,
      path: ['ticket', 'custom_fields', index, 'value'],
    };
  };
  const text = (fieldId: number | undefined): string | undefined => {
    const { value, path } = custom(fieldId);
    if (value === null || value === undefined || value === '') return undefined;
    if (typeof value === 'string') return value;
    warn('invalid_value', path, `custom field \`${String(fieldId)}\` is not text`);
    return undefined;
  };
  const number = (fieldId: number | undefined): number | undefined => {
    const { value, path } = custom(fieldId);
    if (value === undefined) return undefined;
    const parsed = toNumber(value);
    if (parsed === undefined)
      warn('invalid_value', path, `custom field \`${String(fieldId)}\` is not a number`);
    return parsed ?? undefined;
  };
  const select = (kind: 'service' | 'tier' | 'severity'): string | undefined => {
    const { value, path } = custom(mapping.fields[kind]);
    return dropdown(kind, value, path);
  };

  // The history, audit by audit.
  const events: TicketEvent[] = [{ type: 'created', at: ticket.created_at }];
  let assignee: { userId: number; acknowledged: boolean } | null = null;
  const severityField = mapping.fields.severity === undefined ? undefined : String(mapping.fields.severity);
  const ordered = audits
    .map((audit, index) => ({ audit, index }))
    .sort((a, b) => Date.parse(a.audit.created_at) - Date.parse(b.audit.created_at));
  for (const { audit, index } of ordered) {
    const at = audit.created_at;
    const creation = audit.events.some((event) => event.type === 'Create');
    let descriptionSeen = false;
    for (const [eventIndex, event] of audit.events.entries()) {
      const path = ['audits', index, 'events', eventIndex];
      if (event.type === 'Create' || event.type === 'Change') {
        if (event.field_name === 'status') {
          const status = statusOf(event.value, [...path, 'value']);
          // Every ticket starts `open` in the engine: a creation in that status needs no event.
          if (status !== undefined && !(event.type === 'Create' && status === 'open')) {
            events.push({ type: 'statusChanged', at, status });
          }
        } else if (event.field_name === 'assignee_id') {
          const userId = toNumber(event.value);
          if (userId === undefined) warn('invalid_value', [...path, 'value'], 'assignee_id is not a user id');
          if (userId !== null && userId !== undefined) {
            events.push({ type: 'assigned', at, assignee: personOf(userId, [...path, 'value']).id });
            assignee = { userId, acknowledged: false };
          }
        } else if (severityField !== undefined && event.field_name === severityField) {
          const severity = dropdown('severity', event.value, [...path, 'value']);
          if (severity !== undefined) {
            events.push({
              type: 'severityChanged',
              at,
              severity,
              by: personOf(audit.author_id, ['audits', index, 'author_id']).id,
            });
          }
        }
      } else if (event.type === 'Comment') {
        // The creation's first comment is the description, not a reply.
        if (creation && !descriptionSeen) {
          descriptionSeen = true;
          continue;
        }
        const author = personOf(event.author_id ?? audit.author_id, [...path, 'author_id']);
        events.push({
          type: 'replied',
          at,
          author: author.kind,
          public: event.public !== false,
          by: author.id,
        });
      }
    }
    // The assignee's first own update after the assignment acknowledges the ticket.
    if (assignee !== null && !assignee.acknowledged && audit.author_id === assignee.userId) {
      assignee.acknowledged = true;
      events.push({
        type: 'acknowledged',
        at,
        by: personOf(audit.author_id, ['audits', index, 'author_id']).id,
      });
    }
  }

  // The current state.
  const organizationId = ticket.organization_id;
  const customerId =
    organizationId === null || organizationId === undefined
      ? personOf(ticket.requester_id, ['ticket', 'requester_id']).id
      : (mapping.organizations?.[String(organizationId)] ?? `zendesk-org-${organizationId}`);
  const extraFields = Object.fromEntries(
    Object.entries(mapping.extraFields ?? {}).flatMap(([name, fieldId]) => {
      const { value } = custom(fieldId);
      return value === null || value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const urgency = ticket.priority == null ? undefined : mapping.priorities?.[ticket.priority];
  if (ticket.priority != null && mapping.priorities !== undefined && urgency === undefined) {
    warn(
      'unmapped_value',
      ['ticket', 'priority'],
      `priority \`${ticket.priority}\` is not in \`priorities\``,
    );
  }
  const groupId = ticket.group_id;
  const queue = groupId == null ? undefined : mapping.groups?.[String(groupId)];
  if (groupId != null && mapping.groups !== undefined && queue === undefined) {
    warn('unmapped_value', ['ticket', 'group_id'], `group \`${groupId}\` is not in \`groups\``);
  }

  const snapshot: Ticket = withoutUndefined({
    id: `${mapping.idPrefix ?? 'ZD-'}${ticket.id}`,
    createdAt: ticket.created_at,
    subject: ticket.subject ?? undefined,
    description: ticket.description ?? undefined,
    service: select('service'),
    customer: withoutUndefined({ id: customerId, tier: select('tier') }),
    impact: withoutUndefined({
      usersAffected: number(mapping.fields.usersAffected),
      revenueAtRisk: number(mapping.fields.revenueAtRisk),
      statement: text(mapping.fields.impactStatement),
    }),
    businessRationale: text(mapping.fields.businessRationale),
    communicationPlan: text(mapping.fields.communicationPlan),
    tags: [...(ticket.tags ?? [])],
    fields: withoutUndefined({ urgency, ...extraFields }),
    status: statusOf(ticket.status, ['ticket', 'status']),
    severity: select('severity'),
    queue,
    assignee:
      ticket.assignee_id == null ? undefined : personOf(ticket.assignee_id, ['ticket', 'assignee_id']).id,
    events,
  });
  return { ticket: snapshot, warnings };
}
