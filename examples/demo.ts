/**
 * `npm run demo`: compiles and lints the reference policy (examples/policies/acme-saas.json),
 * prints a summary of it, shows how a broken policy is answered, evaluates it against the
 * tickets of examples/tickets/ (printing readable decisions), then runs the
 * business-time engine on a sample support calendar — deadlines across a weekend, a
 * holiday, a half-day exception and a DST change.
 */
import { readFileSync } from 'node:fs';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  compilePolicy,
  evaluate,
  formatIssues,
  isOpen,
  lintPolicy,
  nextOpening,
  parseDuration,
  PolicyError,
  safeCompilePolicy,
  type PolicyDocument,
} from 'escalation-engine';

// ---------------------------------------------------------------- the reference policy
const file = new URL('./policies/acme-saas.json', import.meta.url);
const document = JSON.parse(readFileSync(file, 'utf8')) as PolicyDocument;
const started = performance.now();
const policy = compilePolicy(document);
const compileMs = performance.now() - started;
const def = policy.definition;
const count = (list: readonly unknown[] | undefined): string => String(list?.length ?? 0);
const targetOf = (value: unknown): string =>
  value === undefined ? '—' : typeof value === 'string' ? value : (value as { target: string }).target;

console.log(`== Reference policy ${def.id} ${def.version} (examples/policies/acme-saas.json)`);
console.log(
  `compiled in ${compileMs.toFixed(1)} ms (first call in the process), ${String(policy.warnings.length)} warnings\n`,
);
console.log(`severities: ${def.severities.map((s) => `${s.id} ${s.name}`).join(', ')}`);
console.log(`tiers: ${(def.tiers ?? []).map((t) => t.id).join(', ')}`);
console.log(
  `calendars: ${Object.entries(def.calendars)
    .map(([id, cal]) => `${id} (${cal.timezone})`)
    .join(', ')}`,
);
const serviceLines = [...new Set(def.routing.queues.map((q) => q.serviceLine))];
console.log(
  `queues: ${count(def.routing.queues)} in ${String(serviceLines.length)} service lines (${serviceLines.join(', ')}), default ${def.routing.default}`,
);
console.log(
  `classification rules: ${count(def.classification.rules)}, matrix: ${def.classification.matrix === undefined ? 'no' : 'yes'}, default ${def.classification.default}`,
);
console.log(
  `roles: ${String(Object.keys(def.roles).length)}, schedules: ${String(Object.keys(def.schedules ?? {}).length)}, ` +
    `escalation rules: ${count(def.escalation?.rules)}, initiation rules: ${count(def.escalation?.initiation)}, ` +
    `approval gates: ${count(def.approvals?.gates)}`,
);
console.log(
  `templates: ${String(Object.keys(def.communication?.templates ?? {}).length)}, cadences: ${count(def.communication?.cadence)}, ` +
    `required-fields rules: ${count(def.requiredFields)}, problem rules: ${count(def.problems?.rules)}`,
);
console.log('\nSLA targets (first match wins):');
console.log(
  `  ${'target'.padEnd(26)}${'severity'.padEnd(12)}${'tier'.padEnd(22)}${'calendar'.padEnd(17)}ack     first   next    update  resolve`,
);
for (const t of def.sla.targets) {
  const list = (v: string | readonly string[] | undefined): string =>
    v === undefined ? 'any' : typeof v === 'string' ? v : v.join(',');
  const m = t.metrics;
  console.log(
    `  ${t.id.padEnd(26)}${list(t.severity).padEnd(12)}${list(t.tier).padEnd(22)}${t.calendar.padEnd(17)}` +
      [m.acknowledge, m.firstResponse, m.nextResponse, m.periodicUpdate, m.resolution]
        .map((v) => targetOf(v).padEnd(8))
        .join(''),
  );
}

const now = '2026-11-26T12:00:00Z';
const findings = lintPolicy(policy, { now });
console.log(`\n== lintPolicy (now = ${now}): ${String(findings.length)} findings`);
if (findings.length > 0) console.log(formatIssues(findings));

const broken = JSON.parse(
  JSON.stringify(document).replace('"calendar":"us-business"', '"calendar":"us-bizness"'),
) as unknown;
const refused = safeCompilePolicy(broken);
if (!refused.success)
  console.log(
    `\n== A typo in a copy of the policy is refused with its path\n${formatIssues(refused.issues)}`,
  );

// ---------------------------------------------------------------- decisions
const TICKETS: readonly [file: string, now: string, what: string][] = [
  ['sev1-outage.json', '2026-03-09T14:20:00Z', 'a Sev1 outage, acknowledged and answered'],
  ['enterprise-degradation.json', '2026-03-10T15:00:00Z', 'an enterprise degradation, only a bot replied'],
  ['paused.json', '2026-03-09T14:20:00Z', 'waiting for the customer over a weekend'],
  ['reopened.json', '2026-03-09T14:20:00Z', 'resolved, then reopened by a customer reply'],
  ['malformed.json', '2026-03-09T14:20:00Z', 'malformed data from a careless integration'],
];
const fmtMs = (ms: number): string => {
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return `${sign}${String(Math.floor(minutes / 60))}h${String(minutes % 60).padStart(2, '0')}`;
};
for (const [name, now, what] of TICKETS) {
  const ticket = JSON.parse(readFileSync(new URL(`./tickets/${name}`, import.meta.url), 'utf8')) as unknown;
  const d = evaluate(policy, ticket, { now });
  console.log(`\n== ${name}: ${what} (now ${now})`);
  console.log(
    `status ${d.status}; severity ${d.severity.id} (${d.severity.source}${d.severity.ruleId === undefined ? '' : ` \`${d.severity.ruleId}\``}): ${d.severity.reason}`,
  );
  console.log(
    `queue ${d.routing.queue} (${d.routing.serviceLine}); owner ${d.routing.owner.role} [${d.routing.owner.members.join(', ')}]`,
  );
  for (const clock of d.clocks) {
    console.log(
      `  ${clock.metric.padEnd(15)}${clock.state.padEnd(10)}target ${fmtMs(clock.target.durationMs).padEnd(7)}` +
        `on ${clock.target.calendar.padEnd(15)}elapsed ${fmtMs(clock.elapsedMs).padEnd(8)}deadline ${clock.deadline ?? '—'}`,
    );
  }
  for (const action of d.actions) {
    console.log(
      `  due ${action.dueAt}  ${action.kind.padEnd(18)}${action.ruleId.padEnd(28)}→ ${action.targets.join(', ') || '—'}`,
    );
  }
  const next = d.upcoming[0];
  if (next !== undefined)
    console.log(
      `  then ${next.dueAt}  ${next.kind.padEnd(17)}${next.ruleId} (${String(d.upcoming.length)} scheduled)`,
    );
  for (const gate of d.approvals.filter((a) => a.status !== 'not_required'))
    console.log(
      `  approval ${gate.gate}: ${gate.status}${gate.dueAt === undefined ? '' : ` until ${gate.dueAt}`}`,
    );
  for (const update of d.communication)
    console.log(
      `  ${update.audience} update due ${update.dueAt}${update.overdue ? ' (overdue)' : ''}: ${update.subject ?? update.template}`,
    );
  if (d.validation.length > 0) console.log(`missing: ${d.validation.map((v) => v.path).join(', ')}`);
  if (d.issues.length > 0) console.log(formatIssues(d.issues));
  console.log(`next evaluation: ${d.nextEvaluationAt ?? 'none scheduled'}`);
}

// ---------------------------------------------------------------- business time
console.log('\n== Business time\n');

const support = compileCalendar({
  timezone: 'America/New_York',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ], // lunch break on Tuesdays
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day' },
    { annual: '01-01', name: "New Year's Day" },
  ],
  exceptions: [{ date: '2026-12-24', hours: [['09:00', '13:00']], name: 'Christmas Eve half day' }],
});

const local = (d: Date | null): string =>
  d === null
    ? 'never'
    : `${d.toLocaleString('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' })}  (${d.toISOString()})`;

const cases: [string, string, string][] = [
  ['across a weekend', '2026-03-06T15:00:00-05:00', '4h'],
  ['across the DST change (clocks spring forward Sun 2026-03-08)', '2026-03-06T16:30:00-05:00', '1h30m'],
  ['across Christmas Eve half day and Christmas Day', '2026-12-24T11:00:00-05:00', '4h'],
  ['across New Year (a yearly holiday)', '2026-12-31T15:00:00-05:00', '3h'],
  ['Tuesday lunch break', '2026-03-10T11:30:00-04:00', '1h'],
  ['start while closed (Saturday night)', '2026-03-07T22:00:00-05:00', '15m'],
  ['ending exactly at closing time', '2026-03-09T13:00:00-04:00', '4h'],
];

console.log(
  'Calendar: America/New_York, Mon–Fri 09:00–17:00 (Tue lunch 12–13), Christmas, New Year, Christmas Eve half day\n',
);
for (const [label, start, duration] of cases) {
  const deadline = addBusinessTime(support, start, parseDuration(duration));
  console.log(`${label}\n  ${start} + ${duration} business time\n  → ${local(deadline)}\n`);
}

const week = businessTimeBetween(support, '2026-03-09T00:00:00-04:00', '2026-03-16T00:00:00-04:00');
console.log(
  `Business time in the week of 2026-03-09: ${String(week / 3_600_000)} h (39 h: Tuesday has a lunch break)`,
);
console.log(
  `Open Saturday noon? ${String(isOpen(support, '2026-03-07T12:00:00-05:00'))}; next opening: ${local(nextOpening(support, '2026-03-07T12:00:00-05:00'))}`,
);

// A night shift that crosses midnight and a DST change: 22:00–24:00 + 00:00–06:00 is one period.
const nights = compileCalendar({
  timezone: 'Europe/Berlin',
  weekly: { sat: [['22:00', '24:00']], sun: [['00:00', '06:00']] },
});
const shift = businessTimeBetween(nights, '2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00');
console.log(
  `\nBerlin night shift Sat 22:00 → Sun 06:00 across the spring-forward night: ${String(shift / 3_600_000)} real hours`,
);

// Bad input is answered with issues that carry a path and a readable message.
try {
  compileCalendar({ timezone: 'America/New_Yrok', weekly: { mon: [['09:00', '25:00']] } });
} catch (error) {
  if (error instanceof PolicyError) console.log(`\nInvalid calendar rejected:\n${error.message}`);
}
try {
  parseDuration('3d');
} catch (error) {
  if (error instanceof PolicyError) console.log(`\n${error.message}`);
}
