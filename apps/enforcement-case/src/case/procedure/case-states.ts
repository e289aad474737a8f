import { CASE_STATE_LABELS, type CaseStateCode } from '@pipeline/contracts';

// The codes and labels are the contract's (libs/contracts events/cases.ts):
// events and the intake timeline show them, so this module only groups them.

/**
 * Open: the case still needs a procedural step before 结案, so it counts in
 * a squad's open load and its clocks run (or are paused while SUSPENDED).
 * TERMINATED is open because 终止调查 still has to be closed (domain.md §4:
 * TERMINATED → CLOSED).
 */
export const OPEN_CASE_STATES = [
  'LEAD',
  'FILED',
  'INVESTIGATING',
  'REVIEW',
  'LEGAL_REVIEW',
  'NOTIFIED',
  'STATEMENT',
  'HEARING',
  'DECIDED',
  'NO_PENALTY',
  'SERVED',
  'EXECUTING',
  'TERMINATED',
  'SUSPENDED',
  'ON_SPOT_DECISION',
] as const satisfies readonly CaseStateCode[];

/**
 * Ended: no further procedural step, so the case no longer weighs on its
 * squad and no clock of it runs. CLOSED still has one records step
 * (archive); the others have none. 不予立案, 移送 and 撤销立案 have no
 * outgoing arrow in domain.md §4, so they are final as they stand.
 * With OPEN_CASE_STATES the one list of both: every state is in exactly one.
 */
export const ENDED_CASE_STATES = ['CLOSED', 'NOT_FILED', 'TRANSFERRED', 'FILING_REVOKED', 'ARCHIVED'] as const satisfies readonly CaseStateCode[];

/** Terminal: no transition leaves them at all. */
export const TERMINAL_CASE_STATES = ['NOT_FILED', 'TRANSFERRED', 'FILING_REVOKED', 'ARCHIVED'] as const satisfies readonly CaseStateCode[];

/**
 * States that may be suspended (中止) and resumed to: every open state except
 * SUSPENDED itself and TERMINATED, whose procedure has already ended and
 * only waits to be closed.
 */
export const SUSPENDABLE_CASE_STATES = [
  'LEAD',
  'FILED',
  'INVESTIGATING',
  'REVIEW',
  'LEGAL_REVIEW',
  'NOTIFIED',
  'STATEMENT',
  'HEARING',
  'DECIDED',
  'NO_PENALTY',
  'SERVED',
  'EXECUTING',
  'ON_SPOT_DECISION',
] as const satisfies readonly CaseStateCode[];

/** A state as stored or grouped by (a plain string); an unknown one counts as open, as the repository's query does. */
export function isEndedState(state: string): boolean {
  return (ENDED_CASE_STATES as readonly string[]).includes(state);
}

export function stateLabel(state: CaseStateCode): string {
  return CASE_STATE_LABELS[state];
}
