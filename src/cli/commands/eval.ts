import { evaluate, formatPath, type Clock, type Decision, type EvaluationContext } from '../api.js';
import type { ParsedArgs } from '../args.js';
import {
  formatDuration,
  loadPolicy,
  nowOf,
  writeJson,
  type Command,
  type CommandContext,
  type Printer,
} from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { readDocument } from '../io.js';
import { safeText } from '../style.js';
import { styledIssueLines } from './check.js';

/** Rows of cells as aligned columns. */
function table(
  rows: readonly (readonly string[])[],
  visible: (cell: string) => number = (c) => c.length,
): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visible(cell));
    });
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visible(cell))))
      .join('  ')
      .trimEnd(),
  );
}

// eslint-disable-next-line no-control-regex
const visibleLength = (text: string): number => text.replace(/\u001b\[\d+m/g, '').length;

function clockRow(out: Printer, clock: Clock): string[] {
  const { style } = out;
  const state =
    clock.state === 'breached'
      ? style.red(clock.state)
      : clock.state === 'met'
        ? style.green(clock.state)
        : clock.state === 'paused'
          ? style.yellow(clock.state)
          : clock.state;
  const target = formatDuration(clock.target.durationMs);
  let when: string;
  if (clock.breachedAt !== null) when = `breached at ${clock.breachedAt}`;
  else if (clock.deadline === null)
    when = clock.state === 'paused' ? 'no deadline while paused' : 'no deadline';
  else when = `deadline ${clock.deadline}`;
  const used =
    clock.state === 'running'
      ? `${formatDuration(clock.remainingMs)} left of ${target} (${String(Math.floor(clock.fraction * 100))}%)`
      : `${formatDuration(clock.elapsedMs)} of ${target}`;
  return [
    clock.metric,
    state,
    when,
    `${used} ${style.dim(`${safeText(clock.target.calendar)} · ${safeText(clock.targetId)}`)}`,
  ];
}

/**
 * Prints SLA clocks as aligned rows: metric, state, deadline or breach, time used.
 *
 * @param out - stdout.
 * @param clocks - The clocks.
 * @param indent - Spaces before each row.
 * @internal
 */
export function printClocks(out: Printer, clocks: readonly Clock[], indent: string): void {
  for (const line of table(
    clocks.map((clock) => clockRow(out, clock)),
    visibleLength,
  ))
    out.line(`${indent}${line}`);
}

/**
 * Prints a decision for people: severity and routing with their reasons, every clock, due,
 * upcoming and withheld actions, approvals, updates owed, missing fields, issues (with
 * `file: path` into the ticket) and the next evaluation; the trace with `explain`.
 *
 * @param out - stdout.
 * @param decision - The decision.
 * @param source - Where the ticket comes from (`ticket.json`, `tickets.json[2]`).
 *
 * @internal
 */
export function printDecision(out: Printer, decision: Decision, source: string): void {
  const { style } = out;
  const s = safeText;
  const status = decision.status === 'ok' ? style.green('ok') : style.red('degraded');
  out.line(
    `${style.bold(s(decision.ticketId ?? '(no id)'))}  ${status}  ${style.dim(`${source} · policy ${s(decision.policy.id)} ${s(decision.policy.version)} · at ${decision.evaluatedAt}`)}`,
  );
  const { severity, routing } = decision;
  const severityWhy =
    severity.ruleId === undefined ? severity.source : `${severity.source} ${s(severity.ruleId)}`;
  const suggested = severity.suggested === severity.id ? '' : ` (suggested ${s(severity.suggested)})`;
  const who = (assignee: NonNullable<Decision['routing']['secondary']>): string =>
    `${style.cyan(s(assignee.role))}: ${assignee.members.length === 0 ? style.yellow('nobody') : s(assignee.members.join(', '))}${assignee.shiftEndsAt === null ? '' : style.dim(` (until ${assignee.shiftEndsAt})`)}`;
  const head: string[][] = [
    [
      'severity',
      `${style.bold(s(severity.id))}${suggested} ${style.dim(`${severityWhy}: ${s(severity.reason)}`)}`,
    ],
    [
      'queue',
      `${style.cyan(s(routing.queue))} ${style.dim(`(${s(routing.serviceLine)}) ${s(routing.reason)}`)}`,
    ],
    ['owner', who(routing.owner)],
  ];
  if (routing.secondary !== null) head.push(['secondary', who(routing.secondary)]);
  for (const runbook of routing.runbooks)
    head.push(['runbook', `${s(runbook.title)} ${style.dim(s(runbook.url))}`]);
  for (const line of table(head, visibleLength)) out.line(`  ${line}`);

  const section = (title: string, lines: readonly string[]): void => {
    if (lines.length === 0) return;
    out.line(`  ${style.bold(title)}`);
    for (const line of lines) out.line(`    ${line}`);
  };
  if (decision.clocks.length > 0) {
    out.line(`  ${style.bold('clocks')}`);
    printClocks(out, decision.clocks, '    ');
  }
  section(
    `actions due (${String(decision.actions.length)})`,
    decision.actions.flatMap((action) => [
      `${style.bold(action.kind)} → ${action.targets.length === 0 ? style.dim('(no one)') : s(action.targets.join(', '))}  ${style.dim(`due ${action.dueAt} · ${s(action.ruleId)}`)}`,
      `  ${s(action.reason)}`,
      `  ${style.dim(`key ${s(action.key)}`)}`,
    ]),
  );
  section(
    'upcoming',
    table(
      decision.upcoming.map((action) => [
        action.dueAt,
        action.kind,
        style.dim(`${s(action.ruleId)}: ${s(action.reason)}`),
      ]),
      visibleLength,
    ),
  );
  section(
    'withheld',
    decision.withheld.map(
      (action) =>
        `${action.kind} ${style.dim(`(${s(action.ruleId)})`)} until gate ${style.cyan(s(action.gate))} is granted`,
    ),
  );
  section(
    'approvals',
    table(
      decision.approvals
        .filter((gate) => gate.status !== 'not_required')
        .map((gate) => [
          style.cyan(s(gate.gate)),
          gate.status === 'pending' || gate.status === 'expired' ? style.yellow(gate.status) : gate.status,
          gate.dueAt === undefined ? '' : `due ${gate.dueAt}`,
          style.dim(s(gate.reason)),
        ]),
      visibleLength,
    ),
  );
  section(
    'communication',
    table(
      decision.communication.map((update) => [
        update.audience,
        update.overdue ? style.red(`overdue since ${update.dueAt}`) : `due ${update.dueAt}`,
        style.dim(
          `${s(update.template)}${update.blockedBy === undefined ? '' : ` · blocked by ${s(update.blockedBy)}`}`,
        ),
      ]),
      visibleLength,
    ),
  );
  section(
    'missing required fields',
    decision.validation.map((finding) => `${s(finding.path)}: ${s(finding.message)}`),
  );
  section('issues', styledIssueLines(out, source, decision.issues));
  if (decision.trace !== undefined)
    section(
      'trace',
      table(
        decision.trace.map((entry) => [
          entry.step,
          s(entry.id),
          entry.outcome === 'matched' || entry.outcome === 'applied'
            ? style.green(entry.outcome)
            : entry.outcome === 'errored'
              ? style.red(entry.outcome)
              : style.dim(entry.outcome),
          style.dim(s(entry.detail ?? '')),
        ]),
        visibleLength,
      ),
    );
  out.line(`  next evaluation ${decision.nextEvaluationAt ?? style.dim('none scheduled')}`);
}

/**
 * Reads the file of `--context`: who is unavailable or overloaded.
 *
 * @param context - The command's context.
 * @param args - The command's arguments.
 * @returns The evaluation context, or `undefined` without `--context`.
 * @throws {@link CliError} `input_error` when the file cannot be read or has another shape.
 * @internal
 */
export async function readContext(
  context: CommandContext,
  args: ParsedArgs,
): Promise<EvaluationContext | undefined> {
  const file = args.values.get('context');
  if (file === undefined) return undefined;
  const value = await readDocument(context.host, file);
  const valid =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([key, list]) =>
        (key === 'unavailable' || key === 'overloaded') &&
        Array.isArray(list) &&
        list.every((item) => typeof item === 'string'),
    );
  if (!valid)
    throw new CliError(
      'input_error',
      `${file}: expected \`{ "unavailable": [...], "overloaded": [...] }\` with lists of people ids`,
    );
  return value;
}

/** `escalation eval`: evaluates tickets against a policy at an instant. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate ticket snapshots against a policy at an instant',
  usage: 'eval [options] <policy> <ticket>...',
  description:
    'Evaluates each ticket snapshot (a file holding one ticket, or an array of tickets) at\n' +
    '--now, as evaluate() does: the severity and why, the queue and owners, every SLA clock,\n' +
    'the actions due now and those scheduled, approvals, updates owed, missing required\n' +
    'fields, and the next instant the answer changes. Bad ticket data never fails the\n' +
    'evaluation: the decision is degraded and its issues point into the ticket.',
  arguments: [
    ['<policy>', 'the policy file (.json, .yaml or .yml)'],
    ['<ticket>...', 'ticket files: one ticket or an array of tickets each (`-` reads standard input)'],
  ],
  positionals: [2, Infinity],
  options: {
    now: {
      type: 'string',
      value: '<instant>',
      description: 'the instant to evaluate at, ISO 8601 with an offset; default: now',
    },
    explain: { type: 'boolean', description: 'add the trace of every rule considered' },
    context: {
      type: 'string',
      value: '<file>',
      description: 'who is unavailable or overloaded: { "unavailable": [...], "overloaded": [...] }',
    },
  },
  exitCodes: [
    [0, 'every decision is ok'],
    [1, 'a decision is degraded (bad ticket data: see its issues)'],
    [
      2,
      'usage or input error: unknown option, invalid --now, a file missing or not JSON/YAML, an invalid policy',
    ],
  ],
  examples: [
    ['escalation eval policy.json ticket.json', 'evaluate now'],
    [
      'escalation eval policy.json ticket.json --now 2026-03-09T14:20:00Z --explain',
      'at an instant, with the trace',
    ],
    [
      "escalation eval policy.json ticket.json --json | jq '.actions[] | {kind, targets}'",
      'the due actions as JSON',
    ],
    ['cat ticket.json | escalation eval policy.yaml -', 'a ticket from standard input'],
  ],
  async run(context, args) {
    const now = nowOf(context, args);
    const [policyFile = '', ...ticketFiles] = args.positionals;
    const policy = await loadPolicy(context, policyFile);
    const evaluationContext = await readContext(context, args);
    const explain = args.flags.has('explain');
    const decisions: { source: string; decision: Decision }[] = [];
    for (const file of ticketFiles) {
      const value = await readDocument(context.host, file);
      const label = file === '-' ? '<stdin>' : file;
      const tickets = Array.isArray(value) ? (value as unknown[]) : [value];
      for (const [i, ticket] of tickets.entries()) {
        const decision = evaluate(policy, ticket, {
          now,
          explain,
          ...(evaluationContext === undefined ? {} : { context: evaluationContext }),
        });
        decisions.push({ source: Array.isArray(value) ? `${label}[${String(i)}]` : label, decision });
      }
    }
    if (context.json) {
      const [only] = decisions;
      writeJson(
        context,
        decisions.length === 1 && only !== undefined ? only.decision : decisions.map((d) => d.decision),
      );
    } else {
      decisions.forEach(({ source, decision }, i) => {
        if (i > 0) context.out.line();
        printDecision(context.out, decision, source);
      });
      if (decisions.length === 0)
        context.err.line(context.err.style.yellow('no tickets: every file held an empty array'));
    }
    const degraded = decisions.filter(({ decision }) => decision.status === 'degraded');
    for (const { source, decision } of degraded)
      context.err.line(
        `${context.err.style.red('degraded')} ${source}: ${decision.issues
          .filter((issue) => issue.severity === 'error')
          .map((issue) => formatPath(issue.path))
          .join(', ')}`,
      );
    return degraded.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
