import { formatPath, safeCompilePolicy, type Issue, type Policy } from '../api.js';
import { plural, writeJson, type Command, type CommandContext, type Printer } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { issueLines, readDocument } from '../io.js';
import { safeText } from '../style.js';

/** The report of one policy file, for `check` and `lint`. */
export interface FileReport {
  /** The file as given. */
  readonly file: string;
  /** The policy's id and version, when it compiled. */
  readonly policy: { readonly id: string; readonly version: string } | null;
  /** Every issue, with its path into the file. */
  readonly issues: readonly Issue[];
  /** The file could not be read or parsed (then `issues` is empty). */
  readonly error?: string | undefined;
}

/**
 * Issues as `file: path: message` (`formatIssues` of the public API), errors in red and
 * warnings in yellow, each with its code.
 *
 * @internal
 */
export function styledIssueLines(out: Printer, file: string, issues: readonly Issue[]): string[] {
  const lines = issueLines(file, issues);
  return issues.map((issue, i) => {
    const text = safeText(lines[i] ?? '');
    const colour = issue.severity === 'error' ? out.style.red : out.style.yellow;
    return `${colour(text)} ${out.style.dim(`[${issue.code}]`)}`;
  });
}

/**
 * Reads and compiles each policy file: a report per file, with the compile errors of an
 * invalid policy or `issuesOf` a valid one; unreadable files are reported on stderr.
 *
 * @internal
 */
export async function compileFiles(
  context: CommandContext,
  files: readonly string[],
  issuesOf: (policy: Policy, warnings: readonly Issue[]) => readonly Issue[],
): Promise<{ reports: FileReport[]; unreadable: boolean }> {
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
    const read = await readPolicyFile(context, file);
    if ('error' in read) {
      unreadable = true;
      context.err.line(`${context.err.style.red('error')} ${read.error.message}`);
      reports.push({ file, policy: null, issues: [], error: read.error.message });
      continue;
    }
    const result = safeCompilePolicy(read.value);
    reports.push(
      result.success
        ? {
            file,
            policy: { id: result.policy.id, version: result.policy.version },
            issues: issuesOf(result.policy, result.warnings),
          }
        : { file, policy: null, issues: result.issues },
    );
  }
  return { reports, unreadable };
}

/**
 * Prints the issues of file reports as `file: path: message`, errors red and warnings yellow.
 *
 * @internal
 */
export function printReports(context: CommandContext, reports: readonly FileReport[], clean: string): void {
  const { out } = context;
  for (const report of reports) {
    if (report.error !== undefined) continue;
    for (const line of styledIssueLines(out, report.file, report.issues)) out.line(line);
    if (report.issues.length === 0 && report.policy !== null)
      out.line(
        `${out.style.green('ok')} ${report.file}: ${clean} ${out.style.dim(`(${safeText(report.policy.id)} ${safeText(report.policy.version)})`)}`,
      );
  }
}

/**
 * Reads a policy file for a report; unreadable files are reported on stderr.
 *
 * @internal
 */
export async function readPolicyFile(
  context: CommandContext,
  file: string,
): Promise<{ value: unknown } | { error: CliError }> {
  try {
    return { value: await readDocument(context.host, file) };
  } catch (error) {
    if (error instanceof CliError) return { error };
    throw error;
  }
}

/** `escalation check`: compiles policy files and lists every problem with its path. */
export const check: Command = {
  name: 'check',
  summary: 'validate policy files (shape, references, durations, conditions)',
  usage: 'check [options] <policy>...',
  description:
    'Compiles each policy file (JSON or YAML) as compilePolicy does and lists every problem\n' +
    'with its path into the file, errors first, in document order. Warnings (such as a\n' +
    'calendar that is never open) are listed too and do not fail the check.',
  arguments: [['<policy>...', 'policy files: .json, .yaml or .yml (`-` reads standard input)']],
  positionals: [1, Infinity],
  options: {},
  exitCodes: [
    [0, 'every policy is valid (warnings allowed)'],
    [1, 'a policy has errors'],
    [2, 'usage or input error: unknown option, a file missing or not JSON/YAML'],
  ],
  examples: [
    ['escalation check policy.json', 'validate one policy'],
    ['escalation check policies/*.yaml', 'validate several; each problem as `file: path: message`'],
    ["escalation check policy.json --json | jq '.files[0].issues'", 'the issues as JSON'],
  ],
  async run(context, args) {
    const { reports, unreadable } = await compileFiles(
      context,
      args.positionals,
      (_policy, warnings) => warnings,
    );
    const errors = reports.reduce((n, r) => n + r.issues.filter((i) => i.severity === 'error').length, 0);
    const warnings = reports.reduce((n, r) => n + r.issues.filter((i) => i.severity === 'warning').length, 0);
    const invalid = reports.filter((r) => r.error === undefined && r.policy === null).length;
    if (context.json) {
      writeJson(context, {
        valid: invalid === 0 && !unreadable,
        errors,
        warnings,
        files: reports.map((r) => ({
          ...r,
          valid: r.policy !== null,
          issues: r.issues.map((issue) => ({ ...issue, where: formatPath(issue.path) })),
        })),
      });
    } else {
      printReports(context, reports, 'valid');
      if (reports.length > 1 || errors + warnings > 0)
        context.out.line(
          context.out.style.dim(
            `${plural(reports.length, 'policy file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
          ),
        );
    }
    if (unreadable) return EXIT.usage;
    return invalid > 0 ? EXIT.findings : EXIT.ok;
  },
};
