import {
  EXECUTION_RESULT_LABELS,
  NO_PENALTY_GROUNDS,
  ON_SPOT_CASH_LIMIT_FEN,
  PARTY_RESPONSE_LABELS,
  PARTY_TYPE_LABELS,
  SIMPLE_PROCEDURE_FINE_LIMIT_FEN,
  decisionNeedsExecution,
  fineOf,
  formatYuan,
  samePenalty,
  type ExecutionResult,
  type Officer,
} from './case-decisions';
import type { CaseSnapshot, Failure, TransitionInput } from './case-state-machine';
import type { TransitionRule } from './case-transitions';

// What each step requires of its input (a reason, two certified officers,
// documents, a penalty within the law's limits, an execution result), checked
// once the state machine has found the arrow and its guards hold.

/** The limit of `reason` in the state-changed event (CaseStateChangedV1). */
export const REASON_MAX_LENGTH = 500;

/** The first requirement of the step the input fails, or null when it meets them all. */
export function checkRequirements(row: TransitionRule, c: CaseSnapshot, input: TransitionInput): Failure | null {
  const req = row.requires;
  const reason = input.reason?.trim() ?? '';
  if (req.reason && reason === '') return { code: 'MISSING_REASON', message: `「${row.label}」须说明理由`, field: 'reason' };
  if (reason.length > REASON_MAX_LENGTH) return { code: 'REASON_TOO_LONG', message: `理由不得超过 ${REASON_MAX_LENGTH} 字`, field: 'reason' };

  if (req.twoOfficers) {
    const failed = checkOfficers(row, input.officers ?? []);
    if (failed) return failed;
  }

  const documents = input.documents ?? [];
  if (documents.some((d) => !d || typeof d.kind !== 'string' || typeof d.ref !== 'string' || d.kind.trim() === '' || d.ref.trim() === '')) {
    return { code: 'MISSING_DOCUMENTS', message: '文书须写明种类和文号（或文件编号）', field: 'documents' };
  }
  if (req.documents && documents.length === 0) {
    return { code: 'MISSING_DOCUMENTS', message: `「${row.label}」须附文书：${req.documents.join('、')}`, field: 'documents' };
  }

  if (req.penalty) {
    const failed = checkPenalty(req.penalty, c, input);
    if (failed) return failed;
  }

  if (req.noPenaltyGround) {
    const np = input.noPenalty;
    if (!np || !(np.ground in NO_PENALTY_GROUNDS) || typeof np.explanation !== 'string' || np.explanation.trim() === '') {
      return { code: 'MISSING_NO_PENALTY_GROUND', message: '不予处罚须写明法定情形（行政处罚法第三十三条等）和说明', field: 'noPenalty' };
    }
  }

  if (req.partyResponse && !(input.partyResponse && input.partyResponse in PARTY_RESPONSE_LABELS)) {
    return {
      code: 'MISSING_PARTY_RESPONSE',
      message: '未经陈述申辩直接作出决定，须记录当事人明确放弃或期限届满未提出（行政处罚法第四十四条、第四十五条）',
      field: 'partyResponse',
    };
  }

  if (req.executionResult) return checkExecution(req.executionResult, c, input, reason);
  return null;
}

function checkOfficers(row: TransitionRule, officers: readonly Officer[]): Failure | null {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const uncertified = officers.findIndex((o) => text(o?.certificateNo) === '');
  if (uncertified >= 0) {
    const who = text(officers[uncertified]?.name) || text(officers[uncertified]?.id) || `第 ${uncertified + 1} 名`;
    return { code: 'OFFICER_NOT_CERTIFIED', message: `执法人员 ${who} 未登记执法证号，不得参与「${row.label}」`, field: 'officers' };
  }
  // Two distinct people: neither the same id nor the same certificate twice.
  const ids = new Set(officers.map((o) => text(o.id)).filter((id) => id !== ''));
  const certificates = new Set(officers.map((o) => text(o.certificateNo)));
  if (ids.size < 2 || ids.size !== officers.length || certificates.size !== officers.length) {
    return {
      code: 'NEEDS_TWO_OFFICERS',
      message: `「${row.label}」须由两名以上持证执法人员实施，且不得重复登记同一人（行政处罚法第四十二条、第五十五条）`,
      field: 'officers',
    };
  }
  return null;
}

function checkPenalty(kind: 'proposed' | 'as_notified' | 'on_spot', c: CaseSnapshot, input: TransitionInput): Failure | null {
  const p = input.penalty;
  if (!p) return { code: 'MISSING_DECISION', message: '须填写处罚内容：法律依据、罚款数额（分）和/或责令改正', field: 'penalty' };
  if (typeof p.legalBasis !== 'string' || p.legalBasis.trim() === '') return { code: 'MISSING_LEGAL_BASIS', message: '须写明处罚的法律依据', field: 'penalty' };
  if (p.fineFen !== undefined && p.fineFen !== null && !(Number.isSafeInteger(p.fineFen) && p.fineFen >= 0)) {
    return { code: 'INVALID_AMOUNT', message: '罚款数额须为以分计的非负整数', field: 'penalty' };
  }
  if (p.rectificationOrder && (typeof p.rectificationOrder.content !== 'string' || p.rectificationOrder.content.trim() === '')) {
    return { code: 'EMPTY_DECISION', message: '责令改正须写明改正内容', field: 'penalty' };
  }
  const fine = fineOf(p);
  if (fine === 0 && !p.warning && !p.confiscation && (p.otherMeasures?.length ?? 0) === 0 && !p.rectificationOrder) {
    return { code: 'EMPTY_DECISION', message: '决定须至少包含一项处罚或责令改正', field: 'penalty' };
  }

  if (kind === 'proposed') {
    if (typeof input.hearingRight !== 'boolean') return { code: 'MISSING_HEARING_RIGHT', message: '告知书须写明是否告知听证权利', field: 'hearingRight' };
    const days = input.statementDays;
    if (days !== undefined && !(Number.isSafeInteger(days) && days >= 1)) {
      return { code: 'INVALID_STATEMENT_DAYS', message: '陈述申辩期限须为不少于 1 个工作日的整数', field: 'statementDays' };
    }
    return null;
  }

  if (kind === 'as_notified') {
    // The guard has checked the notice exists.
    if (c.notice && !samePenalty(c.notice.penalty, p)) {
      return {
        code: 'PENALTY_DIFFERS_FROM_NOTICE',
        message: '拟作出的处罚与告知书不一致：变更处罚须重新审查并重新告知（行政处罚法第四十四条、第四十五条）',
        field: 'penalty',
      };
    }
    return null;
  }

  // on_spot (Art. 51): a warning or a fine within the limit for the party type, nothing else.
  const partyType = input.partyType;
  if (partyType !== 'citizen' && partyType !== 'organisation') {
    return { code: 'MISSING_PARTY_TYPE', message: '简易程序须写明当事人类型（公民或法人、其他组织）', field: 'partyType' };
  }
  if (p.confiscation || (p.otherMeasures?.length ?? 0) > 0 || (fine === 0 && !p.warning)) {
    return { code: 'NOT_SIMPLE_PENALTY', message: '简易程序只能当场作出警告或限额内罚款（行政处罚法第五十一条），其他处罚适用普通程序', field: 'penalty' };
  }
  const limit = SIMPLE_PROCEDURE_FINE_LIMIT_FEN[partyType];
  if (fine > limit) {
    return {
      code: 'OVER_SIMPLE_THRESHOLD',
      message: `对${PARTY_TYPE_LABELS[partyType]}当场罚款不得超过 ${formatYuan(limit)}（行政处罚法第五十一条），拟罚 ${formatYuan(fine)}，应适用普通程序`,
      field: 'penalty',
    };
  }
  return null;
}

function checkExecution(allowedResults: readonly ExecutionResult[], c: CaseSnapshot, input: TransitionInput, reason: string): Failure | null {
  const result = input.executionResult;
  if (!result || !allowedResults.includes(result)) {
    return {
      code: 'MISSING_EXECUTION_RESULT',
      message: `须写明执行结果：${allowedResults.map((r) => EXECUTION_RESULT_LABELS[r]).join('、')}`,
      field: 'executionResult',
    };
  }
  const fine = c.decision?.kind === 'penalty' ? fineOf(c.decision) : 0;
  if ((result === 'paid' || result === 'paid_on_spot') && fine === 0) {
    return { code: 'EXECUTION_RESULT_MISMATCH', message: '决定未处罚款，不能以缴纳罚款结案', field: 'executionResult' };
  }
  if (result === 'warning_only' && decisionNeedsExecution(c.decision)) {
    return { code: 'EXECUTION_RESULT_MISMATCH', message: '决定含罚款或责令改正，不能以“仅警告”结案', field: 'executionResult' };
  }
  if (result === 'execution_terminated' && reason === '') {
    return { code: 'MISSING_REASON', message: '终结执行须说明理由（行政强制法第四十条）', field: 'reason' };
  }
  if (result === 'paid_on_spot' && fine > ON_SPOT_CASH_LIMIT_FEN && reason === '') {
    return {
      code: 'ON_SPOT_CASH_OVER_LIMIT',
      message: `当场收缴罚款限 ${formatYuan(ON_SPOT_CASH_LIMIT_FEN)} 以下；超过须说明事后难以执行等理由（行政处罚法第六十八条、第六十九条）`,
      field: 'reason',
    };
  }
  return null;
}
