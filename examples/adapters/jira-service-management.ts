/**
 * Maps a Jira Service Management issue, with its changelog and comments, to a ticket
 * snapshot (DESIGN §4).
 *
 * Fetch the issue with its changelog (comments come in `fields.comment`), then map:
 *
 * ```ts
 * const issue = await get(`/rest/api/3/issue/${key}?expand=changelog`);
 * // More than 100 changes: page through GET /rest/api/3/issue/{key}/changelog into issue.changelog.histories.
 * const { ticket, warnings } = mapJiraIssue(issue, acmeJiraMapping);
 * const decision = evaluate(policy, ticket, { now: new Date() });
 * ```
 *
 * How the history is read:
 *
 * - `fields.created` → `created`; the status the issue was created in is the first status
 *   change's `fromString` (or the current status when it never changed);
 * - changelog `status` items → `statusChanged` with the mapped status;
 * - changelog `assignee` items → `assigned` (`to` is the account id); the first change or
 *   comment the assignee makes after that (assigning themselves counts) → `acknowledged`;
 * - the severity custom field's items, if configured → `severityChanged`;
 * - comments → `replied` by an agent or a customer, public unless `jsdPublic` is `false`
 *   (an internal note);
 * - descriptions and comments in Atlassian Document Format (API v3) are read as plain text.
 */
import type { Ticket, TicketEvent } from 'escalation-engine';
import { createWarnings, toNumber, withoutUndefined, type MappingResult, type Person } from './mapping.js';

/** A user as Jira returns it (the fields read). */
export interface JiraUser {
  /** The account id. */
  readonly accountId: string;
  /** The name shown (never copied into the snapshot). */
  readonly displayName?: string | undefined;
  /** `atlassian` (a licensed user), `app` or `customer` (a portal-only customer). */
  readonly accountType?: string | undefined;
}

/** A node of an Atlassian Document Format document (rich text of API v3). */
export interface AdfNode {
  /** `doc`, `paragraph`, `text`, `hardBreak`, `mention`, `bulletList`, … */
  readonly type: string;
  /** The text of a `text` node. */
  readonly text?: string | undefined;
  /** Attributes (`mention` and `emoji` nodes carry their `text` here). */
  readonly attrs?: Readonly<Record<string, unknown>> | undefined;
  /** Child nodes. */
  readonly content?: readonly AdfNode[] | undefined;
}

/** A comment (`fields.comment.comments[]`). */
export interface JiraComment {
  /** The comment id. */
  readonly id: string;
  /** Who wrote it. */
  readonly author: JiraUser;
  /** Its text: a string (API v2) or an ADF document (API v3). */
  readonly body: string | AdfNode;
  /** When it was written. */
  readonly created: string;
  /** Whether the customer sees it in the portal (`false` for an internal note). */
  readonly jsdPublic?: boolean | undefined;
}

/** One changed field of a changelog entry. */
export interface JiraChangeItem {
  /** The field's name (`status`, `assignee`, or a custom field's name). */
  readonly field: string;
  /** `jira` or `custom`. */
  readonly fieldtype?: string | undefined;
  /** The field id (`status`, `assignee`, `customfield_10071`). */
  readonly fieldId?: string | undefined;
  /** The previous value's id (an account id for `assignee`). */
  readonly from: string | null;
  /** The previous value as shown. */
  readonly fromString: string | null;
  /** The new value's id (an account id for `assignee`). */
  readonly to: string | null;
  /** The new value as shown. */
  readonly toString: string | null;
}

/** One changelog entry: the changes one user made at one instant. */
export interface JiraHistory {
  /** The entry id. */
  readonly id: string;
  /** Who made the changes (absent for automation without a user). */
  readonly author?: JiraUser | undefined;
  /** When. */
  readonly created: string;
  /** What changed. */
  readonly items: readonly JiraChangeItem[];
}

/** The fields read of an issue (`GET /rest/api/3/issue/{key}?expand=changelog`). */
export interface JiraIssue {
  /** The issue id. */
  readonly id: string;
  /** The issue key, e.g. `SUP-2231`: the snapshot's id. */
  readonly key: string;
  /** The issue fields; custom fields are `customfield_<id>`. */
  readonly fields: {
    readonly summary?: string | null | undefined;
    readonly description?: string | AdfNode | null | undefined;
    readonly status: { readonly name: string };
    readonly priority?: { readonly name: string } | null | undefined;
    readonly labels?: readonly string[] | undefined;
    readonly created: string;
    readonly reporter?: JiraUser | null | undefined;
    readonly assignee?: JiraUser | null | undefined;
    readonly comment?: { readonly comments: readonly JiraComment[] } | undefined;
    readonly [customField: `customfield_${string}`]: unknown;
  };
  /** The changelog (with `expand=changelog`). */
  readonly changelog?: { readonly histories: readonly JiraHistory[] } | undefined;
}

/** How a Jira Service Management project maps to the policy. */
export interface JiraMapping {
  /** Jira status name → policy status (see {@link JIRA_SERVICE_MANAGEMENT_STATUSES}). */
  readonly statuses: Readonly<Record<string, string>>;
  /** Jira priority name → `fields.urgency`. @defaultValue none */
  readonly priorities?: Readonly<Record<string, string>> | undefined;
  /** Which custom field (`customfield_<id>`) holds each part of the snapshot. */
  readonly fields: {
    /** A select list: the affected service. */
    readonly service?: string | undefined;
    /** A select list: the customer's tier. */
    readonly tier?: string | undefined;
    /** The Organizations field: the customer (its first organization's name). */
    readonly organization?: string | undefined;
    /** A number: how many users are affected. */
    readonly usersAffected?: string | undefined;
    /** A number: the revenue at risk. */
    readonly revenueAtRisk?: string | undefined;
    /** Text: the impact statement. */
    readonly impactStatement?: string | undefined;
    /** Text: the business rationale. */
    readonly businessRationale?: string | undefined;
    /** Text: the communication plan. */
    readonly communicationPlan?: string | undefined;
    /** A select list: the severity recorded by agents (its changes become `severityChanged`). */
    readonly severity?: string | undefined;
  };
  /** Select option → policy id, per field; a field without a table passes options through. */
  readonly values?:
    | {
        readonly service?: Readonly<Record<string, string>> | undefined;
        readonly tier?: Readonly<Record<string, string>> | undefined;
        readonly severity?: Readonly<Record<string, string>> | undefined;
        /** Organization name → customer id. */
        readonly organization?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
  /** More custom fields copied to `fields` (name → `customfield_<id>`), e.g. `{ bridgeUrl: 'customfield_10090' }`. */
  readonly extraFields?: Readonly<Record<string, string>> | undefined;
  /**
   * Account id → person. An account not listed is taken as a customer (with a warning,
   * unless its `accountType` is `customer`: portal customers need not be listed).
   */
  readonly people: Readonly<Record<string, Person>>;
}

/** The statuses of Jira Service Management's default service workflows, for the reference policy. */
export const JIRA_SERVICE_MANAGEMENT_STATUSES: Readonly<Record<string, string>> = {
  Open: 'open',
  'Waiting for support': 'open',
  Reopened: 'open',
  'In Progress': 'in-progress',
  'Work in progress': 'in-progress',
  Escalated: 'in-progress',
  'Waiting for customer': 'pending-customer',
  Pending: 'on-hold',
  Resolved: 'resolved',
  Done: 'resolved',
  Closed: 'closed',
  Canceled: 'closed',
};

/** Jira's default priorities as the reference policy's urgency levels. */
export const JIRA_PRIORITIES: Readonly<Record<string, string>> = {
  Highest: 'high',
  High: 'high',
  Medium: 'medium',
  Low: 'low',
  Lowest: 'low',
};

/**
 * Maps an issue to a snapshot. Never throws on unknown values: they are left out and
 * reported in `warnings`.
 *
 * @param issue - The issue with `expand=changelog`.
 * @param mapping - How the project maps to the policy.
 * @returns The snapshot and the warnings.
 * @example
 * const { ticket, warnings } = mapJiraIssue(issue, acmeJiraMapping);
 * ticket.id; //=> 'SUP-2231'
 */
export function mapJiraIssue(issue: JiraIssue, mapping: JiraMapping): MappingResult {
  const { warn, warnings } = createWarnings();
  const { fields } = issue;

  const personOf = (user: JiraUser, path: readonly (string | number)[]): Person => {
    const person = mapping.people[user.accountId];
    if (person !== undefined) return person;
    if (user.accountType !== 'customer') {
      warn('unknown_person', path, `account \`${user.accountId}\` is not in \`people\`: taken as a customer`);
    }
    return { id: `jira-${user.accountId}`, kind: 'customer' };
  };
  const statusOf = (name: string | null, path: readonly (string | number)[]): string | undefined => {
    const mapped = name === null ? undefined : mapping.statuses[name];
    if (mapped === undefined)
      warn('unmapped_status', path, `status \`${String(name)}\` is not in \`statuses\``);
    return mapped;
  };
  const option = (
    kind: 'service' | 'tier' | 'severity' | 'organization',
    raw: string | null,
    path: readonly (string | number)[],
  ): string | undefined => {
    if (raw === null || raw === '') return undefined;
    const table = mapping.values?.[kind];
    const mapped = table === undefined ? raw : table[raw];
    if (mapped === undefined) warn('unmapped_value', path, `${kind} \`${raw}\` is not in \`values.${kind}\``);
    return mapped;
  };
  const field = (fieldId: string | undefined): unknown =>
    fieldId === undefined ? undefined : fields[fieldId as `customfield_${string}`];
  const select = (kind: 'service' | 'tier' | 'severity'): string | undefined => {
    const fieldId = mapping.fields[kind];
    const value = field(fieldId);
    if (value === null || value === undefined) return undefined;
    const name = (value as { value?: unknown }).value;
    if (typeof name !== 'string') {
      warn(
        'invalid_value',
        ['fields', String(fieldId)],
        `custom field \`${String(fieldId)}\` is not a select list`,
      );
      return undefined;
    }
    return option(kind, name, ['fields', String(fieldId), 'value']);
  };
  const text = (fieldId: string | undefined): string | undefined => {
    const value = field(fieldId);
    if (value === null || value === undefined) return undefined;
    const plain = typeof value === 'string' ? value : isAdf(value) ? adfToText(value) : undefined;
    if (plain === undefined)
      warn('invalid_value', ['fields', String(fieldId)], `custom field \`${String(fieldId)}\` is not text`);
    return plain === '' ? undefined : plain;
  };
  const number = (fieldId: string | undefined): number | undefined => {
    const value = field(fieldId);
    if (value === undefined) return undefined;
    const parsed = toNumber(value);
    if (parsed === undefined)
      warn(
        'invalid_value',
        ['fields', String(fieldId)],
        `custom field \`${String(fieldId)}\` is not a number`,
      );
    return parsed ?? undefined;
  };

  // Everything that happened, as (instant, who, what) entries, then read in instant order.
  const histories = issue.changelog?.histories ?? [];
  const comments = fields.comment?.comments ?? [];
  type Entry =
    | { at: string; author: JiraUser | undefined; kind: 'history'; history: JiraHistory; index: number }
    | { at: string; author: JiraUser; kind: 'comment'; comment: JiraComment; index: number };
  const entries: Entry[] = [
    ...histories.map((history, index): Entry => ({
      at: history.created,
      author: history.author,
      kind: 'history',
      history,
      index,
    })),
    ...comments.map((comment, index): Entry => ({
      at: comment.created,
      author: comment.author,
      kind: 'comment',
      comment,
      index,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const events: TicketEvent[] = [{ type: 'created', at: fields.created }];
  // The status at creation: where the first status change came from.
  const firstStatusChange = entries
    .flatMap((entry) =>
      entry.kind === 'history' ? entry.history.items.filter((item) => item.field === 'status') : [],
    )
    .at(0);
  const initialStatus = statusOf(
    firstStatusChange?.fromString ?? fields.status.name,
    firstStatusChange === undefined ? ['fields', 'status', 'name'] : ['changelog', 'histories'],
  );
  if (initialStatus !== undefined && initialStatus !== 'open') {
    events.push({ type: 'statusChanged', at: fields.created, status: initialStatus });
  }

  let assignee: { accountId: string; acknowledged: boolean } | null = null;
  for (const entry of entries) {
    const { at } = entry;
    if (entry.kind === 'history') {
      for (const [itemIndex, item] of entry.history.items.entries()) {
        const path = ['changelog', 'histories', entry.index, 'items', itemIndex];
        if (item.field === 'status') {
          const status = statusOf(item.toString, [...path, 'toString']);
          if (status !== undefined) events.push({ type: 'statusChanged', at, status });
        } else if (item.field === 'assignee' && item.to !== null) {
          const person = personOf({ accountId: item.to }, [...path, 'to']);
          events.push({ type: 'assigned', at, assignee: person.id });
          assignee = { accountId: item.to, acknowledged: false };
        } else if (mapping.fields.severity !== undefined && item.fieldId === mapping.fields.severity) {
          const severity = option('severity', item.toString, [...path, 'toString']);
          if (severity !== undefined) {
            const by =
              entry.author === undefined
                ? undefined
                : personOf(entry.author, ['changelog', 'histories', entry.index, 'author']).id;
            events.push(withoutUndefined({ type: 'severityChanged' as const, at, severity, by }));
          }
        }
      }
    } else {
      const { comment } = entry;
      const author = personOf(comment.author, ['fields', 'comment', 'comments', entry.index, 'author']);
      events.push({
        type: 'replied',
        at,
        author: author.kind,
        public: comment.jsdPublic !== false,
        by: author.id,
      });
    }
    // The assignee's first own change or comment after the assignment acknowledges the issue.
    if (assignee !== null && !assignee.acknowledged && entry.author?.accountId === assignee.accountId) {
      assignee.acknowledged = true;
      const authorPath =
        entry.kind === 'history'
          ? ['changelog', 'histories', entry.index, 'author']
          : ['fields', 'comment', 'comments', entry.index, 'author'];
      events.push({ type: 'acknowledged', at, by: personOf(entry.author, authorPath).id });
    }
  }

  // The current state.
  const organizations = field(mapping.fields.organization);
  const organization = Array.isArray(organizations)
    ? (organizations[0] as { name?: unknown } | undefined)
    : undefined;
  const customerId =
    typeof organization?.name === 'string'
      ? option('organization', organization.name, ['fields', String(mapping.fields.organization), 0, 'name'])
      : fields.reporter == null
        ? undefined
        : personOf(fields.reporter, ['fields', 'reporter']).id;
  const extraFields = Object.fromEntries(
    Object.entries(mapping.extraFields ?? {}).flatMap(([name, fieldId]) => {
      const value = field(fieldId);
      return value === null || value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const priority = fields.priority?.name;
  const urgency = priority === undefined ? undefined : mapping.priorities?.[priority];
  if (priority !== undefined && mapping.priorities !== undefined && urgency === undefined) {
    warn(
      'unmapped_value',
      ['fields', 'priority', 'name'],
      `priority \`${priority}\` is not in \`priorities\``,
    );
  }
  const description =
    fields.description === null || fields.description === undefined
      ? undefined
      : typeof fields.description === 'string'
        ? fields.description
        : adfToText(fields.description);

  const snapshot: Ticket = withoutUndefined({
    id: issue.key,
    createdAt: fields.created,
    subject: fields.summary ?? undefined,
    description: description === '' ? undefined : description,
    service: select('service'),
    customer: withoutUndefined({ id: customerId, tier: select('tier') }),
    impact: withoutUndefined({
      usersAffected: number(mapping.fields.usersAffected),
      revenueAtRisk: number(mapping.fields.revenueAtRisk),
      statement: text(mapping.fields.impactStatement),
    }),
    businessRationale: text(mapping.fields.businessRationale),
    communicationPlan: text(mapping.fields.communicationPlan),
    tags: [...(fields.labels ?? [])],
    fields: withoutUndefined({ urgency, ...extraFields }),
    status: statusOf(fields.status.name, ['fields', 'status', 'name']),
    severity: select('severity'),
    assignee: fields.assignee == null ? undefined : personOf(fields.assignee, ['fields', 'assignee']).id,
    events,
  });
  return { ticket: snapshot, warnings };
}

/** Block nodes whose children are separate lines; the others' children run on. */
const BLOCKS = new Set([
  'doc',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'panel',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
]);

function isAdf(value: unknown): value is AdfNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * The plain text of an ADF document: text nodes in order, one line per paragraph, list item
 * or cell; mentions and emoji by their text.
 *
 * @param node - A document or any node of one.
 * @returns The text.
 * @example
 * adfToText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'SSO is down' }] }] }); //=> 'SSO is down'
 */
export function adfToText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'mention' || node.type === 'emoji') {
    const shown = node.attrs?.text;
    return typeof shown === 'string' ? shown : '';
  }
  const parts = (node.content ?? []).map(adfToText);
  return BLOCKS.has(node.type) ? parts.filter((part) => part !== '').join('\n') : parts.join('');
}
