import { WorkingCalendar, chineseDaysYearFiles, howToLoad } from '@pipeline/calendar';
import { checkExtension, type CaseFacts, type DeadlineExtension } from './deadline-calculator';
import { candidateOverdue, computeDeadlines, isDueSoon, type DeadlineView } from './deadline-view';
import type { DeadlineKey } from './deadline-rules';

// Instants are written in Shanghai time (+08:00). A day-based deadline is due
// at the end of its local day, 23:59:59.999 +08:00.
const at = (iso: string) => new Date(iso.includes('T') ? iso : `${iso}T10:00:00+08:00`);
// Only the 2024 and 2025 notices (libs/calendar pins the package to the files
// kept for them before), so the years around them stay unloaded.
const yearsOf = (...years: number[]) => chineseDaysYearFiles().filter((f) => years.includes(f.year));
const cal = WorkingCalendar.fromYears(yearsOf(2024, 2025));
const MSG_2026 = `工作日历未载入 2026 年的节假日安排，无法计算期限（已载入：2024–2025 年）。${howToLoad(2026)}`;

function deadlines(facts: Partial<CaseFacts> & Pick<CaseFacts, 'state'>, now: string): Record<string, DeadlineView> {
  const views = computeDeadlines({ timeline: {}, ...facts }, cal, at(now));
  return Object.fromEntries(views.map((v) => [v.key, v]));
}

function one(key: DeadlineKey, facts: Partial<CaseFacts> & Pick<CaseFacts, 'state'>, now: string): DeadlineView {
  const found = deadlines(facts, now)[key];
  if (!found) throw new Error(`${key} not computed`);
  return found;
}

const approval = (key: DeadlineKey, days: number, when: string, extra: Partial<DeadlineExtension> = {}): DeadlineExtension => ({
  key,
  approvedBy: 'head-liu',
  approvalRef: '青城执延〔2024〕3号',
  days,
  at: at(when),
  ...extra,
});

describe('which deadlines apply', () => {
  it('shows only the clocks of the current state that have started', () => {
    const timeline = { leadReceivedAt: at('2024-03-04'), filedAt: at('2024-03-06'), closedAt: at('2024-05-06') };
    expect(Object.keys(deadlines({ state: 'LEAD', timeline }, '2024-03-05'))).toEqual(['D1']);
    expect(Object.keys(deadlines({ state: 'INVESTIGATING', timeline }, '2024-03-07'))).toEqual(['D3']);
    expect(Object.keys(deadlines({ state: 'CLOSED', timeline }, '2024-05-07'))).toEqual(['D15.archive']);
    expect(deadlines({ state: 'ARCHIVED', timeline }, '2024-06-01')).toEqual({});
    expect(deadlines({ state: 'NOT_FILED', timeline }, '2024-06-01')).toEqual({});
  });

  it('needs a fine for D9/D10 and a penalty for D11', () => {
    const timeline = { decisionServedAt: at('2024-09-16') };
    expect(Object.keys(deadlines({ state: 'SERVED', decisionKind: 'no_penalty', timeline }, '2024-09-17'))).toEqual([]);
    expect(Object.keys(deadlines({ state: 'SERVED', decisionKind: 'penalty', fineFen: null, timeline }, '2024-09-17'))).toEqual(['D11.review', 'D11.suit']);
    expect(Object.keys(deadlines({ state: 'SERVED', decisionKind: 'penalty', fineFen: 100_000, timeline }, '2024-09-17'))).toEqual(['D9', 'D11.review', 'D11.suit']);
  });

  it('gives every view its source, marker, bearer and trigger in words', () => {
    expect(one('D1', { state: 'LEAD', timeline: { leadReceivedAt: at('2024-03-04') } }, '2024-03-05')).toMatchObject({
      id: 'D1',
      name: '线索核查',
      trigger: '收到线索',
      bearer: 'bureau',
      marker: '?',
      dayType: 'calendar',
      amount: 15,
      note: '期限性质未核实，按自然日（较严格）计算',
    });
  });
});

describe('calendar-day limits', () => {
  it('D1: 15 days after the lead, a working last day stands', () => {
    // Mon 4 Mar 2024 + 15 = Tue 19 Mar.
    expect(one('D1', { state: 'LEAD', timeline: { leadReceivedAt: at('2024-03-04') } }, '2024-03-05')).toMatchObject({
      startedAt: at('2024-03-04'),
      dueAt: at('2024-03-19T23:59:59.999+08:00'),
      dueDate: '2024-03-19',
      status: 'running',
    });
  });

  it('D1: a last day on a weekend moves to Monday', () => {
    // Fri 8 Mar + 15 = Sat 23 Mar → Mon 25 Mar.
    expect(one('D1', { state: 'LEAD', timeline: { leadReceivedAt: at('2024-03-08') } }, '2024-03-09').dueDate).toBe('2024-03-25');
  });

  it('D1: a last day in National Day 2024 moves past the whole holiday', () => {
    // Mon 16 Sep + 15 = Tue 1 Oct (国庆节, Oct 1–7 rest) → Tue 8 Oct.
    expect(one('D1', { state: 'LEAD', timeline: { leadReceivedAt: at('2024-09-16') } }, '2024-09-17').dueDate).toBe('2024-10-08');
  });

  it('D9: a last day in the 2025 Spring Festival moves to Wed 5 Feb', () => {
    // Decision received Mon 20 Jan 2025 + 15 = Tue 4 Feb, the holiday's last day → Wed 5 Feb.
    const facts = { state: 'SERVED' as const, decisionKind: 'penalty' as const, fineFen: 20_000, timeline: { decisionServedAt: at('2025-01-20') } };
    expect(one('D9', facts, '2025-01-21').dueDate).toBe('2025-02-05');
  });

  it('D3: 90 days from filing, the Sunday end moved to Monday', () => {
    // Mon 4 Mar 2024: to Mar 31 = 27, Apr 30 = 57, May 31 = 88, Sun 2 Jun = 90 → Mon 3 Jun.
    expect(one('D3', { state: 'INVESTIGATING', timeline: { filedAt: at('2024-03-04') } }, '2024-03-05')).toMatchObject({ dueDate: '2024-06-03', status: 'running', pausedDays: 0 });
  });

  it('D11: 复议 60 days and 诉讼 6 months from receipt of the decision', () => {
    // Mon 16 Sep 2024: + 14 = Sep 30, + 31 = Oct 31 (45), + 15 = Fri 15 Nov (60).
    // 6 months: Sun 16 Mar 2025 → Mon 17 Mar.
    const facts = { state: 'EXECUTING' as const, decisionKind: 'penalty' as const, fineFen: 100_000, timeline: { decisionServedAt: at('2024-09-16') } };
    const d = deadlines(facts, '2024-10-01');
    expect(d['D11.review']).toMatchObject({ dueDate: '2024-11-15', bearer: 'party', status: 'running' });
    expect(d['D11.suit']).toMatchObject({ dueDate: '2025-03-17', dayType: 'months' });
  });

  it('D2: the prescription runs in whole months without rolling, and needs no holiday data', () => {
    // Violation ended Wed 1 May 2024: + 24 months = Fri 1 May 2026, exact without the 2026 notice.
    expect(one('D2', { state: 'LEAD', timeline: { violationEndedAt: at('2024-05-01'), leadReceivedAt: at('2024-06-03') } }, '2024-06-04')).toMatchObject({
      dueDate: '2026-05-01',
      status: 'running',
    });
    // Five years where life, health or finance was harmed.
    const serious = one('D2', { state: 'LEAD', seriousHarm: true, timeline: { violationEndedAt: at('2024-05-01') } }, '2024-06-04');
    expect(serious).toMatchObject({ dueDate: '2029-05-01', amount: 60 });
    expect(serious.note).toContain('五年');
    // Ended Mon 10 Jan 2022: barred from Tue 11 Jan 2024 on.
    expect(one('D2', { state: 'LEAD', timeline: { violationEndedAt: at('2022-01-10') } }, '2024-03-01')).toMatchObject({ dueDate: '2024-01-10', status: 'overdue' });
  });
});

describe('working-day limits', () => {
  const notified = (served: string, extra: Partial<CaseFacts> = {}) => ({ state: 'NOTIFIED' as const, hearingRight: true, timeline: { noticeServedAt: at(served) }, ...extra });

  it('D4/D5 across a weekend', () => {
    // Served Wed 6 Mar 2024: Thu 7 (1), Fri 8 (2), Mon 11 (3), Tue 12 (4), Wed 13 (5).
    const d = deadlines(notified('2024-03-06'), '2024-03-07');
    expect(d.D4).toMatchObject({ dueDate: '2024-03-13', dayType: 'working', bearer: 'party' });
    expect(d.D5).toMatchObject({ dueDate: '2024-03-13' });
  });

  it('D4/D5 across the 2024 Spring Festival and its make-up Sunday', () => {
    // Served Thu 8 Feb 2024: Fri 9 (除夕, working) (1); Sat 10 – Sat 17 rest;
    // Sun 18 (make-up) (2); Mon 19 (3); Tue 20 (4); Wed 21 (5).
    const d = deadlines(notified('2024-02-08'), '2024-02-09');
    expect(d.D5.dueDate).toBe('2024-02-21');
    // A 3-day statement period set in the notice: Fri 9, Sun 18, Mon 19.
    expect(deadlines(notified('2024-02-08', { statementDays: 3 }), '2024-02-09').D4.dueDate).toBe('2024-02-19');
  });

  it('D5 across National Day 2024 ends on the make-up Saturday', () => {
    // Served Mon 30 Sep: Oct 1–7 rest; Tue 8 (1), Wed 9 (2), Thu 10 (3), Fri 11 (4), Sat 12 (make-up) (5).
    expect(deadlines(notified('2024-09-30T15:00:00+08:00'), '2024-10-01').D5.dueDate).toBe('2024-10-12');
  });

  it('D4/D5 across the 2025 Spring Festival', () => {
    // Served Fri 24 Jan 2025: Sun 26 (make-up) (1), Mon 27 (2), Jan 28 – Feb 4 rest, Wed 5 (3), Thu 6 (4), Fri 7 (5).
    expect(deadlines(notified('2025-01-24'), '2025-01-25').D4.dueDate).toBe('2025-02-07');
  });

  it('a statement period that has passed has expired — the right lapsed, no one is in breach', () => {
    // 3-day D4 ended Mon 19 Feb; on Tue 20 Feb it has expired; D5 (Wed 21) is 1 working day away: due soon.
    const d = deadlines(notified('2024-02-08', { statementDays: 3 }), '2024-02-20');
    expect(d.D4.status).toBe('expired');
    expect(d.D5.status).toBe('due_soon');
  });

  it('D5 is met by a request in time, and expired by a late one', () => {
    const facts = (requested: string) => ({ ...notified('2024-03-06'), state: 'STATEMENT' as const, timeline: { noticeServedAt: at('2024-03-06'), hearingRequestedAt: at(requested) } });
    expect(one('D5', facts('2024-03-13T17:00:00+08:00'), '2024-03-14')).toMatchObject({ status: 'met', completedAt: at('2024-03-13T17:00:00+08:00') });
    expect(one('D5', facts('2024-03-14T09:00:00+08:00'), '2024-03-14T10:00:00+08:00')).toMatchObject({ status: 'expired', note: expect.stringContaining('2024-03-14') });
  });

  it('D6 counts 7 working days back from the hearing', () => {
    // Hearing Fri 22 Mar 2024; back from it: 22, 21, 20, 19, 18, 15, 14 (7th) → notice by Wed 13 Mar.
    const facts = { state: 'HEARING' as const, timeline: { hearingRequestedAt: at('2024-03-08'), hearingDate: at('2024-03-22T09:00:00+08:00') } };
    expect(one('D6', facts, '2024-03-11')).toMatchObject({ dueDate: '2024-03-13', startedAt: at('2024-03-08'), bearer: 'bureau' });
  });

  it('D6 across National Day 2024: the notice for a hearing on Tue 15 Oct must be out by Mon 7 Oct', () => {
    // Back from Tue 15 Oct: 15, 14, Sat 12 (make-up), 11, 10, 9, 8 (7th); the day before is Mon 7 Oct.
    const facts = (noticeServed?: string) => ({
      state: 'HEARING' as const,
      timeline: { hearingRequestedAt: at('2024-09-25'), hearingDate: at('2024-10-15T09:00:00+08:00'), ...(noticeServed ? { hearingNoticeServedAt: at(noticeServed) } : {}) },
    });
    expect(one('D6', facts(), '2024-09-26').dueDate).toBe('2024-10-07');
    expect(one('D6', facts('2024-09-29'), '2024-10-08').status).toBe('met');
    expect(one('D6', facts(), '2024-10-08').status).toBe('overdue');
  });

  it('D7: 7 working days to serve an absent party, the same day for one present', () => {
    // Pronounced Mon 30 Sep 2024: Tue 8 (1) … Sat 12 (5), Mon 14 (6), Tue 15 (7).
    const facts = (present: boolean) => ({ state: 'DECIDED' as const, partyPresentAtPronouncement: present, timeline: { decisionPronouncedAt: at('2024-09-30T15:00:00+08:00') } });
    expect(one('D7', facts(false), '2024-10-01').dueDate).toBe('2024-10-15');
    const present = one('D7', facts(true), '2024-09-30T16:00:00+08:00');
    expect(present).toMatchObject({ dueDate: '2024-09-30', amount: 0, note: expect.stringContaining('当场交付') });
  });

  it('D15: legal review within 3 working days, due soon with 2 working days left', () => {
    // Sent Mon 4 Mar 2024: Tue 5 (1), Wed 6 (2), Thu 7 (3).
    const facts = { state: 'LEGAL_REVIEW' as const, timeline: { legalReviewStartedAt: at('2024-03-04T09:00:00+08:00') } };
    expect(one('D15.legal_review', facts, '2024-03-04T15:00:00+08:00')).toMatchObject({ dueDate: '2024-03-07', status: 'running' }); // 3 working days left
    expect(one('D15.legal_review', facts, '2024-03-05T09:00:00+08:00').status).toBe('due_soon'); // Wed, Thu left
    expect(one('D15.legal_review', facts, '2024-03-08T09:00:00+08:00').status).toBe('overdue');
  });
});

describe('due soon', () => {
  const d3 = (now: string) => one('D3', { state: 'INVESTIGATING', timeline: { filedAt: at('2024-03-04') } }, now);

  it('flags a long period once less than 20% is left', () => {
    // Mon 4 Mar 10:00 → end of Mon 3 Jun: 91.6 days; 20% = 18.3 days.
    expect(d3('2024-05-10').status).toBe('running'); // 24.6 days left
    expect(d3('2024-05-17').status).toBe('due_soon'); // 17.6 days left
  });

  it('is neither before the start share nor after the due date', () => {
    const start = at('2024-03-04');
    const due = at('2024-06-03T23:59:59.999+08:00');
    expect(isDueSoon(start, due, at('2024-06-04'), cal, 'calendar')).toBe(false);
    expect(isDueSoon(start, due, at('2024-06-03T23:00:00+08:00'), cal, 'calendar')).toBe(true);
  });

  it('falls back to the share alone where the working days cannot be counted', () => {
    // Due in 2026: 2 working days cannot be judged, the 20% share still can.
    expect(isDueSoon(at('2025-12-01'), at('2026-01-05T23:59:59.999+08:00'), at('2025-12-20'), cal, 'calendar')).toBe(false);
    expect(isDueSoon(at('2025-12-01'), at('2026-01-05T23:59:59.999+08:00'), at('2025-12-31'), cal, 'calendar')).toBe(true);
  });
});

describe('extensions', () => {
  const lead = (extensions: DeadlineExtension[]) => ({ state: 'LEAD' as const, timeline: { leadReceivedAt: at('2024-03-04') }, extensions });

  it('D1 + 10 days with the head’s approval', () => {
    // Mon 4 Mar + 15 + 10 = Fri 29 Mar.
    const v = one('D1', lead([approval('D1', 10, '2024-03-15')]), '2024-03-20');
    expect(v).toMatchObject({ dueDate: '2024-03-29', extendedBy: 10, extensions: [approval('D1', 10, '2024-03-15')], rejectedExtensions: [], status: 'running' });
  });

  it('ignores an extension without approver or approval reference, and says so', () => {
    const unapproved = approval('D1', 10, '2024-03-15', { approvalRef: ' ' });
    const v = one('D1', lead([unapproved]), '2024-03-20');
    expect(v).toMatchObject({ dueDate: '2024-03-19', extendedBy: 0, status: 'overdue' });
    expect(v.rejectedExtensions).toEqual([{ extension: unapproved, code: 'EXTENSION_NEEDS_APPROVAL', message: expect.stringContaining('审批文号') }]);
    expect(v.note).toContain('未计入的延长');
  });

  it('refuses days beyond the rule’s maximum', () => {
    const v = one('D1', lead([approval('D1', 6, '2024-03-14'), approval('D1', 6, '2024-03-18')]), '2024-03-20');
    // Only the first 6 count: Mar 4 + 21 = Mon 25 Mar.
    expect(v).toMatchObject({ dueDate: '2024-03-25', extendedBy: 6 });
    expect(v.rejectedExtensions.map((r) => r.code)).toEqual(['EXTENSION_OVER_MAXIMUM']);
  });

  it('refuses an extension approved after the deadline passed', () => {
    const v = one('D1', lead([approval('D1', 10, '2024-03-20')]), '2024-03-21');
    expect(v.rejectedExtensions.map((r) => r.code)).toEqual(['EXTENSION_AFTER_DUE']);
    expect(v.status).toBe('overdue');
  });

  it('D3: + 30 days by the head, beyond only by collective decision', () => {
    const filed = (extensions: DeadlineExtension[]) => ({ state: 'REVIEW' as const, timeline: { filedAt: at('2024-03-04') }, extensions });
    // Mar 4 + 120: Jun 2 is day 90, Jul 2 is day 120 (Tue).
    expect(one('D3', filed([approval('D3', 30, '2024-05-20')]), '2024-06-10').dueDate).toBe('2024-07-02');
    const over = one('D3', filed([approval('D3', 30, '2024-05-20'), approval('D3', 15, '2024-06-25')]), '2024-06-26');
    expect(over.rejectedExtensions[0]).toMatchObject({ code: 'EXTENSION_OVER_MAXIMUM', message: expect.stringContaining('集体讨论') });
    // Mar 4 + 135 = Wed 17 Jul.
    expect(one('D3', filed([approval('D3', 30, '2024-05-20'), approval('D3', 15, '2024-06-25', { collective: true })]), '2024-06-26')).toMatchObject({
      dueDate: '2024-07-17',
      extendedBy: 45,
    });
  });

  it('D9: deferral as approved, no maximum', () => {
    // Received Mon 16 Sep 2024 + 15 + 30 = Thu 31 Oct.
    const facts = { state: 'SERVED' as const, decisionKind: 'penalty' as const, fineFen: 100_000, timeline: { decisionServedAt: at('2024-09-16') }, extensions: [approval('D9', 30, '2024-09-20')] };
    expect(one('D9', facts, '2024-09-21').dueDate).toBe('2024-10-31');
  });

  it('checkExtension refuses statutory periods and bad days', () => {
    expect(checkExtension('D11.review', [], approval('D11.review', 10, '2024-03-01'))).toMatchObject({ ok: false, code: 'EXTENSION_NOT_ALLOWED' });
    expect(checkExtension('D1', [], approval('D1', 0, '2024-03-01'))).toMatchObject({ ok: false, code: 'EXTENSION_INVALID_DAYS' });
    expect(checkExtension('D1', [], approval('D1', 2.5, '2024-03-01'))).toMatchObject({ ok: false, code: 'EXTENSION_INVALID_DAYS' });
    expect(checkExtension('D1', [], approval('D1', 10, '2024-03-01', { approvedBy: '' }))).toMatchObject({ ok: false, code: 'EXTENSION_NEEDS_APPROVAL' });
    expect(checkExtension('D1', [], approval('D1', 10, '2024-03-01'))).toEqual({ ok: true });
  });
});

describe('pauses', () => {
  const investigating = (extra: Partial<CaseFacts>) => ({ state: 'INVESTIGATING' as const, timeline: { filedAt: at('2024-03-04') }, ...extra });

  it('moves D3 by a suspension, in calendar days', () => {
    // Suspended Fri 12 Apr 10:00 → resumed Mon 22 Apr 09:00: 10 calendar days.
    // Mar 4 + 100 = Wed 12 Jun (Mon 10 Jun is 端午节, not the last day here).
    const v = one('D3', investigating({ pauses: [{ kind: 'suspension', from: at('2024-04-12'), to: at('2024-04-22T09:00:00+08:00') }] }), '2024-04-23');
    expect(v).toMatchObject({ dueDate: '2024-06-12', pausedDays: 10, status: 'running' });
  });

  it('shows D3 paused while suspended, due as if resumed now', () => {
    // Suspended from Fri 12 Apr, now Sat 20 Apr: 8 days so far; Mar 4 + 98 = Mon 10 Jun, 端午节 → Tue 11 Jun.
    const v = one('D3', { state: 'SUSPENDED', suspendedFrom: 'INVESTIGATING', timeline: { filedAt: at('2024-03-04') }, pauses: [{ kind: 'suspension', from: at('2024-04-12') }] }, '2024-04-20');
    expect(v).toMatchObject({ status: 'paused', pausedDays: 8, dueDate: '2024-06-11', note: expect.stringContaining('暂停计算') });
  });

  it('keeps clocks that no rule pauses running through a suspension, and says so', () => {
    const v = one('D1', { state: 'SUSPENDED', suspendedFrom: 'LEAD', timeline: { leadReceivedAt: at('2024-03-04') }, pauses: [{ kind: 'suspension', from: at('2024-03-06') }] }, '2024-03-20');
    expect(v).toMatchObject({ dueDate: '2024-03-19', pausedDays: 0, status: 'overdue', note: expect.stringContaining('中止期间本期限不停止计算') });
  });

  it('excludes hearing and testing time from D3, counting overlaps once', () => {
    // Hearing Mon 6 May → Thu 16 May (10 days), testing Tue 14 May → Tue 21 May: together May 6 → May 21 = 15 days.
    // Mar 4 + 105 = Mon 17 Jun.
    const pauses = [
      { kind: 'hearing' as const, from: at('2024-05-06'), to: at('2024-05-16') },
      { kind: 'testing' as const, from: at('2024-05-14'), to: at('2024-05-21') },
      { kind: 'review_or_suit' as const, from: at('2024-04-01'), to: at('2024-04-30') }, // not a D3 pause
    ];
    expect(one('D3', investigating({ pauses }), '2024-05-22')).toMatchObject({ dueDate: '2024-06-17', pausedDays: 15 });
  });

  it('does not move a deadline by a pause that began after it was due', () => {
    const v = one('D3', investigating({ pauses: [{ kind: 'suspension', from: at('2024-06-05'), to: at('2024-06-20') }] }), '2024-06-21');
    expect(v).toMatchObject({ dueDate: '2024-06-03', pausedDays: 0, status: 'overdue' });
  });
});

describe('payment and surcharge (D9, D10) after service', () => {
  // Decision received Mon 16 Sep 2024; D9: + 15 = Tue 1 Oct (国庆节) → Tue 8 Oct. D10 runs from Wed 9 Oct.
  const executing = (extra: Partial<CaseFacts> = {}, timeline: CaseFacts['timeline'] = {}) => ({
    state: 'EXECUTING' as const,
    decisionKind: 'penalty' as const,
    fineFen: 100_000,
    ...extra,
    timeline: { decisionServedAt: at('2024-09-16'), ...timeline },
  });

  it('has not started D10 while D9 runs', () => {
    const d = deadlines(executing(), '2024-10-08T20:00:00+08:00');
    expect(d.D9).toMatchObject({ dueDate: '2024-10-08', status: 'due_soon' });
    expect(d.D10).toBeUndefined();
  });

  it('accrues 3% a day from the day after D9 and flags the cap on day 34', () => {
    // Day 33 = Sun 10 Nov: 99%. Day 34 = Mon 11 Nov: capped.
    const day33 = deadlines(executing(), '2024-11-10T12:00:00+08:00');
    expect(day33.D9.status).toBe('overdue');
    expect(day33.D10).toMatchObject({
      startedAt: at('2024-10-09T00:00:00+08:00'),
      dueDate: '2024-11-11',
      surcharge: { days: 33, amountFen: 99_000, capped: false, capDay: 34 },
      status: 'due_soon',
      bearer: 'party',
    });
    const day34 = deadlines(executing(), '2024-11-11T12:00:00+08:00').D10;
    expect(day34).toMatchObject({ surcharge: { days: 34, amountFen: 100_000, capped: true }, status: 'overdue', note: expect.stringContaining('已达罚款数额') });
  });

  it('stops at payment', () => {
    // Paid Sun 20 Oct = day 12: 36%.
    const d = deadlines(executing({}, { paidAt: at('2024-10-20') }), '2024-10-25');
    expect(d.D9).toMatchObject({ status: 'overdue', completedAt: at('2024-10-20') });
    expect(d.D10).toMatchObject({ status: 'met', surcharge: { days: 12, amountFen: 36_000 } });
  });

  it('never starts when paid in time', () => {
    const d = deadlines(executing({}, { paidAt: at('2024-10-08') }), '2024-11-20');
    expect(d.D9.status).toBe('met');
    expect(d.D10).toBeUndefined();
  });

  it('pauses while a review is pending', () => {
    // Review Tue 15 → Fri 25 Oct (10 days): on Mon 11 Nov, 34 − 10 = 24 days = 72%, and the cap moves to Thu 21 Nov.
    const v = deadlines(executing({ pauses: [{ kind: 'review_or_suit', from: at('2024-10-15'), to: at('2024-10-25') }] }, { appealFiledAt: at('2024-10-15') }), '2024-11-11').D10;
    expect(v).toMatchObject({ surcharge: { days: 24, amountFen: 72_000 }, pausedDays: 10, dueDate: '2024-11-21', status: 'running' });
  });
});

describe('court enforcement (D12) and demolition (D13)', () => {
  // Received Mon 16 Sep 2024; 诉讼 window to Mon 17 Mar 2025 (see D11); D12: + 3 months = Tue 17 Jun 2025.
  const executing = (timeline: CaseFacts['timeline'] = {}, extra: Partial<CaseFacts> = {}) => ({
    state: 'EXECUTING' as const,
    decisionKind: 'penalty' as const,
    fineFen: 100_000,
    ...extra,
    timeline: { decisionServedAt: at('2024-09-16'), ...timeline },
  });

  it('starts D12 when the appeal windows have passed, not before', () => {
    expect(deadlines(executing(), '2025-03-17T20:00:00+08:00').D12).toBeUndefined();
    const d12 = deadlines(executing(), '2025-04-01').D12;
    expect(d12).toMatchObject({ dueDate: '2025-06-17', status: 'running', note: expect.stringContaining('催告书') });
    expect(d12.notBefore).toBeUndefined();
  });

  it('allows the application 10 working days after the 催告 was served', () => {
    // Served Thu 20 Mar 2025: Fri 21 (1), Mon 24 – Fri 28 (2–6), Mon 31 (7), Tue 1 Apr (8), Wed 2 (9), Thu 3 (10) → from Fri 4 Apr.
    expect(deadlines(executing({ reminderServedAt: at('2025-03-20') }), '2025-04-01').D12.notBefore).toEqual(at('2025-04-04T00:00:00+08:00'));
  });

  it('does not apply once the party appealed', () => {
    expect(deadlines(executing({ appealFiledAt: at('2024-10-15') }), '2025-04-01').D12).toBeUndefined();
  });

  it('D13: the self-demolition period as set, and forced demolition only after the appeal windows', () => {
    // Notice Tue 1 Oct 2024 (a holiday) with 10 days: Oct 11 (Fri).
    const v = deadlines(executing({ demolitionNoticePublishedAt: at('2024-10-01') }, { illegalBuilding: true, selfDemolitionDays: 10 }), '2024-10-02').D13;
    expect(v).toMatchObject({ dueDate: '2024-10-11', bearer: 'party', notBefore: at('2025-03-18T00:00:00+08:00') });
  });
});

describe('service by public notice (D8)', () => {
  it('is deemed served 30 days after publication', () => {
    // Published Fri 1 Mar 2024 + 30 = Sun 31 Mar → Mon 1 Apr.
    const facts = { state: 'DECIDED' as const, timeline: { decisionPronouncedAt: at('2024-02-26'), decisionPublishedAt: at('2024-03-01') } };
    expect(deadlines(facts, '2024-03-20').D8).toMatchObject({ dueDate: '2024-04-01', status: 'running', bearer: 'none' });
    expect(deadlines(facts, '2024-04-02').D8.status).toBe('met');
    // Publishing meets D7 (7 working days from Mon 26 Feb: Mar 6).
    expect(deadlines(facts, '2024-03-20').D7).toMatchObject({ dueDate: '2024-03-06', status: 'met' });
  });
});

describe('beyond the loaded calendar', () => {
  it('refuses a deadline that needs 2026 holiday data, with the calendar’s message', () => {
    // Filed Sat 1 Nov 2025 + 90 days = 30 Jan 2026.
    expect(one('D3', { state: 'FILED', timeline: { filedAt: at('2025-11-01') } }, '2025-11-02')).toMatchObject({
      status: 'unknown',
      dueAt: null,
      dueDate: null,
      startedAt: at('2025-11-01'),
      note: MSG_2026,
    });
  });

  it('computes what it can and refuses only the rest', () => {
    // Received Tue 1 Jul 2025: D9 Jul 16; 复议 + 60 = Sat 30 Aug → Mon 1 Sep; 诉讼 + 6 months = 1 Jan 2026 → unknown.
    const d = deadlines({ state: 'EXECUTING', decisionKind: 'penalty', fineFen: 50_000, timeline: { decisionServedAt: at('2025-07-01') } }, '2025-07-02');
    expect(d.D9.dueDate).toBe('2025-07-16');
    expect(d['D11.review'].dueDate).toBe('2025-09-01');
    expect(d['D11.suit']).toMatchObject({ status: 'unknown', note: MSG_2026 });
  });

  it('leaves out a chained clock whose predecessor is unknown, without failing', () => {
    const d = deadlines({ state: 'EXECUTING', decisionKind: 'penalty', fineFen: 50_000, timeline: { decisionServedAt: at('2025-07-01') } }, '2025-12-31');
    expect(d.D12).toBeUndefined();
    expect(d['D11.suit'].status).toBe('unknown');
  });

  it('refuses a working-day deadline that runs into 2026', () => {
    // Notice served Mon 29 Dec 2025: Tue 30 (1), Wed 31 (2), then 2026.
    expect(one('D5', { state: 'NOTIFIED', hearingRight: true, timeline: { noticeServedAt: at('2025-12-29') } }, '2025-12-30')).toMatchObject({ status: 'unknown', note: MSG_2026 });
  });

  it('answers unknown for a calendar with only 2024', () => {
    const only2024 = WorkingCalendar.fromYears(yearsOf(2024));
    const views = computeDeadlines({ state: 'LEAD', timeline: { leadReceivedAt: at('2024-12-20') } }, only2024, at('2024-12-21'));
    expect(views[0]).toMatchObject({ key: 'D1', status: 'unknown', note: expect.stringContaining('2025') });
  });
});

describe('candidateOverdue', () => {
  // Candidate since Mon 16 Sep 2024: + 15 = Tue 1 Oct (国庆节) → Tue 8 Oct.
  const since = at('2024-09-16');

  it('runs D1 from when the complaint became a candidate', () => {
    expect(candidateOverdue(since, at('2024-09-20'), cal)).toMatchObject({ key: 'D1', trigger: '成为待调度候选', dueDate: '2024-10-08', status: 'running' });
  });

  it('is due soon two working days ahead and overdue after the due date', () => {
    // Sun 29 Sep (make-up working day): Mon 30 Sep and Tue 8 Oct remain — 2 working days.
    expect(candidateOverdue(since, at('2024-09-29'), cal).status).toBe('due_soon');
    expect(candidateOverdue(since, at('2024-10-09'), cal).status).toBe('overdue');
  });

  it('is unknown past the loaded years', () => {
    expect(candidateOverdue(at('2025-12-20'), at('2025-12-21'), cal)).toMatchObject({ status: 'unknown', note: MSG_2026 });
  });
});
