// Builders for the procedure's specs (and the service's, later): a valid
// snapshot and input for any row of the transition table, so a test states
// only what it changes.
import type { CaseDecision, DocumentRef, Officer, PenaltyDecision, PenaltyNotice } from './case-decisions';
import type { CaseSnapshot, ProcedurePolicy, TransitionInput } from './case-state-machine';
import type { TransitionRule } from './case-transitions';

export const OFFICER_A: Officer = { id: 'officer-wang', certificateNo: '37020011001', name: '王强' };
export const OFFICER_B: Officer = { id: 'officer-li', certificateNo: '37020011002', name: '李敏' };
export const TWO_OFFICERS: readonly Officer[] = [OFFICER_A, OFFICER_B];

export const AT = new Date('2024-03-11T10:00:00+08:00');
export const ACTOR = { id: 'user-zhang' };
/** The bureau's default: every general case is reviewed. */
export const REVIEW_ALL: ProcedurePolicy = { legalReviewForAllGeneralCases: true };
/** Only Art. 58's cases are reviewed. */
export const REVIEW_ART58_ONLY: ProcedurePolicy = { legalReviewForAllGeneralCases: false };

export function docs(...kinds: string[]): DocumentRef[] {
  return kinds.map((kind, i) => ({ kind, ref: `青城管〔2024〕${i + 1}号` }));
}

export function aPenalty(overrides: Partial<PenaltyDecision> = {}): PenaltyDecision {
  return { legalBasis: '《青岛市城市市容和环境卫生管理条例》第五十二条', fineFen: 500_000, warning: false, ...overrides };
}

export function aNotice(overrides: Partial<PenaltyNotice> = {}): PenaltyNotice {
  return { penalty: aPenalty(), hearingRight: true, statementDays: 5, ...overrides };
}

export function aDecision(overrides: Partial<PenaltyDecision> = {}): CaseDecision {
  return { kind: 'penalty', ...aPenalty(overrides) };
}

export function aSnapshot(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return { state: 'LEAD', procedure: 'general', since: new Date('2024-03-01T09:00:00+08:00'), ...overrides };
}

/** A snapshot in `row.from` on which every guard of the row holds. */
export function snapshotFor(row: TransitionRule): CaseSnapshot {
  const procedure = row.procedure === 'simple' || row.from === 'ON_SPOT_DECISION' ? 'simple' : 'general';
  const base = aSnapshot({ state: row.from, procedure, partyType: 'citizen' });
  if (row.from === 'SUSPENDED') return { ...base, suspendedFrom: row.to, procedure: row.to === 'ON_SPOT_DECISION' ? 'simple' : 'general' };
  const withNotice = { ...base, notice: aNotice(), legalReviewDone: true };
  if (row.guards.includes('notice_served') || row.guards.includes('hearing_right_notified')) return withNotice;
  if (row.guards.includes('decision_needs_execution')) {
    return { ...base, decision: aDecision(procedure === 'simple' ? { fineFen: 5_000 } : {}) };
  }
  if (row.guards.includes('nothing_to_execute')) return { ...base, decision: { kind: 'no_penalty', ground: 'first_minor_corrected', explanation: '首违并已改正' } };
  if (row.action === 'close' && row.from === 'EXECUTING') return { ...base, decision: aDecision() };
  if (row.action === 'close' && row.from === 'ON_SPOT_DECISION') return { ...base, decision: aDecision({ fineFen: 5_000 }) };
  return base;
}

/** The policy under which the row's guards hold on `snapshotFor(row)`. */
export function policyFor(row: TransitionRule): ProcedurePolicy {
  // REVIEW → NOTIFIED without 法制审核 exists only where the bureau reviews Art. 58 cases alone.
  return row.from === 'REVIEW' && row.action === 'notify' ? REVIEW_ART58_ONLY : REVIEW_ALL;
}

/** An input meeting every requirement of the row. */
export function validInputFor(row: TransitionRule): TransitionInput {
  const req = row.requires;
  return {
    ...(req.reason ? { reason: `因${row.label}需要` } : {}),
    ...(req.twoOfficers ? { officers: TWO_OFFICERS } : {}),
    ...(req.documents ? { documents: docs(...req.documents) } : {}),
    ...(req.penalty === 'proposed' ? { penalty: aPenalty(), hearingRight: true, statementDays: 5 } : {}),
    ...(req.penalty === 'as_notified' ? { penalty: aPenalty() } : {}),
    ...(req.penalty === 'on_spot' ? { penalty: aPenalty({ fineFen: 5_000 }), partyType: 'citizen' as const } : {}),
    ...(req.noPenaltyGround ? { noPenalty: { ground: 'first_minor_corrected' as const, explanation: '初次违法，当场改正' } } : {}),
    ...(req.partyResponse ? { partyResponse: 'no_response' as const } : {}),
    ...(req.executionResult ? { executionResult: 'paid' as const } : {}),
  };
}
