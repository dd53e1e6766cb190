import {
  createMetricsAccumulator,
  type MetricsDimension,
  type MetricsGroup,
  type MetricsReport,
} from '../../index.js';
import { loadPolicy, nowOf, plural, writeJson, type Command, type Printer } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { openTickets } from '../io.js';
import { createProgress } from '../progress.js';
import { safeText } from '../style.js';

const DIMENSIONS: readonly MetricsDimension[] = ['severity', 'queue', 'serviceLine', 'tier', 'week'];

/** The most skipped lines printed on stderr. */
const PRINTED_BAD_LINES = 20;

const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : `${value.toFixed(1)}%`;

/** `--group-by severity,week` → the dimensions, checked. */
function groupByOf(text: string | undefined): MetricsDimension[] {
  if (text === undefined) return ['severity'];
  const dimensions: MetricsDimension[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    const known = DIMENSIONS.find((dimension) => dimension === name);
    if (known === undefined)
      throw new CliError(
        'usage_error',
        `invalid \`--group-by\` \`${safeText(name)}\`: expected a comma-separated list of ${DIMENSIONS.join(', ')}`,
      );
    if (!dimensions.includes(known)) dimensions.push(known);
  }
  return dimensions;
}

/** One line of figures: tickets, within target per metric, breached clocks, escalations. */
function figures(group: MetricsGroup): string {
  const within = Object.entries(group.sla)
    .map(([metric, stats]) => `${metric} ${percent(stats.metPercent)}`)
    .join(' · ');
  const breached = Object.values(group.sla).reduce((sum, stats) => sum + stats.breached, 0);
  const { escalations } = group;
  return `${plural(group.tickets, 'ticket')} · within target ${within === '' ? '–' : within} · breached clocks ${String(breached)} · escalated ${percent(escalations.ticketsPercent)}, on time ${percent(escalations.onTimePercent)}`;
}

/**
 * Prints a metrics report for people: the total, then one line per group.
 *
 * @param out - stdout.
 * @param report - The report.
 * @internal
 */
export function printMetrics(out: Printer, report: MetricsReport): void {
  const { style } = out;
  out.line(
    `${style.bold('metrics')} ${safeText(`${report.policy.id} ${report.policy.version}`)}  ${style.dim(`grouped by ${report.groupBy.join(', ') || 'nothing'}`)}`,
  );
  out.line(`  total  ${figures(report.total)}`);
  for (const group of report.groups) {
    const key = report.groupBy.map((dimension) => safeText(group.key[dimension] ?? '–')).join(' / ');
    out.line(`  ${style.bold(key)}  ${figures(group)}`);
  }
  if (report.total.degraded > 0) out.line(`  degraded tickets ${String(report.total.degraded)}`);
}

/** `escalation metrics`: computeMetrics over a corpus of tickets. */
export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'SLA attainment, breaches, response times, escalations and reopens of a corpus',
  usage: 'metrics [options] <policy> <tickets>',
  description:
    'Streams a corpus of ticket snapshots through computeMetrics() at --now and prints, in total\n' +
    'and per group, the percentage within target per SLA metric, breached clocks, escalation\n' +
    'frequency and on-time rate (--json: the whole MetricsReport, percentiles included). Lines of\n' +
    'a JSON Lines corpus that are not JSON are skipped, counted and listed with their line number.\n' +
    'For charts, see `escalation report`.',
  arguments: [
    ['<policy>', 'the policy file (.json, .yaml or .yml)'],
    ['<tickets>', 'a .jsonl file read a line at a time (`-`: standard input), or a .json/.yaml array'],
  ],
  positionals: [2, 2],
  options: {
    now: {
      type: 'string',
      value: '<instant>',
      description: 'the instant every ticket is measured at; default: now',
    },
    'group-by': {
      type: 'string',
      value: '<dimensions>',
      description: `comma-separated, any of ${DIMENSIONS.join(', ')} (default severity)`,
    },
    'week-zone': {
      type: 'string',
      value: '<zone>',
      description: 'the IANA time zone of the ISO weeks (default UTC)',
    },
  },
  exitCodes: [
    [0, 'every line was read and measured'],
    [1, 'lines that are not JSON were skipped'],
    [
      2,
      'usage or input error: unknown option, invalid --now or --group-by, a file missing, an invalid policy',
    ],
  ],
  examples: [
    [
      'escalation metrics policy.json tickets.jsonl --now 2026-03-16T12:00:00Z --group-by severity,week',
      'the figures per severity and ISO week',
    ],
    [
      "escalation metrics policy.json tickets.jsonl --json | jq '.total.sla.firstResponse.businessMs.p90'",
      'one figure of the report',
    ],
  ],
  async run(context, args) {
    const now = nowOf(context, args);
    const groupBy = groupByOf(args.values.get('group-by'));
    const weekTimeZone = args.values.get('week-zone') ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: weekTimeZone });
    } catch {
      throw new CliError(
        'usage_error',
        `invalid \`--week-zone\` \`${safeText(weekTimeZone)}\`: unknown time zone`,
      );
    }
    const [policyFile = '', ticketsFile = ''] = args.positionals;
    const policy = await loadPolicy(context, policyFile);
    const accumulator = createMetricsAccumulator(policy, { now, groupBy, weekTimeZone });
    const { err } = context;
    let badLines = 0;
    const corpus = await openTickets(context.host, ticketsFile, {
      onBadLine: (line) => {
        badLines++;
        if (badLines <= PRINTED_BAD_LINES)
          err.line(
            `${err.style.yellow('escalation:')} metrics: ${safeText(`${line.source}: ${line.message}`)} (skipped)`,
          );
      },
    });
    const progress = createProgress(context.host.stderr, {
      label: 'metrics',
      total: corpus.total,
      items: 'tickets',
      now: () => context.host.now().getTime(),
    });
    let count = 0;
    try {
      for await (const entry of corpus.entries) {
        accumulator.add(entry.ticket);
        progress.update(entry.done, ++count);
      }
    } finally {
      progress.finish();
    }
    if (badLines > PRINTED_BAD_LINES)
      err.line(err.style.dim(`… and ${plural(badLines - PRINTED_BAD_LINES, 'more line')} skipped`));
    const report = accumulator.report();
    if (context.json) writeJson(context, report);
    else printMetrics(context.out, report);
    return badLines > 0 ? EXIT.findings : EXIT.ok;
  },
};
