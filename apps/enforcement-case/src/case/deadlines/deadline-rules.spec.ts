import { CASE_STATE_CODES } from '@pipeline/contracts';
import { DEADLINE_RULES, SURCHARGE_PERCENT_PER_DAY, deadlineRule, surchargeOwed } from './deadline-rules';

const at = (iso: string) => new Date(iso);

describe('the deadline table', () => {
  it('has every row of domain.md §3, D1 to D15, each clock once', () => {
    expect(new Set(DEADLINE_RULES.map((r) => r.id))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `D${i + 1}`)));
    const keys = DEADLINE_RULES.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(17); // D11 and D15 have two clocks each
  });

  it('names states by their contract codes and gives every row a Chinese name, a source and a marker', () => {
    for (const r of DEADLINE_RULES) {
      for (const s of r.activeIn) expect(CASE_STATE_CODES).toContain(s);
      expect(r.activeIn.length).toBeGreaterThan(0);
      expect(r.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.triggerLabel).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.source.length).toBeGreaterThan(0);
      expect(['L', 'R', 'P', '?']).toContain(r.marker);
    }
  });

  it('counts the short limits of 处罚法 Art. 85 in working days and the rest as the table says', () => {
    const types = Object.fromEntries(DEADLINE_RULES.map((r) => [r.key, `${r.amount ?? 'as set'} ${r.dayType}`]));
    expect(types).toEqual({
      D1: '15 calendar', // type unsure: calendar is the stricter reading
      D2: '24 months',
      D3: '90 calendar',
      D4: '5 working', // as set in the notice; default
      D5: '5 working',
      D6: '7 working',
      D7: '7 working',
      D8: '30 calendar',
      D9: '15 calendar',
      D10: '34 calendar',
      'D11.review': '60 calendar',
      'D11.suit': '6 months',
      D12: '3 months',
      D13: 'as set calendar',
      D14: '7 calendar', // departmental rule, type unsure: calendar
      'D15.legal_review': '3 working',
      'D15.archive': '30 calendar',
    });
  });

  it('lets only D1, D3 and D9 be extended, each by approval', () => {
    expect(DEADLINE_RULES.filter((r) => r.extension).map((r) => [r.key, r.extension?.maxDays, r.extension?.beyondByCollectiveDecision])).toEqual([
      ['D1', 10, false],
      ['D3', 30, true],
      ['D9', null, false],
    ]);
  });

  it('pauses only D3 (hearing, public notice, testing, suspension) and D10 (review or suit)', () => {
    expect(DEADLINE_RULES.filter((r) => r.pausedBy.length > 0).map((r) => [r.key, [...r.pausedBy].sort()])).toEqual([
      ['D3', ['hearing', 'public_notice', 'suspension', 'testing']],
      ['D10', ['review_or_suit']],
    ]);
    // A paused month period would have no day to move by.
    expect(DEADLINE_RULES.filter((r) => r.dayType === 'months' && r.pausedBy.length > 0)).toEqual([]);
  });

  it('chains D10 to D9 and D12 to D11, and counts D6 back from the hearing', () => {
    expect(deadlineRule('D10').trigger).toEqual({ after: 'D9' });
    expect(deadlineRule('D12').trigger).toEqual({ after: 'D11.suit' });
    expect(deadlineRule('D6')).toMatchObject({ direction: 'before', trigger: { fact: 'hearingDate' }, periodFrom: 'hearingRequestedAt' });
  });

  it('refuses an unknown key', () => {
    expect(() => deadlineRule('D16' as never)).toThrow(/unknown deadline/);
  });
});

describe('surchargeOwed (D10)', () => {
  // Fine ¥1,000 = 100_000 fen; D9 due Tue 8 Oct 2024 (end of day).
  const fine = 100_000;
  const due = at('2024-10-08T23:59:59.999+08:00');

  it('is 3% a day', () => {
    expect(SURCHARGE_PERCENT_PER_DAY).toBe(3);
    expect(surchargeOwed(fine, due, at('2024-10-08T18:00:00+08:00'))).toEqual({ days: 0, amountFen: 0, capped: false, capDay: 34 });
    // Paid just after midnight on Wed 9 Oct: day 1, 3%.
    expect(surchargeOwed(fine, due, at('2024-10-09T00:00:01+08:00'))).toMatchObject({ days: 1, amountFen: 3_000, capped: false });
    // Day 10 = Fri 18 Oct: 30%.
    expect(surchargeOwed(fine, due, at('2024-10-18T09:00:00+08:00'))).toMatchObject({ days: 10, amountFen: 30_000 });
  });

  it('is capped at the fine from day 34', () => {
    // Oct 8 + 23 = Oct 31; + 10 = Nov 10 (day 33); Nov 11 is day 34.
    expect(surchargeOwed(fine, due, at('2024-11-10T12:00:00+08:00'))).toMatchObject({ days: 33, amountFen: 99_000, capped: false });
    expect(surchargeOwed(fine, due, at('2024-11-11T12:00:00+08:00'))).toMatchObject({ days: 34, amountFen: 100_000, capped: true });
    expect(surchargeOwed(fine, due, at('2025-03-01T12:00:00+08:00'))).toMatchObject({ amountFen: 100_000, capped: true });
  });

  it('counts holidays (the surcharge runs every calendar day) and uses the Shanghai date', () => {
    // 2024-10-08T16:30Z is already Wed 9 Oct 00:30 in Shanghai: day 1.
    expect(surchargeOwed(fine, due, at('2024-10-08T16:30:00Z')).days).toBe(1);
  });

  it('rounds down to the fen', () => {
    // 333 fen × 3% = 9.99 fen → 9.
    expect(surchargeOwed(333, due, at('2024-10-09T10:00:00+08:00')).amountFen).toBe(9);
  });

  it('does not run while a review or suit is pending (Art. 73)', () => {
    // Review pending Tue 15 → Fri 25 Oct: 10 days. Paid on day 34 (Nov 11): 34 − 10 = 24 days = 72%.
    const review = [{ from: at('2024-10-15T10:00:00+08:00'), to: at('2024-10-25T10:00:00+08:00') }];
    expect(surchargeOwed(fine, due, at('2024-11-11T10:00:00+08:00'), review)).toMatchObject({ days: 24, amountFen: 72_000, capped: false });
    // Still pending on Nov 11: Oct 15 → Nov 11 = 27 days paused; 34 − 27 = 7 days.
    expect(surchargeOwed(fine, due, at('2024-11-11T10:00:00+08:00'), [{ from: review[0].from }]).days).toBe(7);
    // Overlapping pauses count once; a pause before the due date counts only from it.
    const overlapping = [review[0], { from: at('2024-10-20T10:00:00+08:00'), to: at('2024-10-30T10:00:00+08:00') }, { from: at('2024-10-01T10:00:00+08:00'), to: at('2024-10-10T10:00:00+08:00') }];
    // Paused Oct 15 → Oct 30 (15 days) and Oct 8 → Oct 10 (2 days): 34 − 17 = 17.
    expect(surchargeOwed(fine, due, at('2024-11-11T10:00:00+08:00'), overlapping).days).toBe(17);
  });

  it('owes nothing on no fine and refuses a fine that is not whole fen', () => {
    expect(surchargeOwed(0, due, at('2024-12-01T10:00:00+08:00'))).toMatchObject({ amountFen: 0, capped: false });
    expect(() => surchargeOwed(12.5, due, at('2024-12-01T10:00:00+08:00'))).toThrow(RangeError);
  });
});
