// The computation every runtime performs (Node, a bare node:vm context, headless Chromium):
// the same inputs in, one JSON text out. It has no runtime imports: the engine is passed in,
// so the file runs as is wherever the bundle under test is loaded (esbuild strips the types).
import type * as Engine from '../../src/index.js';

/** One evaluation to perform. */
export interface RuntimeCase {
  /** Where the case comes from (`examples/tickets/paused.json`, `generated #12`). */
  readonly label: string;
  readonly ticket: unknown;
  readonly now: string | number;
  readonly explain: boolean;
}

/** Everything a runtime computes, as plain JSON. */
export interface RuntimeInput {
  /** The reference policy document. */
  readonly policy: unknown;
  /** A broken policy: its issues and formatted message must match too. */
  readonly invalidPolicy: unknown;
  readonly cases: readonly RuntimeCase[];
  /** The instant `lintPolicy` runs at. */
  readonly lintNow: string;
  /** A scenario for `simulate`. */
  readonly drill: unknown;
  /** Business-time queries on a calendar across DST changes: `[start, durationMs]`. */
  readonly calendar: unknown;
  readonly additions: readonly (readonly [string, number])[];
}

/** What the host looks like from inside: not compared, shown when a test fails. */
export interface RuntimeEnvironment {
  readonly timeZone: string;
  readonly locale: string;
  readonly calendar: string;
  readonly numberingSystem: string;
  /** `new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()`: proves which zone the host is in. */
  readonly offsetMinutes: number;
}

/** The results, compared with deep equality across runtimes (`environment` aside). */
export interface RuntimeOutput {
  readonly environment: RuntimeEnvironment;
  readonly decisions: readonly unknown[];
  readonly lint: unknown;
  readonly invalid: unknown;
  readonly simulation: unknown;
  readonly businessTime: readonly (string | null)[];
}

/**
 * Runs every case of `input` with `engine` and returns the results as JSON text (serialised
 * inside the runtime, as a host would send them).
 */
export function runCases(engine: typeof Engine, inputText: string): string {
  const input = JSON.parse(inputText) as RuntimeInput;
  const resolved = new Intl.DateTimeFormat().resolvedOptions();
  const environment: RuntimeEnvironment = {
    timeZone: resolved.timeZone,
    locale: resolved.locale,
    calendar: resolved.calendar,
    numberingSystem: resolved.numberingSystem,
    offsetMinutes: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(),
  };
  const policy = engine.compilePolicy(input.policy);
  const decisions = input.cases.map((c) =>
    engine.evaluate(policy, c.ticket, { now: c.now, explain: c.explain }),
  );
  const invalid = engine.safeCompilePolicy(input.invalidPolicy);
  const calendar = engine.compileCalendar(input.calendar as Engine.CalendarDefinition);
  const output: RuntimeOutput = {
    environment,
    decisions,
    lint: engine.lintPolicy(policy, { now: input.lintNow }),
    invalid: invalid.success
      ? 'compiled'
      : { issues: invalid.issues, text: engine.formatIssues(invalid.issues) },
    simulation: engine.simulate(policy, input.drill as Engine.Scenario),
    businessTime: input.additions.map(
      ([start, ms]) => engine.addBusinessTime(calendar, start, ms)?.toISOString() ?? null,
    ),
  };
  return JSON.stringify(output);
}
