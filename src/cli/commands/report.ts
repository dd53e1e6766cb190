import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadPolicy, nowOf, plural, writeJson, type Command, type Printer } from '../command.js';
import { breachedOf, createDashboardCollector, metricsOf, type DashboardData } from '../dashboard.js';
import { CliError, EXIT } from '../errors.js';
import { openTickets } from '../io.js';
import { createProgress } from '../progress.js';
import { renderDashboard } from '../report-dashboard.js';
import { safeText } from '../style.js';

/** The most skipped lines printed on stderr (the report and `--json` list more). */
const PRINTED_BAD_LINES = 20;

const percent = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)}%`);

/**
 * Prints the report's key figures for people.
 *
 * @param out - stdout.
 * @param data - The dashboard's figures.
 * @param top - How many services to list.
 * @internal
 */
export function printReport(out: Printer, data: DashboardData, top: number): void {
  const { style } = out;
  const { total } = data.metrics.severity;
  out.line(
    `${style.bold('report')} ${safeText(`${data.policy.id} ${data.policy.version}`)}  ${style.dim(`${plural(data.corpus.tickets, 'ticket')} from ${safeText(data.corpus.file)} at ${data.now}`)}`,
  );
  const within = metricsOf(data)
    .map((metric) => `${metric} ${percent(total.sla[metric]?.metPercent ?? null)}`)
    .join(' · ');
  out.line(`  within target   ${within}`);
  const breached = breachedOf(total);
  const { escalations } = total;
  out.line(
    `  breached clocks ${breached > 0 ? style.red(String(breached)) : style.green('0')} · escalated tickets ${String(escalations.tickets)} (${percent(escalations.ticketsPercent)}) · escalation actions on time ${percent(escalations.onTimePercent)}`,
  );
  const services = data.services
    .filter((service) => service.breached > 0)
    .slice(0, top)
    .map((service) => `${safeText(service.service ?? '(no service)')} ${String(service.breached)}`);
  if (services.length > 0) out.line(`  top breaching services ${services.join(', ')}`);
  const open = data.incidents.problems.filter((problem) => problem.status === 'open');
  const bySeverity = new Map<string, number>();
  for (const problem of open) bySeverity.set(problem.severity, (bySeverity.get(problem.severity) ?? 0) + 1);
  const detail = [...bySeverity].map(([severity, n]) => `${safeText(severity)} ${String(n)}`).join(', ');
  out.line(
    `  open problems   ${open.length > 0 ? style.yellow(String(open.length)) : '0'}${detail === '' ? '' : ` (${detail})`}`,
  );
  if (total.degraded > 0) out.line(`  degraded tickets ${String(total.degraded)}`);
  if (data.corpus.badLines > 0)
    out.line(
      style.red(
        `  ${plural(data.corpus.badLines, 'line')} skipped: not JSON (listed on stderr and in the report)`,
      ),
    );
}

/** `escalation report`: the dashboard of a corpus of tickets against a policy. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'a self-contained HTML dashboard of SLA compliance, breaches, escalations and problems',
  usage: 'report [options] <policy> <tickets>',
  description:
    'Measures every ticket of a corpus at --now as computeMetrics() does and correlates them as\n' +
    'reportIncidents() does, then writes one HTML page with no script and no network access:\n' +
    'the percentage within target per SLA metric by severity, queue and tier, breached clocks\n' +
    'per ISO week, the escalation funnel, the services with the most breaches and the open\n' +
    'problems. Lines of a JSON Lines corpus that are not JSON are skipped, counted and listed\n' +
    'with their line number. Without --out the page goes to stdout (never to a terminal).',
  arguments: [
    ['<policy>', 'the policy file (.json, .yaml or .yml)'],
    ['<tickets>', 'a .jsonl file read a line at a time (`-`: standard input), or a .json/.yaml array'],
  ],
  positionals: [2, 2],
  options: {
    now: {
      type: 'string',
      value: '<instant>',
      description: 'the instant every ticket is measured and correlated at; default: now',
    },
    out: { type: 'string', value: '<file>', description: 'write the HTML page to this file' },
    'week-zone': {
      type: 'string',
      value: '<zone>',
      description: 'the IANA time zone of the ISO weeks of the trend (default UTC)',
    },
    top: {
      type: 'string',
      value: '<n>',
      description: 'how many of the most breaching services to chart (default 10)',
    },
  },
  exitCodes: [
    [0, 'the report was written, every line read'],
    [1, 'the report was written, but lines that are not JSON were skipped'],
    [
      2,
      'usage or input error: unknown option, invalid --now, a file missing or not JSON/YAML, an invalid policy, the page to a terminal',
    ],
  ],
  examples: [
    [
      'escalation report policy.json tickets.jsonl --now 2026-03-16T12:00:00Z --out report.html',
      'write the dashboard as of an instant',
    ],
    ['escalation report policy.yaml export.jsonl > report.html', 'the page on stdout'],
    [
      "escalation report policy.json tickets.jsonl --json | jq '.metrics.severity.total.sla'",
      'the figures behind it as JSON',
    ],
  ],
  async run(context, args) {
    const now = nowOf(context, args);
    const topText = args.values.get('top');
    const top = topText === undefined ? 10 : Number(topText);
    if (!(Number.isSafeInteger(top) && top > 0))
      throw new CliError(
        'usage_error',
        `invalid \`--top\` \`${topText ?? ''}\`: expected a positive integer`,
      );
    const weekTimeZone = args.values.get('week-zone') ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: weekTimeZone });
    } catch {
      throw new CliError('usage_error', `invalid \`--week-zone\` \`${weekTimeZone}\`: unknown time zone`);
    }
    const out = args.values.get('out');
    if (out === undefined && !context.json && context.host.stdout.isTTY)
      throw new CliError(
        'usage_error',
        'the HTML page would go to the terminal: give `--out <file>`, or redirect stdout to a file',
      );
    const [policyFile = '', ticketsFile = ''] = args.positionals;
    const policy = await loadPolicy(context, policyFile);
    const label = ticketsFile === '-' ? '<stdin>' : ticketsFile;
    const collector = createDashboardCollector(policy, { file: label, now, weekTimeZone });
    const corpus = await openTickets(context.host, ticketsFile, {
      onBadLine: (line) => {
        collector.badLine(line);
      },
    });
    const progress = createProgress(context.host.stderr, {
      label: 'report',
      total: corpus.total,
      items: 'tickets',
      now: () => context.host.now().getTime(),
    });
    let count = 0;
    try {
      for await (const entry of corpus.entries) {
        collector.add(entry);
        progress.update(entry.done, ++count);
      }
    } finally {
      progress.finish();
    }
    const data = collector.finish();
    const { err } = context;
    for (const line of data.badLines.slice(0, PRINTED_BAD_LINES))
      err.line(
        `${err.style.yellow('escalation:')} report: ${safeText(`${line.source}: ${line.message}`)} (skipped)`,
      );
    if (data.corpus.badLines > PRINTED_BAD_LINES)
      err.line(
        err.style.dim(
          `… and ${plural(data.corpus.badLines - PRINTED_BAD_LINES, 'more line')} skipped (the report lists them)`,
        ),
      );
    const serviceLines = new Map(
      policy.definition.routing.queues.map((queue) => [queue.id, queue.serviceLine]),
    );
    const html =
      out === undefined && context.json
        ? undefined
        : renderDashboard(data, { sources: [policyFile, label], top, serviceLines });
    if (out !== undefined && html !== undefined) {
      try {
        await writeFile(resolve(context.host.cwd, out), html);
      } catch (error) {
        throw new CliError(
          'input_error',
          `cannot write \`${out}\`: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (context.json) writeJson(context, data);
    else if (out === undefined) context.host.stdout.write(html ?? '');
    else printReport(context.out, data, top);
    if (out !== undefined) err.line(err.style.dim(`wrote ${out}`));
    return data.corpus.badLines > 0 ? EXIT.findings : EXIT.ok;
  },
};
