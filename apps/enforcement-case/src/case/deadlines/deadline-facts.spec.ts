import { WorkingCalendar, chineseDaysYearFiles } from '@pipeline/calendar';
import { TWO_OFFICERS, aPenalty, docs } from '../procedure/case-procedure.builders';
import { applyTransition, newCaseSnapshot, type CaseSnapshot, type TransitionInput, type TransitionRecord } from '../procedure/case-state-machine';
import type { CaseAction } from '../procedure/case-transitions';
import { computeDeadlines } from './deadline-view';
import { deadlineFactsFromHistory } from './deadline-facts';

const at = (iso: string) => new Date(iso.includes('T') ? iso : `${iso}T10:00:00+08:00`);
const cal = WorkingCalendar.fromYears(chineseDaysYearFiles().filter((f) => f.year === 2024 || f.year === 2025));

/** Runs dated steps through the state machine, as the service will. */
function history(opened: string, steps: [string, CaseAction, TransitionInput?][]): { snapshot: CaseSnapshot; records: TransitionRecord[] } {
  let snapshot = newCaseSnapshot(at(opened));
  const records: TransitionRecord[] = [];
  for (const [when, action, input = {}] of steps) {
    const r = applyTransition(snapshot, action, input, { id: 'officer-wang' }, at(when));
    if (!r.ok) throw new Error(`${action} at ${when}: ${r.code} ${r.message}`);
    snapshot = r.next;
    records.push(r.record);
  }
  return { snapshot, records };
}

const toHearing: [string, CaseAction, TransitionInput?][] = [
  ['2024-03-04', 'file', { documents: docs('立案审批表') }],
  ['2024-03-05', 'start_investigation', { officers: TWO_OFFICERS }],
  ['2024-04-12', 'suspend', { reason: '等待房屋权属认定' }],
  ['2024-04-22T09:00:00+08:00', 'resume'],
  ['2024-04-25', 'finish_investigation', { officers: TWO_OFFICERS, documents: docs('调查终结报告') }],
  ['2024-04-26', 'send_to_legal_review', { documents: docs('法制审核送审表') }],
  ['2024-04-29', 'notify', { penalty: aPenalty(), hearingRight: true, statementDays: 3, documents: docs('法制审核意见书', '行政处罚事先告知书') }],
  ['2024-04-30', 'request_hearing', { documents: docs('听证申请书') }],
];

describe('deadlineFactsFromHistory', () => {
  it('reads the timeline, the notice and the pauses from the transitions', () => {
    const { snapshot, records } = history('2024-03-01', [...toHearing, ['2024-05-16', 'send_to_legal_review', { documents: docs('听证笔录', '听证报告') }]]);
    const facts = deadlineFactsFromHistory(snapshot, records, { timeline: { leadReceivedAt: at('2024-03-01') } });
    expect(facts).toMatchObject({
      state: 'LEGAL_REVIEW',
      hearingRight: true,
      statementDays: 3,
      timeline: {
        leadReceivedAt: at('2024-03-01'),
        filedAt: at('2024-03-04'),
        noticeServedAt: at('2024-04-29'),
        hearingRequestedAt: at('2024-04-30'),
        legalReviewStartedAt: at('2024-05-16'), // the latest entry
      },
      pauses: [
        { kind: 'suspension', from: at('2024-04-12'), to: at('2024-04-22T09:00:00+08:00') },
        { kind: 'hearing', from: at('2024-04-30'), to: at('2024-05-16') },
      ],
    });

    // D3 from Mon 4 Mar: 90 days (Jun 2) + 10 suspended + 16 in hearing = 116 → Fri 28 Jun.
    // D15 from Thu 16 May: Fri 17 (1), Mon 20 (2), Tue 21 (3); on Fri 17 only Mon and Tue remain: due soon.
    const views = computeDeadlines(facts, cal, at('2024-05-17'));
    expect(views.map((v) => [v.key, v.dueDate, v.pausedDays, v.status])).toEqual([
      ['D3', '2024-06-28', 26, 'running'],
      ['D15.legal_review', '2024-05-21', 0, 'due_soon'],
    ]);
  });

  it('shows D3 paused during the hearing', () => {
    const { snapshot, records } = history('2024-03-01', toHearing);
    const views = computeDeadlines(deadlineFactsFromHistory(snapshot, records), cal, at('2024-05-06'));
    expect(views.map((v) => [v.key, v.status])).toEqual([['D3', 'paused']]);
  });

  it('keeps an unfinished suspension open', () => {
    const { snapshot, records } = history('2024-03-01', toHearing.slice(0, 3));
    const facts = deadlineFactsFromHistory(snapshot, records);
    expect(facts).toMatchObject({ state: 'SUSPENDED', suspendedFrom: 'INVESTIGATING', pauses: [{ kind: 'suspension', from: at('2024-04-12'), to: null }] });
    expect(computeDeadlines(facts, cal, at('2024-04-20'))).toMatchObject([{ key: 'D3', status: 'paused', pausedDays: 8 }]);
  });

  it('treats an on-the-spot decision as served at once, and a paid close as payment', () => {
    const onSpot: [string, CaseAction, TransitionInput?][] = [
      ['2024-09-16', 'decide_on_spot', { partyType: 'citizen', penalty: aPenalty({ fineFen: 5_000 }), officers: TWO_OFFICERS, documents: docs('当场行政处罚决定书') }],
    ];
    const decided = history('2024-09-16T09:00:00+08:00', onSpot);
    const facts = deadlineFactsFromHistory(decided.snapshot, decided.records);
    expect(facts).toMatchObject({ decisionKind: 'penalty', fineFen: 5_000, partyPresentAtPronouncement: true, timeline: { decisionServedAt: at('2024-09-16') } });
    // D9: Mon 16 Sep + 15 = Tue 1 Oct (国庆节) → Tue 8 Oct.
    expect(computeDeadlines(facts, cal, at('2024-09-17')).map((v) => [v.key, v.dueDate])).toEqual([
      ['D9', '2024-10-08'],
      ['D11.review', '2024-11-15'],
      ['D11.suit', '2025-03-17'],
    ]);

    const paid = history('2024-09-16T09:00:00+08:00', [...onSpot, ['2024-09-20', 'close', { executionResult: 'paid', documents: docs('备案记录') }]]);
    const closed = deadlineFactsFromHistory(paid.snapshot, paid.records);
    expect(closed.timeline).toMatchObject({ paidAt: at('2024-09-20'), closedAt: at('2024-09-20') });
    // Closed: only the archive clock, Fri 20 Sep + 30 = Sun 20 Oct → Mon 21 Oct.
    expect(computeDeadlines(closed, cal, at('2024-09-21')).map((v) => [v.key, v.dueDate])).toEqual([['D15.archive', '2024-10-21']]);
  });

  it('lets known facts win over derived ones and adds their pauses and extensions', () => {
    const { snapshot, records } = history('2024-03-01', toHearing.slice(0, 2));
    const facts = deadlineFactsFromHistory(snapshot, records, {
      timeline: { filedAt: at('2024-03-03') },
      pauses: [{ kind: 'testing', from: at('2024-03-10'), to: at('2024-03-20') }],
      extensions: [{ key: 'D3', approvedBy: 'head-liu', approvalRef: '延〔2024〕1号', days: 30, at: at('2024-05-01') }],
    });
    expect(facts.timeline.filedAt).toEqual(at('2024-03-03'));
    // Sun 3 Mar: Mar 31 = 28, Apr 30 = 58, May 31 = 89, Jun 30 = 119; + 90 + 10 (testing) + 30 (extension) = 130 → Thu 11 Jul.
    expect(computeDeadlines(facts, cal, at('2024-05-02'))).toMatchObject([{ key: 'D3', dueDate: '2024-07-11', pausedDays: 10, extendedBy: 30 }]);
  });
});
