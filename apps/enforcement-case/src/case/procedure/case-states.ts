import { CASE_PROCEDURES, CASE_STATE_CODES, CASE_STATE_LABELS, type CaseProcedure, type CaseStateCode } from '@pipeline/contracts';

// The codes and labels are the contract's (libs/contracts events/cases.ts):
// events and the intake timeline show them, so this module only groups them.
export { CASE_PROCEDURES, CASE_STATE_CODES, CASE_STATE_LABELS, type CaseProcedure, type CaseStateCode };

export const PROCEDURE_LABELS: Readonly<Record<CaseProcedure, string>> = { general: '普通程序', simple: '简易程序' };

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
 * Ended: no further procedural step. CLOSED still has one records step
 * (archive); the others have none. 不予立案, 移送 and 撤销立案 have no
 * outgoing arrow in domain.md §4, so they are final as they stand.
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

export type OpenCaseState = (typeof OPEN_CASE_STATES)[number];
export type SuspendableCaseState = (typeof SUSPENDABLE_CASE_STATES)[number];

export function isCaseStateCode(value: unknown): value is CaseStateCode {
  return typeof value === 'string' && (CASE_STATE_CODES as readonly string[]).includes(value);
}

export function isOpenState(state: CaseStateCode): boolean {
  return (OPEN_CASE_STATES as readonly CaseStateCode[]).includes(state);
}

export function isTerminalState(state: CaseStateCode): boolean {
  return (TERMINAL_CASE_STATES as readonly CaseStateCode[]).includes(state);
}

export function isSuspendableState(state: CaseStateCode): state is SuspendableCaseState {
  return (SUSPENDABLE_CASE_STATES as readonly CaseStateCode[]).includes(state);
}

export function stateLabel(state: CaseStateCode): string {
  return CASE_STATE_LABELS[state];
}
