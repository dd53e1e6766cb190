import { formatPath, lintPolicy } from '../api.js';
import { nowOf, plural, writeJson, type Command } from '../command.js';
import { EXIT } from '../errors.js';
import { compileFiles, printReports } from './check.js';

/** `escalation lint`: static analysis of policy files (lintPolicy), after the check. */
export const lint: Command = {
  name: 'lint',
  summary: 'find likely mistakes in valid policies (shadowed rules, overdue review, …)',
  usage: 'lint [options] <policy>...',
  description:
    'Compiles each policy file, then runs lintPolicy: rules that can never match, severities\n' +
    'without SLA targets, warnings that come too early, holidays out of date, roles that\n' +
    'resolve to nobody, ownership that cycles, gates nobody can grant, an overdue review.\n' +
    'A policy that does not compile is reported as `check` reports it. A finding the authors\n' +
    "have accepted is listed in the rule's `ignore` in the policy.",
  arguments: [['<policy>...', 'policy files: .json, .yaml or .yml (`-` reads standard input)']],
  positionals: [1, Infinity],
  options: {
    now: {
      type: 'string',
      value: '<instant>',
      description: 'the date the date checks use (review, holiday years); default: now',
    },
  },
  exitCodes: [
    [0, 'no findings'],
    [1, 'a finding, or a policy with errors'],
    [2, 'usage or input error: unknown option, invalid --now, a file missing or not JSON/YAML'],
  ],
  examples: [
    ['escalation lint policy.json', 'lint against the current date'],
    ['escalation lint policy.yaml --now 2026-11-26T09:00:00Z', 'as of a given instant (reproducible)'],
    ["escalation lint policy.json --json | jq '.files[0].issues[].code'", 'the finding codes'],
  ],
  async run(context, args) {
    const now = nowOf(context, args);
    const { reports, unreadable } = await compileFiles(context, args.positionals, (policy) =>
      lintPolicy(policy, { now }),
    );
    const findings = reports.reduce((n, r) => n + r.issues.length, 0);
    if (context.json) {
      writeJson(context, {
        now: now.toISOString(),
        findings,
        files: reports.map((r) => ({
          ...r,
          valid: r.policy !== null,
          issues: r.issues.map((issue) => ({ ...issue, where: formatPath(issue.path) })),
        })),
      });
    } else {
      printReports(context, reports, 'no findings');
      if (reports.length > 1 || findings > 0)
        context.out.line(
          context.out.style.dim(`${plural(reports.length, 'policy file')}: ${plural(findings, 'finding')}`),
        );
    }
    if (unreadable) return EXIT.usage;
    return findings > 0 ? EXIT.findings : EXIT.ok;
  },
};
