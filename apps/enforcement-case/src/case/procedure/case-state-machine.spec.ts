import type { CaseStateCode } from '@pipeline/contracts';
import { ACTOR, AT, REVIEW_ALL, REVIEW_ART58_ONLY, TWO_OFFICERS, aDecision, aNotice, aPenalty, aSnapshot, docs } from './case-procedure.builders';
import {
  DEFAULT_PROCEDURE_POLICY,
  allowedActions,
  allowedActionsWithRequirements,
  applyTransition,
  legalReviewRequired,
  newCaseSnapshot,
  type CaseSnapshot,
  type ProcedurePolicy,
  type TransitionInput,
  type TransitionRecord,
  type TransitionRefusal,
} from './case-state-machine';
import { SUSPENDABLE_CASE_STATES } from './case-states';
import { CASE_ACTIONS, type CaseAction } from './case-transitions';

const OPENED = new Date('2024-03-01T09:00:00+08:00');
/** Each step one hour after the last, so the times read as a history. */
const hour = (n: number) => new Date(OPENED.getTime() + n * 3_600_000);

type Step = [CaseAction, TransitionInput?];

/** Applies the steps in order; throws on the first refusal, naming it. */
function run(start: CaseSnapshot, steps: Step[], policy: ProcedurePolicy = DEFAULT_PROCEDURE_POLICY) {
  let c = start;
  const records: TransitionRecord[] = [];
  steps.forEach(([action, input = {}], i) => {
    const at = new Date((start.since ?? OPENED).getTime() + (i + 1) * 3_600_000);
    const r = applyTransition(c, action, input, ACTOR, at, policy);
    if (!r.ok) throw new Error(`step ${i + 1} ${action} from ${c.state}: ${r.code} ${r.message}`);
    c = r.next;
    records.push(r.record);
  });
  return { c, records, path: [start.state, ...records.map((r) => r.to)] };
}

function refusal(c: CaseSnapshot, action: CaseAction, input: TransitionInput = {}, policy?: ProcedurePolicy): TransitionRefusal {
  const r = applyTransition(c, action, input, ACTOR, hour(100), policy);
  if (r.ok) throw new Error(`expected ${action} from ${c.state} to be refused`);
  return r;
}

const investigated: Step[] = [
  ['file', { documents: docs('立案审批表') }],
  ['start_investigation', { officers: TWO_OFFICERS }],
  ['finish_investigation', { officers: TWO_OFFICERS, documents: docs('调查终结报告') }],
];
const reviewedAndNotified = (hearingRight: boolean, penalty = aPenalty()): Step[] => [
  ['send_to_legal_review', { documents: docs('法制审核送审表') }],
  ['notify', { penalty, hearingRight, documents: docs('法制审核意见书', '行政处罚事先告知书') }],
];

describe('the general procedure end to end', () => {
  it('takes a lead through investigation, legal review, notice, statement, decision, service and payment to the archive', () => {
    const { c, records, path } = run(newCaseSnapshot(OPENED), [
      ...investigated,
      ...reviewedAndNotified(false),
      ['request_statement', { documents: docs('陈述申辩笔录') }],
      ['decide_penalty', { penalty: aPenalty(), documents: docs('行政处罚决定书') }],
      ['serve', { documents: docs('送达回证'), serviceMethod: 'direct' }],
      ['start_execution'],
      ['close', { executionResult: 'paid', documents: docs('结案审批表', '缴款凭证') }],
      ['archive', { documents: docs('案卷') }],
    ]);
    expect(path).toEqual(['LEAD', 'FILED', 'INVESTIGATING', 'REVIEW', 'LEGAL_REVIEW', 'NOTIFIED', 'STATEMENT', 'DECIDED', 'SERVED', 'EXECUTING', 'CLOSED', 'ARCHIVED']);
    expect(c).toMatchObject({ state: 'ARCHIVED', procedure: 'general', decision: { kind: 'penalty', fineFen: 500_000 }, officers: TWO_OFFICERS });
    expect(allowedActions(c)).toEqual([]);
    // Every step says who, when, and on which documents.
    expect(records.map((r) => r.at)).toEqual(records.map((_, i) => hour(i + 1)));
    expect(records.every((r) => r.actorId === ACTOR.id)).toBe(true);
    expect(records[4].notice).toEqual({ penalty: { ...aPenalty(), confiscation: null, otherMeasures: [], rectificationOrder: null }, hearingRight: false, statementDays: 5 });
    expect(records[6].decision).toMatchObject({ kind: 'penalty', legalBasis: aPenalty().legalBasis, fineFen: 500_000 });
    expect(records[7]).toMatchObject({ serviceMethod: 'direct', documents: docs('送达回证') });
    expect(records[9]).toMatchObject({ executionResult: 'paid' });
  });

  it('decides after the notice when the party waives or lets the period pass, and only then', () => {
    const { c } = run(newCaseSnapshot(OPENED), [...investigated, ...reviewedAndNotified(true)]);
    expect(refusal(c, 'decide_penalty', { penalty: aPenalty(), documents: docs('行政处罚决定书') })).toMatchObject({ code: 'MISSING_PARTY_RESPONSE' });
    const r = applyTransition(c, 'decide_penalty', { penalty: aPenalty(), partyResponse: 'waived', documents: docs('行政处罚决定书') }, ACTOR, hour(50));
    expect(r.ok && r.record.partyResponse).toBe('waived');
  });

  it('ends a case transferred to the judiciary as closed, with its reason', () => {
    const { path, records } = run(newCaseSnapshot(OPENED), [...investigated, ['transfer_to_judiciary', { reason: '涉嫌非法占用农用地罪', documents: docs('涉嫌犯罪案件移送书') }]]);
    expect(path.slice(-1)).toEqual(['CLOSED']);
    expect(records[3].reason).toBe('涉嫌非法占用农用地罪');
  });

  it('terminates an investigation and closes it', () => {
    const { path } = run(newCaseSnapshot(OPENED), [
      ...investigated.slice(0, 2),
      ['terminate', { reason: '当事人死亡，无权利义务承受人', documents: docs('终止调查审批表') }],
      ['close', { documents: docs('结案审批表') }],
    ]);
    expect(path).toEqual(['LEAD', 'FILED', 'INVESTIGATING', 'TERMINATED', 'CLOSED']);
  });

  it('closes a no-penalty decision after service, without execution', () => {
    const { c, records } = run(newCaseSnapshot(OPENED), [
      ...investigated,
      ['decide_no_penalty', { noPenalty: { ground: 'first_minor_corrected', explanation: '初次违法，已当场改正' }, documents: docs('不予行政处罚决定书') }],
      ['serve', { documents: docs('送达回证') }],
    ]);
    expect(records[3].decision).toEqual({ kind: 'no_penalty', ground: 'first_minor_corrected', explanation: '初次违法，已当场改正' });
    expect(allowedActions(c).map((a) => a.action)).toEqual(['close', 'suspend']);
    expect(refusal(c, 'start_execution')).toMatchObject({ code: 'NOTHING_TO_EXECUTE', kind: 'rule_broken' });
    expect(applyTransition(c, 'close', { documents: docs('结案审批表') }, ACTOR, hour(50))).toMatchObject({ ok: true, next: { state: 'CLOSED' } });
  });

  it('closes a warning straight after service but sends a fine to execution', () => {
    const served = (decision: CaseSnapshot['decision']) => aSnapshot({ state: 'SERVED', decision });
    expect(allowedActions(served(aDecision({ fineFen: null, warning: true }))).map((a) => a.action)).toEqual(['close', 'suspend']);
    expect(allowedActions(served(aDecision())).map((a) => a.action)).toEqual(['start_execution', 'suspend']);
    expect(refusal(served(aDecision()), 'close', { documents: docs('结案审批表') })).toMatchObject({ code: 'EXECUTION_REQUIRED' });
  });

  it('asks the result of execution, and a reason to terminate it', () => {
    const executing = aSnapshot({ state: 'EXECUTING', decision: aDecision() });
    const close = (input: TransitionInput) => refusal(executing, 'close', { documents: docs('结案审批表'), ...input });
    expect(close({})).toMatchObject({ code: 'MISSING_EXECUTION_RESULT', field: 'executionResult' });
    expect(close({ executionResult: 'execution_terminated' })).toMatchObject({ code: 'MISSING_REASON' });
    expect(close({ executionResult: 'warning_only' })).toMatchObject({ code: 'MISSING_EXECUTION_RESULT' });
    const toRectify = aSnapshot({ state: 'EXECUTING', decision: aDecision({ fineFen: null, rectificationOrder: { content: '限期拆除' } }) });
    expect(refusal(toRectify, 'close', { executionResult: 'paid', documents: docs('结案审批表') })).toMatchObject({ code: 'EXECUTION_RESULT_MISMATCH' });
    const ok = applyTransition(executing, 'close', { executionResult: 'court_enforced', documents: docs('结案审批表') }, ACTOR, hour(50));
    expect(ok.ok && ok.record.executionResult).toBe('court_enforced');
  });

  it('records 催告 and the court application without leaving EXECUTING', () => {
    const { path } = run(aSnapshot({ state: 'EXECUTING', decision: aDecision() }), [
      ['serve_reminder', { documents: docs('催告书', '送达回证') }],
      ['apply_to_court', { documents: docs('强制执行申请书') }],
    ]);
    expect(path).toEqual(['EXECUTING', 'EXECUTING', 'EXECUTING']);
  });
});

describe('forbidden transitions', () => {
  it.each<[CaseStateCode, CaseAction]>([
    ['LEAD', 'decide_penalty'], // LEAD → DECIDED
    ['LEAD', 'start_investigation'],
    ['LEAD', 'archive'],
    ['FILED', 'notify'],
    ['FILED', 'terminate'],
    ['INVESTIGATING', 'decide_penalty'],
    ['INVESTIGATING', 'notify'],
    ['REVIEW', 'serve'],
    ['NOTIFIED', 'serve'],
    ['HEARING', 'decide_penalty'],
    ['DECIDED', 'close'],
    ['DECIDED', 'notify'],
    ['EXECUTING', 'archive'],
    ['CLOSED', 'start_investigation'], // CLOSED → INVESTIGATING
    ['CLOSED', 'suspend'],
    ['NOT_FILED', 'file'],
    ['TRANSFERRED', 'file'],
    ['FILING_REVOKED', 'start_investigation'],
    ['TERMINATED', 'suspend'],
    ['ON_SPOT_DECISION', 'serve'],
    ['SUSPENDED', 'file'],
    ['SUSPENDED', 'suspend'],
  ])('%s —%s→ is an illegal transition naming the allowed ones', (state, action) => {
    const c = aSnapshot({ state, suspendedFrom: state === 'SUSPENDED' ? 'LEAD' : null, procedure: state === 'ON_SPOT_DECISION' ? 'simple' : 'general' });
    const r = refusal(c, action, { reason: '试图', documents: docs('某文书'), officers: TWO_OFFICERS });
    expect(r).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'illegal_transition' });
    expect(r.allowed).toEqual(allowedActions(c));
    if (!['NOT_FILED', 'TRANSFERRED', 'FILING_REVOKED'].includes(state)) expect(r.allowed.length).toBeGreaterThan(0);
    for (const a of r.allowed) expect(r.message).toContain(a.label);
  });

  it.each(CASE_ACTIONS)('ARCHIVED refuses %s and offers nothing', (action) => {
    const r = refusal(aSnapshot({ state: 'ARCHIVED' }), action, { reason: 'x', documents: docs('案卷') });
    expect(r).toMatchObject({ code: 'ILLEGAL_TRANSITION', allowed: [] });
    expect(r.message).toBe(`案件处于「已归档」，不能执行「${r.message.match(/执行「(.+?)」/)?.[1]}」；当前可执行：无（该状态下不能再变更）`);
  });

  it('refuses an unknown action as illegal', () => {
    expect(refusal(aSnapshot(), 'delete' as CaseAction)).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('「delete」') });
  });

  it('refuses an action of the other procedure as illegal', () => {
    // A snapshot saying "general" while on the simple path is corrupt; the machine still refuses.
    expect(refusal(aSnapshot({ state: 'ON_SPOT_DECISION', procedure: 'general', decision: aDecision({ fineFen: 5_000 }) }), 'close', { executionResult: 'paid', documents: docs('备案记录') })).toMatchObject({
      code: 'WRONG_PROCEDURE',
      kind: 'illegal_transition',
    });
  });
});

describe('suspension', () => {
  it.each(SUSPENDABLE_CASE_STATES)('suspends %s with a reason and resumes to it, keeping the case as it was', (state) => {
    const c = aSnapshot({ state, procedure: state === 'ON_SPOT_DECISION' ? 'simple' : 'general', notice: aNotice(), decision: aDecision() });
    const suspended = applyTransition(c, 'suspend', { reason: '当事人因不可抗力无法参加调查', documents: docs('中止审批表') }, ACTOR, hour(10));
    if (!suspended.ok) throw new Error(suspended.message);
    expect(suspended.next).toMatchObject({ state: 'SUSPENDED', suspendedFrom: state, notice: aNotice(), decision: aDecision() });
    expect(suspended.record).toMatchObject({ from: state, to: 'SUSPENDED', reason: '当事人因不可抗力无法参加调查' });
    expect(allowedActions(suspended.next)).toEqual([{ action: 'resume', to: state, label: '恢复办理' }]);

    const resumed = applyTransition(suspended.next, 'resume', {}, ACTOR, hour(20));
    if (!resumed.ok) throw new Error(resumed.message);
    expect(resumed.next).toMatchObject({ state, suspendedFrom: null, notice: aNotice(), decision: aDecision() });
    expect(resumed.record).toMatchObject({ from: 'SUSPENDED', to: state, action: 'resume' });
  });

  it('refuses a suspension without reason', () => {
    expect(refusal(aSnapshot({ state: 'INVESTIGATING' }), 'suspend', { reason: ' ' })).toMatchObject({ code: 'MISSING_REASON', field: 'reason' });
  });

  it('cannot resume when the state it left was not kept', () => {
    const c = aSnapshot({ state: 'SUSPENDED', suspendedFrom: null });
    expect(allowedActions(c)).toEqual([]);
    expect(refusal(c, 'resume')).toMatchObject({ code: 'SUSPENDED_FROM_MISSING' });
  });

  it('returns to the right state across a longer history', () => {
    const { path, c } = run(newCaseSnapshot(OPENED), [
      ['suspend', { reason: '等待权属认定' }],
      ['resume'],
      ...investigated.slice(0, 2),
      ['suspend', { reason: '等待检测鉴定结果' }],
      ['resume'],
    ]);
    expect(path).toEqual(['LEAD', 'SUSPENDED', 'LEAD', 'FILED', 'INVESTIGATING', 'SUSPENDED', 'INVESTIGATING']);
    expect(c.officers).toEqual(TWO_OFFICERS);
  });
});

describe('legal review (法制审核)', () => {
  const inReview = (over: Partial<CaseSnapshot> = {}) => aSnapshot({ state: 'REVIEW', ...over });
  const notify: TransitionInput = { penalty: aPenalty(), hearingRight: false, documents: docs('行政处罚事先告知书') };

  it('is required for every general case by default: no notice straight from REVIEW', () => {
    expect(DEFAULT_PROCEDURE_POLICY.legalReviewForAllGeneralCases).toBe(true);
    expect(allowedActions(inReview()).map((a) => a.action)).not.toContain('notify');
    expect(refusal(inReview(), 'notify', notify)).toMatchObject({ code: 'LEGAL_REVIEW_REQUIRED', kind: 'rule_broken' });
  });

  it('may be limited to the Art. 58 cases by policy', () => {
    expect(allowedActions(inReview(), REVIEW_ART58_ONLY).map((a) => a.action)).toContain('notify');
    expect(applyTransition(inReview(), 'notify', notify, ACTOR, hour(50), REVIEW_ART58_ONLY)).toMatchObject({ ok: true, next: { state: 'NOTIFIED', legalReviewDone: false } });
  });

  it('stays required for a major or complex case whatever the policy', () => {
    const major = inReview({ legalReviewGrounds: ['major_public_interest'] });
    expect(legalReviewRequired(major, REVIEW_ART58_ONLY)).toBe(true);
    expect(refusal(major, 'notify', notify, REVIEW_ART58_ONLY)).toMatchObject({ code: 'LEGAL_REVIEW_REQUIRED' });
  });

  it('does not apply to the simple procedure', () => {
    expect(legalReviewRequired(aSnapshot({ procedure: 'simple' }), REVIEW_ALL)).toBe(false);
  });

  it('marks the proposal reviewed when the notice leaves LEGAL_REVIEW', () => {
    const r = applyTransition(aSnapshot({ state: 'LEGAL_REVIEW' }), 'notify', { ...notify, documents: docs('法制审核意见书') }, ACTOR, hour(50));
    expect(r).toMatchObject({ ok: true, next: { legalReviewDone: true, notice: { hearingRight: false, statementDays: 5 } } });
  });

  it('refuses a decision that was never notified (Art. 62)', () => {
    const r = refusal(aSnapshot({ state: 'LEGAL_REVIEW', notice: null }), 'decide_penalty', { penalty: aPenalty(), documents: docs('行政处罚决定书') });
    expect(r).toMatchObject({ code: 'NOTICE_REQUIRED' });
  });
});

describe('hearing (听证)', () => {
  it('is available only when the notice stated the right, and only on the party’s request', () => {
    const { c } = run(newCaseSnapshot(OPENED), [...investigated, ...reviewedAndNotified(false)]);
    expect(allowedActions(c).map((a) => a.action)).toEqual(['request_statement', 'decide_penalty', 'suspend']);
    expect(refusal(c, 'request_hearing', { documents: docs('听证申请书') })).toMatchObject({ code: 'HEARING_NOT_AVAILABLE' });
  });

  it('goes through legal review after the hearing before the decision', () => {
    const { c, path } = run(newCaseSnapshot(OPENED), [
      ...investigated,
      ...reviewedAndNotified(true),
      ['request_statement', { documents: docs('陈述申辩书') }],
      ['request_hearing', { documents: docs('听证申请书') }],
      ['send_to_legal_review', { documents: docs('听证笔录', '听证报告') }],
      ['decide_penalty', { penalty: aPenalty(), documents: docs('法制审核意见书', '行政处罚决定书') }],
    ]);
    expect(path.slice(-5)).toEqual(['NOTIFIED', 'STATEMENT', 'HEARING', 'LEGAL_REVIEW', 'DECIDED']);
    expect(c).toMatchObject({ hearingHeld: true, legalReviewDone: true });
  });

  it('after a hearing that changed the facts, needs legal review again even where policy reviews only Art. 58 cases', () => {
    const { c } = run(
      newCaseSnapshot(OPENED),
      [
        ...investigated,
        ...reviewedAndNotified(true),
        ['request_hearing', { documents: docs('听证申请书') }],
        ['reopen_review', { reason: '听证中当事人提交了新的产权证明', documents: docs('听证笔录', '听证报告') }],
      ],
      REVIEW_ART58_ONLY,
    );
    expect(c).toMatchObject({ state: 'REVIEW', hearingHeld: true, legalReviewDone: false });
    expect(refusal(c, 'notify', { penalty: aPenalty({ fineFen: 300_000 }), hearingRight: true, documents: docs('行政处罚事先告知书') }, REVIEW_ART58_ONLY)).toMatchObject({
      code: 'LEGAL_REVIEW_REQUIRED',
      message: expect.stringContaining('已经听证'),
    });
  });
});

describe('a changed penalty needs a new notice', () => {
  const afterStatement = () =>
    run(newCaseSnapshot(OPENED), [...investigated, ...reviewedAndNotified(false), ['request_statement', { documents: docs('陈述申辩笔录') }]]).c;
  const decide = (penalty = aPenalty()) => ({ penalty, documents: docs('行政处罚决定书') });

  it.each([
    ['a lower fine', { fineFen: 300_000 }],
    ['a higher fine', { fineFen: 800_000 }],
    ['another legal basis', { legalBasis: '《城乡规划法》第六十四条' }],
    ['an added warning', { warning: true }],
    ['an added confiscation', { confiscation: '没收违法所得 ¥1,000' }],
  ])('refuses to decide %s than notified', (_what, change) => {
    expect(refusal(afterStatement(), 'decide_penalty', decide(aPenalty(change)))).toMatchObject({ code: 'PENALTY_DIFFERS_FROM_NOTICE', field: 'penalty' });
  });

  it('accepts the same penalty with an adjusted rectification order', () => {
    const r = applyTransition(afterStatement(), 'decide_penalty', decide(aPenalty({ rectificationOrder: { content: '限期清除占道物品', dueDate: '2024-03-20' } })), ACTOR, hour(50));
    expect(r).toMatchObject({ ok: true, next: { state: 'DECIDED', decision: { rectificationOrder: { content: '限期清除占道物品' } } } });
  });

  it('reopens the review, notifies anew and decides the new penalty', () => {
    const lower = aPenalty({ fineFen: 200_000 });
    const { c, path } = run(afterStatement(), [
      ['reopen_review', { reason: '当事人提供证据证明已部分整改' }],
      ['send_to_legal_review', { documents: docs('法制审核送审表') }],
      ['notify', { penalty: lower, hearingRight: false, documents: docs('法制审核意见书', '行政处罚事先告知书') }],
      ['decide_penalty', { ...decide(lower), partyResponse: 'no_response' }],
    ]);
    expect(path).toEqual(['STATEMENT', 'REVIEW', 'LEGAL_REVIEW', 'NOTIFIED', 'DECIDED']);
    expect(c.decision).toMatchObject({ kind: 'penalty', fineFen: 200_000 });
  });
});

describe('decision details', () => {
  const inLegalReview = aSnapshot({ state: 'LEGAL_REVIEW' });
  const notify = (input: Partial<TransitionInput>) => refusal(inLegalReview, 'notify', { hearingRight: true, documents: docs('行政处罚事先告知书'), ...input });

  it.each<[string, Partial<TransitionInput>, string]>([
    ['no penalty at all', { penalty: null }, 'MISSING_DECISION'],
    ['a blank legal basis', { penalty: aPenalty({ legalBasis: ' ' }) }, 'MISSING_LEGAL_BASIS'],
    ['a fine in yuan with decimals', { penalty: aPenalty({ fineFen: 12.5 }) }, 'INVALID_AMOUNT'],
    ['a negative fine', { penalty: aPenalty({ fineFen: -100 }) }, 'INVALID_AMOUNT'],
    ['nothing imposed', { penalty: aPenalty({ fineFen: 0 }) }, 'EMPTY_DECISION'],
    ['an empty rectification order', { penalty: aPenalty({ rectificationOrder: { content: '' } }) }, 'EMPTY_DECISION'],
    ['no word on the hearing right', { penalty: aPenalty(), hearingRight: undefined }, 'MISSING_HEARING_RIGHT'],
    ['a zero statement period', { penalty: aPenalty(), statementDays: 0 }, 'INVALID_STATEMENT_DAYS'],
  ])('refuses a notice with %s', (_what, input, code) => {
    expect(notify(input)).toMatchObject({ code });
  });

  it('accepts a rectification order alone (责令限期拆除) and keeps the statement period it sets', () => {
    const r = applyTransition(
      inLegalReview,
      'notify',
      { penalty: aPenalty({ fineFen: null, rectificationOrder: { content: '限期拆除违法建设' } }), hearingRight: false, statementDays: 3, documents: docs('告知书') },
      ACTOR,
      hour(50),
    );
    expect(r).toMatchObject({ ok: true, record: { notice: { statementDays: 3, penalty: { rectificationOrder: { content: '限期拆除违法建设' } } } } });
  });

  it('needs a ground of Art. 33 (or 30, 31, 36, 57) for no penalty', () => {
    const r = (noPenalty: TransitionInput['noPenalty']) => refusal(aSnapshot({ state: 'REVIEW' }), 'decide_no_penalty', { noPenalty, documents: docs('不予行政处罚决定书') });
    expect(r(null)).toMatchObject({ code: 'MISSING_NO_PENALTY_GROUND' });
    expect(r({ ground: 'sympathy' as never, explanation: '情有可原' })).toMatchObject({ code: 'MISSING_NO_PENALTY_GROUND' });
    expect(r({ ground: 'no_fault', explanation: ' ' })).toMatchObject({ code: 'MISSING_NO_PENALTY_GROUND' });
  });

  it('refuses a malformed document reference', () => {
    expect(refusal(aSnapshot(), 'file', { documents: [{ kind: '立案审批表', ref: '' }] })).toMatchObject({ code: 'MISSING_DOCUMENTS' });
  });

  it('keeps reasons within the event’s 500 characters', () => {
    const lead = aSnapshot();
    expect(refusal(lead, 'not_file', { reason: '无'.repeat(501), documents: docs('不予立案审批表') })).toMatchObject({ code: 'REASON_TOO_LONG' });
    expect(applyTransition(lead, 'not_file', { reason: '无'.repeat(500), documents: docs('不予立案审批表') }, ACTOR, hour(1)).ok).toBe(true);
  });
});

describe('the simple procedure (简易程序)', () => {
  const onSpot = (partyType: TransitionInput['partyType'], penalty = aPenalty({ fineFen: 20_000 })): TransitionInput => ({
    partyType,
    penalty,
    officers: TWO_OFFICERS,
    documents: docs('当场行政处罚决定书'),
  });

  it('runs LEAD → ON_SPOT_DECISION → CLOSED → ARCHIVED with the 备案 record', () => {
    const { c, path, records } = run(newCaseSnapshot(OPENED), [
      ['decide_on_spot', onSpot('citizen', aPenalty({ fineFen: 5_000 }))],
      ['close', { executionResult: 'paid_on_spot', documents: docs('备案记录', '罚款收据') }],
      ['archive', { documents: docs('案卷') }],
    ]);
    expect(path).toEqual(['LEAD', 'ON_SPOT_DECISION', 'CLOSED', 'ARCHIVED']);
    expect(c).toMatchObject({ procedure: 'simple', partyType: 'citizen', decision: { kind: 'penalty', fineFen: 5_000 } });
    expect(records[0]).toMatchObject({ procedure: 'simple', partyType: 'citizen', officers: TWO_OFFICERS, decision: { fineFen: 5_000 } });
  });

  it.each<[TransitionInput['partyType'], number, boolean]>([
    ['citizen', 20_000, true], // ¥200.00
    ['citizen', 20_001, false], // ¥200.01
    ['organisation', 300_000, true], // ¥3,000
    ['organisation', 300_001, false],
    ['citizen', 300_000, false],
  ])('for a %s, a fine of %s fen is within the limit: %s', (partyType, fineFen, ok) => {
    const r = applyTransition(newCaseSnapshot(OPENED), 'decide_on_spot', onSpot(partyType, aPenalty({ fineFen })), ACTOR, hour(1));
    if (ok) expect(r).toMatchObject({ ok: true, next: { state: 'ON_SPOT_DECISION' } });
    else expect(r).toMatchObject({ ok: false, code: 'OVER_SIMPLE_THRESHOLD', kind: 'rule_broken' });
  });

  it('names the limit in the refusal', () => {
    expect(refusal(newCaseSnapshot(OPENED), 'decide_on_spot', onSpot('organisation', aPenalty({ fineFen: 350_000 }))).message).toBe(
      '对法人或者其他组织当场罚款不得超过 ¥3,000（行政处罚法第五十一条），拟罚 ¥3,500，应适用普通程序',
    );
    expect(refusal(newCaseSnapshot(OPENED), 'decide_on_spot', onSpot('citizen', aPenalty({ fineFen: 20_050 }))).message).toContain('拟罚 ¥200.50');
  });

  it('accepts a warning alone', () => {
    expect(applyTransition(newCaseSnapshot(OPENED), 'decide_on_spot', onSpot('organisation', aPenalty({ fineFen: null, warning: true })), ACTOR, hour(1)).ok).toBe(true);
  });

  it.each<[string, TransitionInput, string]>([
    ['no party type', onSpot(null), 'MISSING_PARTY_TYPE'],
    ['a confiscation', onSpot('citizen', aPenalty({ fineFen: 5_000, confiscation: '没收工具' })), 'NOT_SIMPLE_PENALTY'],
    ['a licence measure', onSpot('citizen', aPenalty({ fineFen: null, otherMeasures: ['暂扣许可证件'] })), 'NOT_SIMPLE_PENALTY'],
    ['only a rectification order', onSpot('citizen', aPenalty({ fineFen: null, rectificationOrder: { content: '清除' } })), 'NOT_SIMPLE_PENALTY'],
    ['one officer', { ...onSpot('citizen'), officers: [TWO_OFFICERS[0]] }, 'NEEDS_TWO_OFFICERS'],
    ['no decision document', { ...onSpot('citizen'), documents: [] }, 'MISSING_DOCUMENTS'],
  ])('refuses %s', (_what, input, code) => {
    expect(refusal(newCaseSnapshot(OPENED), 'decide_on_spot', input)).toMatchObject({ code });
  });

  it('collects cash on the spot above ¥100 only with a reason (Art. 68)', () => {
    const decided = aSnapshot({ state: 'ON_SPOT_DECISION', procedure: 'simple', decision: aDecision({ fineFen: 15_000 }) });
    const close = (reason?: string) => applyTransition(decided, 'close', { executionResult: 'paid_on_spot', reason, documents: docs('备案记录') }, ACTOR, hour(50));
    expect(close()).toMatchObject({ ok: false, code: 'ON_SPOT_CASH_OVER_LIMIT', field: 'reason' });
    expect(close('当事人系外地流动摊贩，事后难以执行')).toMatchObject({ ok: true });
    const small = aSnapshot({ state: 'ON_SPOT_DECISION', procedure: 'simple', decision: aDecision({ fineFen: 10_000 }) });
    expect(applyTransition(small, 'close', { executionResult: 'paid_on_spot', documents: docs('备案记录') }, ACTOR, hour(50)).ok).toBe(true);
  });

  it('closes a warning as such, and refuses “paid” for it', () => {
    const warned = aSnapshot({ state: 'ON_SPOT_DECISION', procedure: 'simple', decision: aDecision({ fineFen: null, warning: true }) });
    expect(applyTransition(warned, 'close', { executionResult: 'warning_only', documents: docs('备案记录') }, ACTOR, hour(50)).ok).toBe(true);
    expect(refusal(warned, 'close', { executionResult: 'paid', documents: docs('备案记录') })).toMatchObject({ code: 'EXECUTION_RESULT_MISMATCH' });
    expect(allowedActions(warned).map((a) => a.action)).toEqual(['close', 'suspend']);
  });

  it('sends an unpaid on-the-spot fine to execution', () => {
    const unpaid = aSnapshot({ state: 'ON_SPOT_DECISION', procedure: 'simple', decision: aDecision({ fineFen: 5_000 }) });
    expect(applyTransition(unpaid, 'start_execution', {}, ACTOR, hour(50))).toMatchObject({ ok: true, next: { state: 'EXECUTING', procedure: 'simple' } });
  });

  it('lets a lead marked simple still be filed, which makes it general', () => {
    const r = applyTransition(newCaseSnapshot(OPENED, 'simple'), 'file', { documents: docs('立案审批表') }, ACTOR, hour(1));
    expect(r).toMatchObject({ ok: true, next: { procedure: 'general' }, record: { procedure: 'general' } });
  });
});

describe('actor, time and purity', () => {
  const fileInput = { documents: docs('立案审批表') };

  it('needs an actor and a valid time not before the current state began', () => {
    const lead = newCaseSnapshot(OPENED);
    expect(applyTransition(lead, 'file', fileInput, { id: ' ' }, hour(1))).toMatchObject({ ok: false, code: 'INVALID_ACTOR', field: 'actor' });
    expect(applyTransition(lead, 'file', fileInput, ACTOR, new Date('nope'))).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(applyTransition(lead, 'file', fileInput, ACTOR, new Date(OPENED.getTime() - 1))).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(applyTransition(lead, 'file', fileInput, ACTOR, OPENED).ok).toBe(true);
  });

  it('is deterministic and leaves its arguments untouched', () => {
    const lead = deepFreeze(aSnapshot({ state: 'REVIEW', notice: aNotice() }));
    const input = deepFreeze({ penalty: aPenalty(), hearingRight: true, documents: docs('告知书') });
    const a = applyTransition(lead, 'notify', input, ACTOR, AT, REVIEW_ART58_ONLY);
    const b = applyTransition(lead, 'notify', input, ACTOR, AT, REVIEW_ART58_ONLY);
    expect(a).toEqual(b);
    expect(a.ok).toBe(true);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('allowedActionsWithRequirements', () => {
  it('tells a form what each allowed step needs', () => {
    const lead = newCaseSnapshot(OPENED);
    const offered = allowedActionsWithRequirements(lead);
    expect(offered.map(({ action, to, label }) => ({ action, to, label }))).toEqual(allowedActions(lead));
    expect(offered.find((a) => a.action === 'decide_on_spot')?.requires).toEqual({ twoOfficers: true, penalty: 'on_spot', documents: ['当场行政处罚决定书'] });
    expect(offered.find((a) => a.action === 'not_file')?.requires).toEqual({ reason: true, documents: ['不予立案审批表'] });
  });
});
