/**
 * Prints one SHA-256 digest of everything the engine answers for a fixed workload: the
 * reference policy's decisions (with traces) for 300 generated tickets and for every case of
 * the fixture corpus, a simulated drill, an incident report, metrics, lint findings and a
 * refused policy's formatted issues. scripts/test-tz.sh runs it under each host time zone and
 * locale and fails unless every digest is the same: the output does not depend on the host
 * (DESIGN §1, STYLE §8.5). Run with `npx tsx test/hostile/decision-digest.ts`;
 * test/hostile/determinism.test.ts uses it in-process too.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import {
  compilePolicy,
  evaluate,
  formatIssues,
  lintPolicy,
  reportIncidents,
  safeCompilePolicy,
  simulate,
  computeMetrics,
} from '../../src/index.js';
import { ticketAndNowArbitrary } from '../../src/testing/index.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/**
 * The digest of the fixed workload, with `tickets` generated tickets (300 for the script).
 *
 * @param tickets - How many generated tickets to decide.
 * @returns The SHA-256 digest, in hex.
 */
export function decisionDigest(tickets = 300): string {
  const document = read('examples/policies/acme-saas.json');
  const policy = compilePolicy(document);
  const hash = createHash('sha256');
  const add = (label: string, value: unknown): void => {
    hash.update(`${label}\n${JSON.stringify(value)}\n`);
  };

  const generated = fc.sample(ticketAndNowArbitrary(policy, { maxEvents: 12 }), {
    numRuns: tickets,
    seed: 20261126,
  });
  for (const [index, { ticket, now }] of generated.entries())
    add(`generated ${String(index)}`, evaluate(policy, ticket, { now, explain: true }));

  const fixtures = new URL('test/fixtures/', root);
  for (const file of readdirSync(fixtures)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const fixture = JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as {
      policy: unknown;
      cases: { ticket: unknown; now: string }[];
    };
    const compiled = compilePolicy(fixture.policy);
    for (const [index, testCase] of fixture.cases.entries())
      add(
        `${file} ${String(index)}`,
        evaluate(compiled, testCase.ticket, { now: testCase.now, explain: true }),
      );
  }

  add('drill', simulate(policy, read('examples/drills/sev1-outage.json') as never));
  const corpus = generated.map(({ ticket }) => ticket);
  add('incidents', reportIncidents(policy, corpus, { now: '2027-01-01T00:00:00Z' }));
  add(
    'metrics',
    computeMetrics(policy, corpus, { now: '2027-01-01T00:00:00Z', groupBy: ['severity', 'week'] }),
  );
  add('lint', lintPolicy(policy, { now: '2026-11-26T12:00:00Z' }));
  const refused = safeCompilePolicy({
    ...(document as object),
    calendars: { 'us-business': { timezone: 'America/New_Yrok', weekly: {} } },
  });
  add('refused', refused.success ? [] : formatIssues(refused.issues));
  return hash.digest('hex');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log(decisionDigest());
