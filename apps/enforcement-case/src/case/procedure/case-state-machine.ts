import type { CaseProcedure, CaseStateCode } from '@pipeline/contracts';
import {
  decisionNeedsExecution,
  type CaseDecision,
  type DocumentRef,
  type ExecutionResult,
  type LegalReviewGround,
  type NoPenaltyDecision,
  type Officer,
  type PartyResponse,
  type PartyType,
  type PenaltyDecision,
  type PenaltyNotice,
  type ServiceMethod,
} from './case-decisions';
import { stateLabel } from './case-states';
import { CASE_TRANSITIONS, isCaseAction, transitionsFor, type CaseAction, type TransitionGuard, type TransitionRequirements, type TransitionRule } from './case-transitions';
import { checkRequirements } from './requirements';

/** What the procedure needs to know about a case; the service stores it as returned in `next`. */
export interface CaseSnapshot {
  readonly state: CaseStateCode;
  readonly procedure: CaseProcedure;
  /** When the case entered `state`; a transition may not be dated before it. */
  readonly since?: Date | null;
  /** Set while SUSPENDED: the state `resume` returns to. */
  readonly suspendedFrom?: CaseStateCode | null;
  readonly partyType?: PartyType | null;
  /** The officers in charge (承办人), from the last investigation step. */
  readonly officers?: readonly Officer[];
  /** The last notice of a proposed penalty served (告知). */
  readonly notice?: PenaltyNotice | null;
  /** 法制审核 done for the current proposal; entering REVIEW or LEGAL_REVIEW clears it. */
  readonly legalReviewDone?: boolean;
  /** A hearing was held: 法制审核 becomes mandatory (Art. 58 ¶1 (2)). */
  readonly hearingHeld?: boolean;
  /** Case-specific Art. 58 grounds, set by the head. */
  readonly legalReviewGrounds?: readonly LegalReviewGround[];
  readonly decision?: CaseDecision | null;
}

/** Bureau-level choices. */
export interface ProcedurePolicy {
  /**
   * Review every general-procedure penalty before it is notified, not only
   * the Art. 58 cases: many bureaus do [P], so it defaults to true.
   */
  readonly legalReviewForAllGeneralCases: boolean;
}

export const DEFAULT_PROCEDURE_POLICY: ProcedurePolicy = Object.freeze({ legalReviewForAllGeneralCases: true });

/** Everything an action may carry; each action reads only what its row requires (plus optional documents). */
export interface TransitionInput {
  readonly reason?: string | null;
  readonly officers?: readonly Officer[];
  readonly documents?: readonly DocumentRef[];
  /** The proposed penalty (notify), the decided one (decide_penalty) or the on-the-spot one. */
  readonly penalty?: PenaltyDecision | null;
  /** notify: whether the notice states the right to a hearing. */
  readonly hearingRight?: boolean;
  /** notify: the statement period set in the notice, working days (D4); default 5. */
  readonly statementDays?: number;
  readonly noPenalty?: NoPenaltyDecision | null;
  readonly partyType?: PartyType | null;
  readonly partyResponse?: PartyResponse | null;
  readonly executionResult?: ExecutionResult | null;
  readonly serviceMethod?: ServiceMethod | null;
}

export interface CaseActor {
  readonly id: string;
}

/** One step of the case's history: who did what, when, on which documents. */
export interface TransitionRecord {
  readonly action: CaseAction;
  readonly from: CaseStateCode;
  readonly to: CaseStateCode;
  readonly actorId: string;
  readonly at: Date;
  readonly procedure: CaseProcedure;
  readonly reason: string | null;
  readonly officers: readonly Officer[];
  readonly documents: readonly DocumentRef[];
  readonly notice: PenaltyNotice | null;
  readonly decision: CaseDecision | null;
  readonly partyType: PartyType | null;
  readonly partyResponse: PartyResponse | null;
  readonly executionResult: ExecutionResult | null;
  readonly serviceMethod: ServiceMethod | null;
}

export interface AllowedAction {
  readonly action: CaseAction;
  readonly to: CaseStateCode;
  readonly label: string;
}

export type RefusalCode =
  | 'ILLEGAL_TRANSITION'
  | 'WRONG_PROCEDURE'
  | 'INVALID_ACTOR'
  | 'INVALID_TIME'
  | 'SUSPENDED_FROM_MISSING'
  | 'LEGAL_REVIEW_REQUIRED'
  | 'NOTICE_REQUIRED'
  | 'HEARING_NOT_AVAILABLE'
  | 'EXECUTION_REQUIRED'
  | 'NOTHING_TO_EXECUTE'
  | 'MISSING_REASON'
  | 'REASON_TOO_LONG'
  | 'NEEDS_TWO_OFFICERS'
  | 'OFFICER_NOT_CERTIFIED'
  | 'MISSING_DOCUMENTS'
  | 'MISSING_DECISION'
  | 'MISSING_LEGAL_BASIS'
  | 'INVALID_AMOUNT'
  | 'EMPTY_DECISION'
  | 'MISSING_HEARING_RIGHT'
  | 'INVALID_STATEMENT_DAYS'
  | 'PENALTY_DIFFERS_FROM_NOTICE'
  | 'MISSING_NO_PENALTY_GROUND'
  | 'MISSING_PARTY_TYPE'
  | 'NOT_SIMPLE_PENALTY'
  | 'OVER_SIMPLE_THRESHOLD'
  | 'MISSING_PARTY_RESPONSE'
  | 'MISSING_EXECUTION_RESULT'
  | 'EXECUTION_RESULT_MISMATCH'
  | 'ON_SPOT_CASH_OVER_LIMIT';

/**
 * `illegal_transition`: the table has no such arrow from this state (the
 * service answers 409 naming `allowed`); `rule_broken`: the arrow exists but
 * a requirement or guard fails (422).
 */
export type RefusalKind = 'illegal_transition' | 'rule_broken';

export interface TransitionRefusal {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly kind: RefusalKind;
  readonly message: string;
  /** The input field at fault, when there is one. */
  readonly field?: keyof TransitionInput | 'actor' | 'at';
  readonly allowed: readonly AllowedAction[];
}

export interface TransitionSuccess {
  readonly ok: true;
  readonly next: CaseSnapshot;
  readonly record: TransitionRecord;
}

export type TransitionResult = TransitionSuccess | TransitionRefusal;

export const DEFAULT_STATEMENT_DAYS = 5;

/** A new lead (线索), as the conversion opens it. */
export function newCaseSnapshot(openedAt: Date, procedure: CaseProcedure = 'general'): CaseSnapshot {
  return { ...EMPTY, state: 'LEAD', procedure, since: openedAt };
}

/** Whether this case must pass 法制审核 before a penalty is notified or decided. */
export function legalReviewRequired(c: CaseSnapshot, policy: ProcedurePolicy = DEFAULT_PROCEDURE_POLICY): boolean {
  if (c.procedure !== 'general') return false;
  return policy.legalReviewForAllGeneralCases || !!c.hearingHeld || (c.legalReviewGrounds?.length ?? 0) > 0;
}

/** The actions open to this case now: the table's arrows from its state whose guards hold. */
export function allowedActions(c: CaseSnapshot, policy: ProcedurePolicy = DEFAULT_PROCEDURE_POLICY): AllowedAction[] {
  return CASE_TRANSITIONS.filter((t) => t.from === c.state && procedureFits(t, c) && t.guards.every((g) => guardFails(g, t, c, policy) === null)).map(
    ({ action, to, label }) => ({ action, to, label }),
  );
}

/**
 * The allowed actions with what each needs (reason, two officers, documents,
 * penalty …), so a form can ask for exactly that before the step is tried.
 */
export function allowedActionsWithRequirements(c: CaseSnapshot, policy: ProcedurePolicy = DEFAULT_PROCEDURE_POLICY): (AllowedAction & { requires: TransitionRequirements })[] {
  return allowedActions(c, policy).map((a) => ({
    ...a,
    requires: CASE_TRANSITIONS.find((t) => t.from === c.state && t.action === a.action && t.to === a.to && procedureFits(t, c))?.requires ?? {},
  }));
}

/**
 * Applies `action` to the case, or says why not. Pure: the same arguments
 * give the same answer, and nothing is read from the clock or the world.
 */
export function applyTransition(
  c: CaseSnapshot,
  action: CaseAction,
  input: TransitionInput,
  actor: CaseActor,
  at: Date,
  policy: ProcedurePolicy = DEFAULT_PROCEDURE_POLICY,
): TransitionResult {
  const allowed = allowedActions(c, policy);
  const refuse = (code: RefusalCode, message: string, field?: TransitionRefusal['field']): TransitionRefusal => ({
    ok: false,
    code,
    kind: code === 'ILLEGAL_TRANSITION' || code === 'WRONG_PROCEDURE' ? 'illegal_transition' : 'rule_broken',
    message,
    ...(field ? { field } : {}),
    allowed,
  });

  const rows = isCaseAction(action) ? transitionsFor(c.state, action) : [];
  if (rows.length === 0) return refuse('ILLEGAL_TRANSITION', illegalMessage(c.state, action, allowed));

  // Only `resume` has several rows: the one back to where the case came from.
  const row = action === 'resume' ? rows.find((r) => r.to === c.suspendedFrom) : rows[0];
  if (!row) return refuse('SUSPENDED_FROM_MISSING', '案件中止前的状态未记录，无法恢复办理');
  if (!procedureFits(row, c)) {
    return refuse('WRONG_PROCEDURE', `「${row.label}」属于${procedureName(row.procedure)}，本案适用${procedureName(c.procedure)}；当前可执行：${describe(allowed)}`);
  }

  if (!actor || typeof actor.id !== 'string' || actor.id.trim() === '') return refuse('INVALID_ACTOR', '须记录操作人', 'actor');
  if (!(at instanceof Date) || !Number.isFinite(at.getTime())) return refuse('INVALID_TIME', '操作时间无效', 'at');
  if (c.since && at.getTime() < c.since.getTime()) return refuse('INVALID_TIME', `操作时间早于案件进入「${stateLabel(c.state)}」的时间`, 'at');

  for (const guard of row.guards) {
    const failed = guardFails(guard, row, c, policy);
    if (failed) return refuse(failed.code, failed.message);
  }

  const problem = checkRequirements(row, c, input);
  if (problem) return refuse(problem.code, problem.message, problem.field);

  return { ok: true, next: nextSnapshot(row, c, input, at), record: recordOf(row, c, input, actor, at) };
}

// ---------------------------------------------------------------------------

const EMPTY: Omit<CaseSnapshot, 'state' | 'procedure'> = {
  since: null,
  suspendedFrom: null,
  partyType: null,
  officers: [],
  notice: null,
  legalReviewDone: false,
  hearingHeld: false,
  legalReviewGrounds: [],
  decision: null,
};

export type Failure = { code: RefusalCode; message: string; field?: TransitionRefusal['field'] };

function procedureFits(t: TransitionRule, c: CaseSnapshot): boolean {
  // In LEAD the action chooses the procedure (立案 → general, 当场处罚 → simple).
  return t.procedure === 'any' || c.state === 'LEAD' || t.procedure === c.procedure;
}

function procedureName(p: CaseProcedure | 'any'): string {
  return p === 'simple' ? '简易程序' : p === 'general' ? '普通程序' : '各程序';
}

function describe(allowed: readonly AllowedAction[]): string {
  return allowed.length === 0 ? '无（该状态下不能再变更）' : allowed.map((a) => `${a.label}（${a.action}）`).join('、');
}

function illegalMessage(state: CaseStateCode, action: string, allowed: readonly AllowedAction[]): string {
  const what = isCaseAction(action) ? (CASE_TRANSITIONS.find((t) => t.action === action)?.label ?? action) : action;
  return `案件处于「${stateLabel(state)}」，不能执行「${what}」；当前可执行：${describe(allowed)}`;
}

function guardFails(guard: TransitionGuard, row: TransitionRule, c: CaseSnapshot, policy: ProcedurePolicy): Failure | null {
  switch (guard) {
    case 'legal_review_cleared':
      return legalReviewRequired(c, policy) && !c.legalReviewDone
        ? { code: 'LEGAL_REVIEW_REQUIRED', message: `本案须经法制审核后方可${row.label}（行政处罚法第五十八条${c.hearingHeld ? '，已经听证' : ''}）` }
        : null;
    case 'notice_served':
      return c.notice ? null : { code: 'NOTICE_REQUIRED', message: '未送达行政处罚事先告知书，不得作出行政处罚决定（行政处罚法第六十二条）' };
    case 'hearing_right_notified':
      return c.notice?.hearingRight
        ? null
        : { code: 'HEARING_NOT_AVAILABLE', message: '告知书未告知听证权利：拟作出的处罚不属于听证范围（行政处罚法第六十三条）' };
    case 'decision_needs_execution':
      return decisionNeedsExecution(c.decision) ? null : { code: 'NOTHING_TO_EXECUTE', message: '决定无需执行（不予处罚或仅警告），应直接结案' };
    case 'nothing_to_execute':
      return decisionNeedsExecution(c.decision) ? { code: 'EXECUTION_REQUIRED', message: '决定尚待执行（罚款、没收或责令改正），执行完毕后方可结案' } : null;
    case 'resumes_suspended_state':
      return c.suspendedFrom === row.to ? null : { code: 'SUSPENDED_FROM_MISSING', message: '只能恢复到中止前的状态' };
  }
}

function nextSnapshot(row: TransitionRule, c: CaseSnapshot, input: TransitionInput, at: Date): CaseSnapshot {
  const base: CaseSnapshot = { ...EMPTY, ...c, state: row.to, since: at };
  switch (row.action) {
    case 'suspend':
      return { ...base, suspendedFrom: row.from };
    case 'resume':
      return { ...base, suspendedFrom: null };
    case 'file':
      return { ...base, procedure: 'general', partyType: input.partyType ?? c.partyType ?? null };
    case 'decide_on_spot':
      return { ...base, procedure: 'simple', partyType: input.partyType ?? null, officers: [...(input.officers ?? [])], decision: penaltyDecision(input) };
    case 'start_investigation':
    case 'finish_investigation':
      return { ...base, officers: [...(input.officers ?? [])] };
    case 'send_to_legal_review':
    case 'reopen_review':
      // A new review follows; a hearing leaving here has been held.
      return { ...base, legalReviewDone: false, hearingHeld: c.hearingHeld || row.from === 'HEARING' };
    case 'reinvestigate':
      return { ...base, legalReviewDone: false };
    case 'notify':
      return { ...base, notice: noticeOf(input), legalReviewDone: row.from === 'LEGAL_REVIEW' ? true : !!c.legalReviewDone };
    case 'decide_penalty':
      return { ...base, decision: penaltyDecision(input), legalReviewDone: row.from === 'LEGAL_REVIEW' ? true : !!c.legalReviewDone };
    case 'decide_no_penalty':
      return { ...base, decision: noPenaltyDecision(input) };
    default:
      return base;
  }
}

function recordOf(row: TransitionRule, c: CaseSnapshot, input: TransitionInput, actor: CaseActor, at: Date): TransitionRecord {
  const req = row.requires;
  const procedure = row.from === 'LEAD' && row.procedure !== 'any' ? row.procedure : c.procedure;
  const reason = input.reason?.trim() || null;
  return {
    action: row.action,
    from: row.from,
    to: row.to,
    actorId: actor.id,
    at,
    procedure,
    reason,
    officers: req.twoOfficers ? [...(input.officers ?? [])] : [],
    documents: [...(input.documents ?? [])],
    notice: row.action === 'notify' ? noticeOf(input) : null,
    decision: req.penalty && req.penalty !== 'proposed' ? penaltyDecision(input) : req.noPenaltyGround ? noPenaltyDecision(input) : null,
    partyType: row.action === 'decide_on_spot' || row.action === 'file' ? (input.partyType ?? null) : null,
    partyResponse: req.partyResponse ? (input.partyResponse ?? null) : null,
    executionResult: req.executionResult ? (input.executionResult ?? null) : null,
    serviceMethod: row.action === 'serve' ? (input.serviceMethod ?? null) : null,
  };
}

function penaltyDecision(input: TransitionInput): CaseDecision {
  const p = input.penalty as PenaltyDecision;
  return {
    kind: 'penalty',
    legalBasis: p.legalBasis.trim(),
    fineFen: p.fineFen ?? null,
    warning: !!p.warning,
    confiscation: p.confiscation?.trim() || null,
    otherMeasures: [...(p.otherMeasures ?? [])],
    rectificationOrder: p.rectificationOrder ?? null,
  };
}

function noticeOf(input: TransitionInput): PenaltyNotice {
  const { kind: _kind, ...penalty } = penaltyDecision(input) as Extract<CaseDecision, { kind: 'penalty' }>;
  return { penalty, hearingRight: !!input.hearingRight, statementDays: input.statementDays ?? DEFAULT_STATEMENT_DAYS };
}

function noPenaltyDecision(input: TransitionInput): CaseDecision {
  const np = input.noPenalty as NoPenaltyDecision;
  return { kind: 'no_penalty', ground: np.ground, explanation: np.explanation.trim() };
}

