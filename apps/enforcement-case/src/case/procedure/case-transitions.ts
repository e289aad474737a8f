import type { CaseProcedure, CaseStateCode } from '@pipeline/contracts';
import type { ExecutionResult } from './case-decisions';
import { SUSPENDABLE_CASE_STATES } from './case-states';

/** The actions an officer, the head or the legal section can take on a case. */
export const CASE_ACTIONS = [
  'file',
  'not_file',
  'transfer',
  'decide_on_spot',
  'start_investigation',
  'revoke_filing',
  'finish_investigation',
  'terminate',
  'send_to_legal_review',
  'notify',
  'decide_no_penalty',
  'transfer_to_judiciary',
  'reinvestigate',
  'decide_penalty',
  'request_statement',
  'request_hearing',
  'reopen_review',
  'serve',
  'start_execution',
  'serve_reminder',
  'apply_to_court',
  'close',
  'archive',
  'suspend',
  'resume',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * What the penalty input of a transition must be:
 * - `proposed`: a valid penalty, proposed in the notice (告知), with the hearing right stated;
 * - `as_notified`: a valid penalty identical to the one notified — a changed
 *   penalty needs a new notice (Art. 44, 62; domain.md §4);
 * - `on_spot`: a warning or a fine within the simple-procedure limits (Art. 51), party type given.
 */
export type PenaltyRequirement = 'proposed' | 'as_notified' | 'on_spot';

export interface TransitionRequirements {
  /** A free-text reason (≤ 500 characters, the event contract's limit). */
  readonly reason?: boolean;
  /** Two distinct certified officers (Art. 42, 55). */
  readonly twoOfficers?: boolean;
  /** At least one document reference; these are the documents expected, shown in the refusal. */
  readonly documents?: readonly string[];
  readonly penalty?: PenaltyRequirement;
  /** A ground of Art. 30, 31, 33, 36 or 57 and an explanation. */
  readonly noPenaltyGround?: boolean;
  /** The party's response to the notice when deciding without a statement or hearing. */
  readonly partyResponse?: boolean;
  /** One of these execution results. */
  readonly executionResult?: readonly ExecutionResult[];
}

/**
 * Conditions on the case itself (not on the input). A transition whose
 * guard fails is not offered by `allowedActions` and is refused as a broken
 * rule, naming the guard.
 */
export type TransitionGuard =
  /** 法制审核 is not required for this case, or it has been done for the current proposal (Art. 58). */
  | 'legal_review_cleared'
  /** A notice of the proposed penalty was served: no decision without notice (Art. 62). */
  | 'notice_served'
  /** The notice told the party of the right to a hearing (Art. 63–64). */
  | 'hearing_right_notified'
  /** The decision leaves something to carry out: a fine, confiscation, other measures, a correction. */
  | 'decision_needs_execution'
  /** Nothing to carry out: no penalty, or a warning only. */
  | 'nothing_to_execute'
  /** `resume` goes back only to the state the case was suspended from. */
  | 'resumes_suspended_state';

export interface TransitionRule {
  readonly from: CaseStateCode;
  readonly to: CaseStateCode;
  readonly action: CaseAction;
  /** What the user sees, in Chinese. */
  readonly label: string;
  /** `any`: both procedures; a specific procedure: the action belongs to it (and, from LEAD, chooses it). */
  readonly procedure: CaseProcedure | 'any';
  readonly requires: TransitionRequirements;
  readonly guards: readonly TransitionGuard[];
  /** The provision or practice behind it. */
  readonly basis: string;
}

const rule = (
  from: CaseStateCode,
  action: CaseAction,
  to: CaseStateCode,
  label: string,
  basis: string,
  opts: { procedure?: CaseProcedure | 'any'; requires?: TransitionRequirements; guards?: readonly TransitionGuard[] } = {},
): TransitionRule => Object.freeze({ from, to, action, label, basis, procedure: opts.procedure ?? 'any', requires: opts.requires ?? {}, guards: opts.guards ?? [] });

const MAIN_PATH: readonly TransitionRule[] = [
  // 线索核查 (D1): file, decline, hand over, or decide on the spot.
  rule('LEAD', 'file', 'FILED', '立案', '行政处罚法第五十四条', { procedure: 'general', requires: { documents: ['立案审批表'] } }),
  rule('LEAD', 'not_file', 'NOT_FILED', '不予立案', '行政处罚法第五十四条；住建部令第55号', { requires: { reason: true, documents: ['不予立案审批表'] } }),
  rule('LEAD', 'transfer', 'TRANSFERRED', '移送有管辖权的机关', '行政处罚法第二十二条、第二十五条', { requires: { reason: true, documents: ['案件移送函'] } }),
  rule('LEAD', 'decide_on_spot', 'ON_SPOT_DECISION', '当场作出行政处罚决定（简易程序）', '行政处罚法第五十一条至第五十三条', {
    procedure: 'simple',
    // Art. 42's "not fewer than two" sits in the chapter's general provisions,
    // so the stricter reading applies it to the simple procedure too [?].
    requires: { twoOfficers: true, penalty: 'on_spot', documents: ['当场行政处罚决定书'] },
  }),

  rule('FILED', 'start_investigation', 'INVESTIGATING', '开始调查取证', '行政处罚法第四十二条、第五十五条', { procedure: 'general', requires: { twoOfficers: true } }),
  rule('FILED', 'revoke_filing', 'FILING_REVOKED', '撤销立案', '立案条件不成立（domain.md §4）', { procedure: 'general', requires: { reason: true, documents: ['撤销立案审批表'] } }),

  rule('INVESTIGATING', 'finish_investigation', 'REVIEW', '调查终结', '行政处罚法第五十五条、第五十七条', {
    procedure: 'general',
    requires: { twoOfficers: true, documents: ['调查终结报告', '证据清单'] },
  }),
  rule('INVESTIGATING', 'revoke_filing', 'FILING_REVOKED', '撤销立案', '立案条件不成立（domain.md §4）', { procedure: 'general', requires: { reason: true, documents: ['撤销立案审批表'] } }),
  rule('INVESTIGATING', 'terminate', 'TERMINATED', '终止调查', '当事人死亡或终止且无权利义务承受人等（domain.md §4）', {
    procedure: 'general',
    requires: { reason: true, documents: ['终止调查审批表'] },
  }),

  rule('REVIEW', 'send_to_legal_review', 'LEGAL_REVIEW', '送法制审核', '行政处罚法第五十八条', { procedure: 'general', requires: { documents: ['法制审核送审表'] } }),
  rule('REVIEW', 'notify', 'NOTIFIED', '送达行政处罚事先告知书', '行政处罚法第四十四条', {
    procedure: 'general',
    requires: { penalty: 'proposed', documents: ['行政处罚事先告知书'] },
    guards: ['legal_review_cleared'],
  }),
  rule('REVIEW', 'decide_penalty', 'DECIDED', '作出行政处罚决定', '行政处罚法第五十七条、第六十二条', {
    procedure: 'general',
    requires: { penalty: 'as_notified', documents: ['行政处罚决定书'] },
    guards: ['notice_served', 'legal_review_cleared'],
  }),
  rule('REVIEW', 'decide_no_penalty', 'NO_PENALTY', '作出不予行政处罚决定', '行政处罚法第三十三条、第五十七条', {
    procedure: 'general',
    requires: { noPenaltyGround: true, documents: ['不予行政处罚决定书'] },
  }),
  rule('REVIEW', 'transfer_to_judiciary', 'CLOSED', '涉嫌犯罪，移送司法机关', '行政处罚法第二十七条、第五十七条', {
    procedure: 'general',
    requires: { reason: true, documents: ['涉嫌犯罪案件移送书'] },
  }),
  rule('REVIEW', 'reinvestigate', 'INVESTIGATING', '退回补充调查', '事实不清、证据不足（实践）', { procedure: 'general', requires: { reason: true } }),

  rule('LEGAL_REVIEW', 'notify', 'NOTIFIED', '法制审核通过，送达行政处罚事先告知书', '行政处罚法第四十四条、第五十八条', {
    procedure: 'general',
    requires: { penalty: 'proposed', documents: ['法制审核意见书', '行政处罚事先告知书'] },
  }),
  // After a hearing or a statement the review comes after the notice: the
  // decision may follow it directly if the penalty is the one notified.
  rule('LEGAL_REVIEW', 'decide_penalty', 'DECIDED', '法制审核通过，作出行政处罚决定', '行政处罚法第五十八条、第六十二条', {
    procedure: 'general',
    requires: { penalty: 'as_notified', documents: ['法制审核意见书', '行政处罚决定书'] },
    guards: ['notice_served'],
  }),
  rule('LEGAL_REVIEW', 'decide_no_penalty', 'NO_PENALTY', '法制审核后作出不予行政处罚决定', '行政处罚法第三十三条、第五十八条', {
    procedure: 'general',
    requires: { noPenaltyGround: true, documents: ['法制审核意见书', '不予行政处罚决定书'] },
  }),
  rule('LEGAL_REVIEW', 'reinvestigate', 'INVESTIGATING', '法制审核退回补充调查', '行政处罚法第五十八条', { procedure: 'general', requires: { reason: true } }),

  rule('NOTIFIED', 'request_statement', 'STATEMENT', '当事人提出陈述、申辩', '行政处罚法第四十五条', { procedure: 'general', requires: { documents: ['陈述申辩笔录'] } }),
  rule('NOTIFIED', 'request_hearing', 'HEARING', '当事人申请听证', '行政处罚法第六十三条、第六十四条', {
    procedure: 'general',
    requires: { documents: ['听证申请书'] },
    guards: ['hearing_right_notified'],
  }),
  rule('NOTIFIED', 'decide_penalty', 'DECIDED', '作出行政处罚决定', '行政处罚法第四十四条、第六十二条', {
    procedure: 'general',
    requires: { penalty: 'as_notified', partyResponse: true, documents: ['行政处罚决定书'] },
    guards: ['notice_served', 'legal_review_cleared'],
  }),

  rule('STATEMENT', 'decide_penalty', 'DECIDED', '复核后作出行政处罚决定', '行政处罚法第四十五条、第六十二条', {
    procedure: 'general',
    requires: { penalty: 'as_notified', documents: ['陈述申辩复核意见', '行政处罚决定书'] },
    guards: ['notice_served', 'legal_review_cleared'],
  }),
  rule('STATEMENT', 'request_hearing', 'HEARING', '当事人申请听证', '行政处罚法第六十三条、第六十四条', {
    procedure: 'general',
    requires: { documents: ['听证申请书'] },
    guards: ['hearing_right_notified'],
  }),
  rule('STATEMENT', 'reopen_review', 'REVIEW', '事实发生变化，重新审查', '行政处罚法第四十五条（domain.md §4）', { procedure: 'general', requires: { reason: true } }),

  // A heard case needs 法制审核 before the decision (Art. 58 ¶1 (2)), so
  // HEARING has no direct arrow to DECIDED.
  rule('HEARING', 'send_to_legal_review', 'LEGAL_REVIEW', '听证结束，送法制审核', '行政处罚法第五十八条、第六十五条', {
    procedure: 'general',
    requires: { documents: ['听证笔录', '听证报告'] },
  }),
  rule('HEARING', 'reopen_review', 'REVIEW', '听证后事实发生变化，重新审查', '行政处罚法第六十五条（domain.md §4）', {
    procedure: 'general',
    requires: { reason: true, documents: ['听证笔录', '听证报告'] },
  }),

  rule('DECIDED', 'serve', 'SERVED', '送达行政处罚决定书', '行政处罚法第六十一条', { procedure: 'general', requires: { documents: ['送达回证'] } }),
  rule('NO_PENALTY', 'serve', 'SERVED', '送达不予行政处罚决定书', '行政处罚法第六十一条', { procedure: 'general', requires: { documents: ['送达回证'] } }),

  rule('SERVED', 'start_execution', 'EXECUTING', '进入执行', '行政处罚法第六十六条至第七十三条', { procedure: 'general', guards: ['decision_needs_execution'] }),
  rule('SERVED', 'close', 'CLOSED', '结案', '不予处罚或仅警告，无需执行', { procedure: 'general', requires: { documents: ['结案审批表'] }, guards: ['nothing_to_execute'] }),

  rule('EXECUTING', 'serve_reminder', 'EXECUTING', '送达催告书', '行政强制法第三十五条、第五十四条', { requires: { documents: ['催告书', '送达回证'] } }),
  rule('EXECUTING', 'apply_to_court', 'EXECUTING', '申请人民法院强制执行', '行政强制法第五十三条、第五十五条', { requires: { documents: ['强制执行申请书'] } }),
  rule('EXECUTING', 'close', 'CLOSED', '执行完毕，结案', '行政处罚法第六十六条；行政强制法第四十四条', {
    requires: {
      executionResult: ['paid', 'rectified', 'demolished', 'court_enforced', 'forced_demolition', 'execution_terminated'],
      documents: ['结案审批表'],
    },
  }),

  rule('TERMINATED', 'close', 'CLOSED', '终止调查，结案', 'domain.md §4', { procedure: 'general', requires: { documents: ['结案审批表'] } }),

  rule('ON_SPOT_DECISION', 'close', 'CLOSED', '当场处罚履行完毕，备案结案', '行政处罚法第五十二条、第六十八条、第六十九条', {
    procedure: 'simple',
    requires: { executionResult: ['paid', 'paid_on_spot', 'warning_only'], documents: ['备案记录'] },
  }),
  // Not in domain.md §4's short path: an on-the-spot fine left unpaid past
  // D9 is enforced like any other (surcharge, 催告, court), so it joins EXECUTING.
  rule('ON_SPOT_DECISION', 'start_execution', 'EXECUTING', '逾期未缴纳，进入执行', '行政处罚法第七十二条', {
    procedure: 'simple',
    guards: ['decision_needs_execution'],
  }),

  rule('CLOSED', 'archive', 'ARCHIVED', '立卷归档', '行政处罚法第四十七条', { requires: { documents: ['案卷'] } }),
];

/** Any open state ↔ SUSPENDED (中止), expanded per state so that the table is the whole truth. */
const SUSPENSIONS: readonly TransitionRule[] = SUSPENDABLE_CASE_STATES.flatMap((state) => [
  rule(state, 'suspend', 'SUSPENDED', '中止', 'domain.md §4', { requires: { reason: true } }),
  rule('SUSPENDED', 'resume', state, '恢复办理', 'domain.md §4', { guards: ['resumes_suspended_state'] }),
]);

/** Every allowed transition. Anything not listed here is refused as an illegal transition. */
export const CASE_TRANSITIONS: readonly TransitionRule[] = Object.freeze([...MAIN_PATH, ...SUSPENSIONS]);

/** The rows that leave `from` by `action` (several only for `resume`). */
export function transitionsFor(from: CaseStateCode, action: CaseAction): TransitionRule[] {
  return CASE_TRANSITIONS.filter((t) => t.from === from && t.action === action);
}

export function isCaseAction(value: unknown): value is CaseAction {
  return typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);
}
