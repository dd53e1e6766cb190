/**
 * The scheduled sweep: run it every minute (an EventBridge schedule `rate(1 minute)` on AWS,
 * a Cron Trigger `* * * * *` on Cloudflare). It evaluates only the tickets whose stored
 * `nextEvaluationAt` has passed, performs what came due, and stores when to come back.
 * Tickets that are not due are not read beyond the store's due index, nor evaluated.
 */
import { processTicket, type EscalationDeps, type ProcessResult } from './process-ticket.js';

/** The outcome of one sweep. */
export interface SweepReport {
  /** The instant of the sweep. */
  readonly sweptAt: string;
  /** Each due ticket, evaluated in due order. */
  readonly results: readonly ProcessResult[];
  /** Tickets that could not be processed (the store failed): they stay due. */
  readonly errors: readonly { readonly ticketId: string; readonly error: unknown }[];
}

/**
 * Evaluates every ticket due at `now` and performs its due actions.
 *
 * @param deps - The policy, store and performer.
 * @param now - The instant of the sweep (the platform's scheduled time).
 * @returns What each due ticket decided and performed.
 * @example
 * const report = await runSweep({ policy, store, perform }, new Date('2026-03-09T14:24:00Z'));
 * report.results.map((result) => result.ticketId); //=> ['ACME-1042']
 */
export async function runSweep(deps: EscalationDeps, now: Date): Promise<SweepReport> {
  const results: ProcessResult[] = [];
  const errors: { ticketId: string; error: unknown }[] = [];
  for (const record of await deps.store.listDue(now)) {
    try {
      results.push(await processTicket(deps, record.ticket, now));
    } catch (error) {
      // One ticket's failure must not stop escalation for the others.
      errors.push({ ticketId: record.ticket.id, error });
    }
  }
  return { sweptAt: now.toISOString(), results, errors };
}
