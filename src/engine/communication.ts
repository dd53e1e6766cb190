import { timelineOf } from '../calendar/index.js';
import { MAX_INSTANT_MS } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import type { NormalizedTicket } from '../ticket/index.js';
import type { RenderContext } from './actions.js';
import type { GateState } from './approvals.js';
import type { EffectiveSeverity } from './front.js';
import type { DecisionRedactor } from './redactor.js';
import { renderTemplate } from './render.js';
import type { CommunicationDecision } from './types.js';

/** What the cadences need from the decision so far. */
export interface CommunicationInputs {
  readonly model: PolicyModel;
  readonly ticket: NormalizedTicket;
  readonly now: number;
  readonly severity: EffectiveSeverity;
  /** Since when the effective severity holds (its cadences count from then). */
  readonly since: number;
  /** The resolve and reopen instants: a reopen starts the cadences again. */
  readonly resolves: readonly { readonly at: number; readonly resolved: boolean }[];
  /** Per event, whether it is a reply that counts as a response (public agent replies). */
  readonly responses: readonly boolean[];
  readonly gates: ReadonlyMap<string, GateState>;
  readonly context: RenderContext;
  readonly redact: DecisionRedactor;
  /** ISO strings of instants, remembered for the evaluation. */
  readonly iso: (ms: number) => string;
}

/** `every` after `from`: wall-clock time, or business time on the cadence's calendar. */
function after(cadence: PolicyModel['cadence'][number], from: number): number | undefined {
  const at =
    cadence.calendar === undefined
      ? from + cadence.everyMs
      : (timelineOf(cadence.calendar, 'evaluate').add(from, cadence.everyMs) ?? undefined);
  // Beyond the last representable instant (a duration of centuries): never.
  return at === undefined || at > MAX_INSTANT_MS ? undefined : at;
}

/**
 * The next update owed to each audience by the cadences of the effective severity
 * (docs/escalation.md, Communication): `every` after the latest update to that audience
 * (an `updateSent` event; for customers also a reply that counts as a response), or after
 * the severity took effect (or the ticket was last reopened) when there was none since.
 * Resolved tickets owe nothing (the caller checks). Each entry carries its template rendered
 * and redacted; `dueAts` holds each entry's due instant in epoch ms.
 *
 * @internal
 */
export function communications(inputs: CommunicationInputs): {
  entries: CommunicationDecision[];
  dueAts: number[];
} {
  const { model, ticket, now, redact } = inputs;
  const out: CommunicationDecision[] = [];
  /** Each entry's due instant, in epoch ms (the entries carry it as an ISO string). */
  const dueAts: number[] = [];
  if (model.cadence.length === 0) return { entries: out, dueAts };
  let blockedBy: string | undefined;
  for (const state of inputs.gates.values()) {
    if (state.status !== 'granted' && state.gate.blocks.has('sendUpdate')) {
      blockedBy = state.gate.id;
      break;
    }
  }
  const severity = inputs.severity.id;
  // Counting starts when the severity took effect, or at the latest reopen after it.
  let reopenedSince = inputs.since;
  for (const change of inputs.resolves)
    if (!change.resolved && change.at > reopenedSince) reopenedSince = change.at;
  for (const cadence of model.cadence) {
    if (!cadence.severities.has(severity)) {
      // A `*` cadence, unless one for this severity covers the same audience.
      if (!cadence.severities.has('*')) continue;
      const specific = model.cadence.some(
        (other) => other.audience === cadence.audience && other.severities.has(severity),
      );
      if (specific) continue;
    }
    let last = reopenedSince;
    for (let i = 0; i < ticket.events.length; i++) {
      const event = ticket.events[i];
      if (event === undefined || event.at < last) continue;
      const counts =
        (event.type === 'updateSent' && event.audience === cadence.audience) ||
        (cadence.audience === 'customer' && inputs.responses[i] === true);
      if (counts) last = event.at;
    }
    const dueAt = after(cadence, last);
    if (dueAt === undefined) continue;
    const template = model.templates.get(cadence.template);
    // The update after this one: from its due instant, so the text holds until then.
    const nextAt = after(cadence, dueAt);
    const dueText = inputs.iso(dueAt);
    const update = {
      audience: cadence.audience,
      dueAt: dueText,
      nextAt: nextAt === undefined ? undefined : inputs.iso(nextAt),
    };
    // `update` is passed beside the context, which is not copied per cadence to hold it.
    const rendered =
      template === undefined
        ? { subject: undefined, body: '' }
        : renderTemplate(template, inputs.context.get(), redact, update);
    const entry: CommunicationDecision = {
      cadence: cadence.id,
      audience: cadence.audience,
      dueAt: dueText,
      overdue: dueAt <= now,
      template: cadence.template,
      ...(rendered.subject === undefined ? {} : { subject: rendered.subject }),
      rendered: rendered.body,
      ...(blockedBy === undefined ? {} : { blockedBy }),
    };
    out.push(entry);
    dueAts.push(dueAt);
  }
  return { entries: out, dueAts };
}
