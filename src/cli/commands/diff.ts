import { diffPoliciesAsync, type Change, type PolicyDiff } from '../api.js';
import { loadPolicy, nowOf, plural, writeJson, type Command, type Printer } from '../command.js';
import { assertNever, CliError, EXIT } from '../errors.js';
import { openTickets, type TicketEntry } from '../io.js';
import { createProgress } from '../progress.js';
import { safeText } from '../style.js';
import { readContext } from './eval.js';

const show = (value: string | number | null | readonly string[]): string =>
  value === null ? '—' : Array.isArray(value) ? value.join(', ') || '(nobody)' : String(value);

/**
 * One change in words: `severity sev2 → sev1`, `clock firstResponse: deadline … → …`.
 *
 * @param change - A change of a ticket diff.
 * @returns The text (from the input: print it through `safeText`).
 * @internal
 */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'status':
    case 'queue':
    case 'nextEvaluationAt':
      return `${change.kind} ${show(change.from)} → ${show(change.to)}`;
    case 'severity':
      return `severity ${change.from} → ${change.to} (rule ${show(change.ruleId.from)} → ${show(change.ruleId.to)})`;
    case 'owner':
    case 'secondary':
      return `${change.kind} ${show(change.role.from)} (${show(change.members.from)}) → ${show(change.role.to)} (${show(change.members.to)})`;
    case 'clock': {
      const parts: string[] = [];
      if (change.durationMs.from !== change.durationMs.to)
        parts.push(`target ${show(change.durationMs.from)}ms → ${show(change.durationMs.to)}ms`);
      if (change.calendar.from !== change.calendar.to)
        parts.push(`calendar ${show(change.calendar.from)} → ${show(change.calendar.to)}`);
      if (change.state.from !== change.state.to)
        parts.push(`state ${show(change.state.from)} → ${show(change.state.to)}`);
      if (change.deadline.from !== change.deadline.to)
        parts.push(`deadline ${show(change.deadline.from)} → ${show(change.deadline.to)}`);
      return `clock ${change.metric} ${change.change}: ${parts.join(', ')}`;
    }
    case 'action':
    case 'upcoming':
    case 'withheld':
      return `${change.kind === 'action' ? 'due action' : `${change.kind} action`} ${change.actionKind} [${change.ruleId}] ${change.change}: due ${show(change.dueAt.from)} → ${show(change.dueAt.to)}`;
    case 'approval':
      return `gate ${change.gate} ${change.change}: ${show(change.status.from)} → ${show(change.status.to)}${change.dueAt.from === change.dueAt.to ? '' : `, due ${show(change.dueAt.from)} → ${show(change.dueAt.to)}`}`;
    case 'communication':
      return `update ${change.cadence} (${show(change.audience.to ?? change.audience.from)}) ${change.change}: due ${show(change.dueAt.from)} → ${show(change.dueAt.to)}${change.template.from === change.template.to ? '' : `, template ${show(change.template.from)} → ${show(change.template.to)}`}`;
    case 'validation':
      return `required field ${change.path} ${change.change === 'added' ? 'now missing' : 'no longer required'}`;
    default:
      return assertNever(change);
  }
}

function matrix(
  out: Printer,
  title: string,
  rows: Readonly<Record<string, Readonly<Record<string, number>>>>,
): void {
  const keys = Object.keys(rows);
  const offDiagonal = keys.some((from) => keys.some((to) => from !== to && (rows[from]?.[to] ?? 0) > 0));
  if (!offDiagonal) return;
  const columns = [...new Set(keys.flatMap((from) => Object.keys(rows[from] ?? {})))];
  const width = Math.max(6, ...keys.map((k) => k.length), ...columns.map((k) => k.length));
  out.line(`  ${out.style.bold(title)} ${out.style.dim('(rows: before, columns: after)')}`);
  out.line(`    ${''.padEnd(width)} ${columns.map((c) => safeText(c).padStart(width)).join(' ')}`);
  for (const from of keys) {
    const cells = columns.map((to) => {
      const n = rows[from]?.[to] ?? 0;
      const text = String(n).padStart(width);
      return from !== to && n > 0 ? out.style.yellow(text) : n === 0 ? out.style.dim(text) : text;
    });
    out.line(`    ${safeText(from).padEnd(width)} ${cells.join(' ')}`);
  }
}

function printDiff(out: Printer, diff: PolicyDiff, sources: ReadonlyMap<number, string>, now: Date): void {
  const { style } = out;
  const { summary } = diff;
  const share = summary.tickets === 0 ? 0 : (summary.changed / summary.tickets) * 100;
  out.line(
    `${style.bold('diff')} ${safeText(`${diff.before.id} ${diff.before.version}`)} → ${safeText(`${diff.after.id} ${diff.after.version}`)}  ${style.dim(`${plural(summary.tickets, 'ticket')} at ${now.toISOString()}`)}`,
  );
  const changed = `${plural(summary.changed, 'ticket')} changed (${share.toFixed(1)}%)`;
  out.line(`  ${summary.changed > 0 ? style.yellow(changed) : style.green(changed)}`);
  const kinds = Object.entries(summary.byKind).filter(([, n]) => n > 0);
  if (kinds.length > 0) out.line(`  by kind: ${kinds.map(([kind, n]) => `${kind} ${String(n)}`).join(', ')}`);
  matrix(out, 'severity', summary.severityMigration);
  matrix(out, 'queue', summary.queueMigration);
  const { degraded, breaches, actions, upcoming } = summary;
  if (degraded.before !== degraded.after)
    out.line(`  degraded decisions: ${String(degraded.before)} → ${String(degraded.after)}`);
  if (breaches.gained + breaches.lost > 0)
    out.line(
      `  tickets with a breach: ${String(breaches.before)} → ${String(breaches.after)} (${style.red(`+${String(breaches.gained)}`)} ${style.green(`-${String(breaches.lost)}`)})`,
    );
  for (const [label, counts] of [
    ['due actions', actions],
    ['upcoming actions', upcoming],
  ] as const) {
    if (counts.gained + counts.lost + counts.moved === 0) continue;
    const rules = Object.entries(counts.byRule)
      .map(([rule, c]) => `${safeText(rule)} +${String(c.gained)}/-${String(c.lost)}/~${String(c.moved)}`)
      .join(', ');
    out.line(
      `  ${label}: +${String(counts.gained)} gained, -${String(counts.lost)} lost, ${String(counts.moved)} moved ${style.dim(`(${rules})`)}`,
    );
  }
  if (diff.tickets.length > 0) {
    out.line(
      `  ${style.bold('tickets')}${diff.truncated ? style.dim(` (the first ${String(diff.tickets.length)} of ${String(summary.changed)}; --limit shows more)`) : ''}`,
    );
    for (const ticket of diff.tickets) {
      out.line(
        `    ${style.bold(safeText(ticket.ticketId ?? '(no id)'))} ${style.dim(safeText(sources.get(ticket.index) ?? `#${String(ticket.index)}`))}`,
      );
      for (const change of ticket.changes) out.line(`      ${safeText(describeChange(change))}`);
    }
  }
}

/** `escalation diff`: compares two policies over a corpus of tickets. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two policies over a corpus of tickets before shipping',
  usage: 'diff [options] <before> <after> <tickets>',
  description:
    'Evaluates every ticket under both policies at --now, as diffPolicies() does, and reports\n' +
    'what would change: severity and queue migrations, owners, clock targets and deadlines,\n' +
    'breaches gained and lost, actions gained, lost and moved, approvals, updates, required\n' +
    'fields. Tickets come from a JSON (or YAML) array, or from a JSON Lines file read a line\n' +
    'at a time (memory stays bounded). A progress bar shows on stderr on a terminal.',
  arguments: [
    ['<before>', 'the policy in force'],
    ['<after>', 'the candidate policy'],
    ['<tickets>', 'a .json/.yaml array of tickets, or a .jsonl file (`-`: JSON Lines on standard input)'],
  ],
  positionals: [3, 3],
  options: {
    now: {
      type: 'string',
      value: '<instant>',
      description: 'the instant both policies are evaluated at; default: now',
    },
    'fail-on-change': { type: 'boolean', description: 'exit with 1 when any ticket changed (a CI gate)' },
    limit: {
      type: 'string',
      value: '<n>',
      description: 'how many changed tickets to list (default 50, 1000 with --json); the summary counts all',
    },
    context: {
      type: 'string',
      value: '<file>',
      description: 'who is unavailable or overloaded: { "unavailable": [...], "overloaded": [...] }',
    },
  },
  exitCodes: [
    [0, 'compared (with --fail-on-change: and nothing changed)'],
    [1, 'with --fail-on-change: a ticket changed'],
    [
      2,
      'usage or input error: unknown option, invalid --now, a file missing or not JSON/YAML, an invalid policy',
    ],
  ],
  examples: [
    [
      'escalation diff current.json candidate.json tickets.jsonl --now 2026-03-09T14:00:00Z',
      'what the change does',
    ],
    [
      'escalation diff current.json candidate.json tickets.json --fail-on-change',
      'fail a CI job when anything changes',
    ],
    [
      "escalation diff a.yaml b.yaml tickets.jsonl --json | jq '.summary.severityMigration'",
      'the severity migration as JSON',
    ],
  ],
  async run(context, args) {
    const now = nowOf(context, args);
    const limitText = args.values.get('limit');
    const limit = limitText === undefined ? (context.json ? 1000 : 50) : Number(limitText);
    if (!(Number.isInteger(limit) && limit >= 0))
      throw new CliError(
        'usage_error',
        `invalid \`--limit\` \`${limitText ?? ''}\`: expected a whole number`,
      );
    const [beforeFile = '', afterFile = '', ticketsFile = ''] = args.positionals;
    const before = await loadPolicy(context, beforeFile);
    const after = await loadPolicy(context, afterFile);
    const evaluationContext = await readContext(context, args);
    const corpus = await openTickets(context.host, ticketsFile);
    const progress = createProgress(context.host.stderr, {
      label: 'diff',
      total: corpus.total,
      items: 'tickets',
      now: () => context.host.now().getTime(),
    });
    const sources = new Map<number, string>();
    let current: TicketEntry | undefined;
    let count = 0;
    async function* tickets(): AsyncGenerator<unknown, void, undefined> {
      for await (const entry of corpus.entries) {
        current = entry;
        count++;
        progress.update(entry.done, count);
        yield entry.ticket;
      }
    }
    let diff: PolicyDiff;
    try {
      diff = await diffPoliciesAsync(before, after, tickets(), {
        now,
        limit,
        ...(evaluationContext === undefined ? {} : { context: evaluationContext }),
        onTicket: (ticket) => {
          if (sources.size < limit && current !== undefined) sources.set(ticket.index, current.source);
        },
      });
    } finally {
      progress.finish();
    }
    if (context.json) writeJson(context, diff);
    else printDiff(context.out, diff, sources, now);
    return args.flags.has('fail-on-change') && diff.summary.changed > 0 ? EXIT.findings : EXIT.ok;
  },
};
