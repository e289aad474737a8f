import cn2024 from './fixtures/cn-2024.json';
import cn2025 from './fixtures/cn-2025.json';
import { CalendarRangeError, WorkingCalendar, endOfLocalDay, howToLoad, localDateOf, type Deadline } from './index';

// All instants below are written with their offset. "+08:00" is Shanghai
// time; a "Z" instant is UTC and is 8 hours behind the local wall clock.
const at = (iso: string) => new Date(iso);
// The 2024 and 2025 notices as the project kept them before the package
// (china-calendar.spec.ts pins the package to them), so the years around
// them stay unloaded and the refusals below have edges to test.
const cal = WorkingCalendar.fromYears([cn2024, cn2025]);

/** The deadline as the end of its local day, which is what every day-based limit returns. */
function endOf(localDate: string, dayType: Deadline['dayType']): Deadline {
  return { dueAt: at(`${localDate}T23:59:59.999+08:00`), dueDate: localDate, dayType };
}

function refusal(fn: () => unknown): CalendarRangeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarRangeError);
    return error as CalendarRangeError;
  }
  throw new Error('expected a CalendarRangeError');
}

describe('local dates in Asia/Shanghai', () => {
  it('takes the +08:00 date of an instant', () => {
    expect(localDateOf(at('2024-02-08T15:59:59.999Z'))).toBe('2024-02-08'); // 23:59:59.999 local
    expect(localDateOf(at('2024-02-08T16:00:00Z'))).toBe('2024-02-09'); // 00:00 local
    expect(localDateOf(at('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('ends a local day at 23:59:59.999 +08:00, i.e. 15:59:59.999Z', () => {
    expect(endOfLocalDay('2024-02-18').toISOString()).toBe('2024-02-18T15:59:59.999Z');
  });
});

describe('isWorkingDay', () => {
  it('works Monday to Friday and rests at weekends', () => {
    // Fri 8 – Mon 11 Mar 2024, no holiday near
    expect(['2024-03-08', '2024-03-09', '2024-03-10', '2024-03-11'].map((d) => cal.isWorkingDay(d))).toEqual([true, false, false, true]);
  });

  it('rests on a weekday holiday and works on a make-up weekend day', () => {
    expect(cal.isWorkingDay('2024-10-01')).toBe(false); // Tue, 国庆节
    expect(cal.isWorkingDay('2024-02-04')).toBe(true); // Sun, 春节 make-up
    expect(cal.isWorkingDay('2024-05-11')).toBe(true); // Sat, 劳动节 make-up
    expect(cal.isWorkingDay('2025-02-08')).toBe(true); // Sat, 春节 make-up
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wed, 国庆节、中秋节
  });

  it('rejects a malformed or impossible date as a caller error, not a range error', () => {
    expect(() => cal.isWorkingDay('2024-3-8')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(/existing date/);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend', () => {
    // After Fri 8 Mar: Sat 9 and Sun 10 rest, Mon 11 is working day 1.
    expect(cal.addWorkingDays(at('2024-03-08T10:00:00+08:00'), 1)).toEqual(endOf('2024-03-11', 'working'));
    // After Wed 6 Mar: Thu 7 (1), Fri 8 (2), Mon 11 (3), Tue 12 (4), Wed 13 (5).
    expect(cal.addWorkingDays(at('2024-03-06T09:00:00+08:00'), 5).dueDate).toBe('2024-03-13');
  });

  it('counts from the first working day after T even when T is a rest day', () => {
    // T on Sat 9 or Sun 10 Mar: the first working day after it is Mon 11.
    expect(cal.addWorkingDays(at('2024-03-09T12:00:00+08:00'), 1).dueDate).toBe('2024-03-11');
    expect(cal.addWorkingDays(at('2024-03-10T12:00:00+08:00'), 1).dueDate).toBe('2024-03-11');
  });

  it('ignores the time of day within T: 00:00 and 23:59 give the same due date', () => {
    expect(cal.addWorkingDays(at('2024-03-06T00:00:00+08:00'), 2)).toEqual(cal.addWorkingDays(at('2024-03-06T23:59:59.999+08:00'), 2));
  });

  it('runs through the 2024 Spring Festival', () => {
    // Notice served Thu 8 Feb 2024. After it: Fri 9 (除夕, working) is 1;
    // Sat 10 – Sat 17 are the holiday; Sun 18 (make-up) is 2; Mon 19 is 3;
    // Tue 20 is 4; Wed 21 is 5.
    expect(cal.addWorkingDays(at('2024-02-08T10:00:00+08:00'), 5)).toEqual(endOf('2024-02-21', 'working'));
    // Served Fri 9 Feb: Sun 18 (make-up) is 1, then Mon 19 – Thu 22 are 2–5.
    expect(cal.addWorkingDays(at('2024-02-09T10:00:00+08:00'), 5)).toEqual(endOf('2024-02-22', 'working'));
    // 1 working day after Fri 9 Feb is the make-up Sunday itself.
    expect(cal.addWorkingDays(at('2024-02-09T10:00:00+08:00'), 1).dueDate).toBe('2024-02-18');
  });

  it('counts a make-up Sunday or Saturday as a working day', () => {
    // After Sat 3 Feb 2024: Sun 4 Feb is a make-up working day.
    expect(cal.addWorkingDays(at('2024-02-03T10:00:00+08:00'), 1).dueDate).toBe('2024-02-04');
    // After Fri 26 Apr 2024: Sat 27 rests, Sun 28 (make-up) is 1.
    expect(cal.addWorkingDays(at('2024-04-26T10:00:00+08:00'), 1).dueDate).toBe('2024-04-28');
    // After Fri 10 May 2024: Sat 11 (make-up) is 1.
    expect(cal.addWorkingDays(at('2024-05-10T10:00:00+08:00'), 1).dueDate).toBe('2024-05-11');
  });

  it('runs through National Day 2024', () => {
    // Hearing request (D5, 5 working days) after a notice served Mon 30 Sep:
    // Tue 1 – Mon 7 Oct rest; Tue 8 (1), Wed 9 (2), Thu 10 (3), Fri 11 (4),
    // Sat 12 (make-up) (5).
    expect(cal.addWorkingDays(at('2024-09-30T15:00:00+08:00'), 5)).toEqual(endOf('2024-10-12', 'working'));
    // Service to an absent party (D7, 7 working days), same start: … Sat 12 (5),
    // Sun 13 rests, Mon 14 (6), Tue 15 (7).
    expect(cal.addWorkingDays(at('2024-09-30T15:00:00+08:00'), 7).dueDate).toBe('2024-10-15');
    // From Fri 27 Sep: Sun 29 (make-up) (1), Mon 30 (2), Tue 8 Oct (3), Wed 9 (4), Thu 10 (5).
    expect(cal.addWorkingDays(at('2024-09-27T15:00:00+08:00'), 5).dueDate).toBe('2024-10-10');
  });

  it('runs through the 2025 Spring Festival across the Jan 26 and Feb 8 make-up days', () => {
    // From Fri 24 Jan 2025: Sat 25 rests; Sun 26 (make-up) (1); Mon 27 (2);
    // Tue 28 Jan – Tue 4 Feb rest (除夕 is a holiday from 2025); Wed 5 (3);
    // Thu 6 (4); Fri 7 (5); Sat 8 (make-up) (6); Sun 9 rests; Mon 10 (7).
    const from = at('2025-01-24T10:00:00+08:00');
    expect(cal.addWorkingDays(from, 1).dueDate).toBe('2025-01-26');
    expect(cal.addWorkingDays(from, 3).dueDate).toBe('2025-02-05');
    expect(cal.addWorkingDays(from, 6).dueDate).toBe('2025-02-08');
    expect(cal.addWorkingDays(from, 7)).toEqual(endOf('2025-02-10', 'working'));
  });

  it('uses the Shanghai date of an instant that is still the day before in UTC', () => {
    // 2024-02-08T17:00:00Z is Fri 9 Feb 01:00 in Shanghai, so T's local date
    // is Fri 9 (not Thu 8): 5 working days end Thu 22 Feb, not Wed 21.
    expect(cal.addWorkingDays(at('2024-02-08T17:00:00Z'), 5).dueDate).toBe('2024-02-22');
    // And one millisecond before local midnight is still Thu 8 → Wed 21.
    expect(cal.addWorkingDays(at('2024-02-08T15:59:59.999Z'), 5).dueDate).toBe('2024-02-21');
    // The due instant is the end of the Shanghai day, 15:59:59.999Z.
    expect(cal.addWorkingDays(at('2024-02-08T17:00:00Z'), 5).dueAt.toISOString()).toBe('2024-02-22T15:59:59.999Z');
  });

  it('crosses from 2024 into 2025 over New Year', () => {
    // After Tue 31 Dec 2024: Wed 1 Jan 2025 (元旦) rests, Thu 2 Jan is 1.
    expect(cal.addWorkingDays(at('2024-12-31T10:00:00+08:00'), 1).dueDate).toBe('2025-01-02');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => cal.addWorkingDays(at('2024-03-06T10:00:00+08:00'), n)).toThrow(/n must be a whole number ≥ 1/);
  });

  it('rejects an invalid Date', () => {
    expect(() => cal.addWorkingDays(new Date('not a date'), 1)).toThrow(/valid Date/);
  });
});

describe('addCalendarDays', () => {
  it('starts the next day and keeps a working last day', () => {
    // Mon 4 Mar 2024 + 15 → Tue 19 Mar, a working day.
    expect(cal.addCalendarDays(at('2024-03-04T10:00:00+08:00'), 15)).toEqual(endOf('2024-03-19', 'calendar'));
  });

  it('moves a last day on a weekend to Monday', () => {
    // Wed 6 Mar + 3 → Sat 9 → Mon 11.
    expect(cal.addCalendarDays(at('2024-03-06T10:00:00+08:00'), 3).dueDate).toBe('2024-03-11');
  });

  it('moves a last day on a holiday past the whole holiday', () => {
    // Payment (D9, 15 days) after a decision received Mon 16 Sep 2024:
    // 16 Sep + 15 = Tue 1 Oct, 国庆节; Oct 1–7 rest → Tue 8 Oct.
    expect(cal.addCalendarDays(at('2024-09-16T10:00:00+08:00'), 15)).toEqual(endOf('2024-10-08', 'calendar'));
    // 复议 (D11, 60 days) from Fri 2 Aug 2024: Aug 2 + 29 = Aug 31, + 30 = Sep 30, + 60 = Oct 1 → Oct 8.
    expect(cal.addCalendarDays(at('2024-08-02T10:00:00+08:00'), 60).dueDate).toBe('2024-10-08');
    // Mon 20 Jan 2025 + 15 = Tue 4 Feb, the last day of 春节 → Wed 5 Feb.
    expect(cal.addCalendarDays(at('2025-01-20T10:00:00+08:00'), 15).dueDate).toBe('2025-02-05');
    // Tue 17 Dec 2024 + 15 = Wed 1 Jan 2025, 元旦 → Thu 2 Jan 2025.
    expect(cal.addCalendarDays(at('2024-12-17T10:00:00+08:00'), 15).dueDate).toBe('2025-01-02');
  });

  it('does not move a last day that is a make-up weekend day', () => {
    // Sat 14 Sep 2024 + 15 = Sun 29 Sep, a make-up working day: it stands.
    expect(cal.addCalendarDays(at('2024-09-14T10:00:00+08:00'), 15).dueDate).toBe('2024-09-29');
  });

  it('uses the Shanghai date of the start instant', () => {
    // 2024-03-08T16:30:00Z is Sat 9 Mar 00:30 in Shanghai: Sat 9 + 3 = Tue 12.
    // Read as its UTC date (Fri 8) it would wrongly give Fri 8 + 3 = Mon 11.
    expect(cal.addCalendarDays(at('2024-03-08T16:30:00Z'), 3).dueDate).toBe('2024-03-12');
    // An hour earlier (23:30 Fri 8 in Shanghai) it is Mon 11.
    expect(cal.addCalendarDays(at('2024-03-08T15:30:00Z'), 3).dueDate).toBe('2024-03-11');
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    // Jan 31 2024 + 1 month → Feb 31 does not exist → Thu 29 Feb (leap year).
    expect(cal.addMonths(at('2024-01-31T10:00:00+08:00'), 1)).toEqual(endOf('2024-02-29', 'months'));
    // Jan 31 2025 + 1 month → Fri 28 Feb 2025.
    expect(cal.addMonths(at('2025-01-31T10:00:00+08:00'), 1).dueDate).toBe('2025-02-28');
    // Mar 31 2024 + 6 months → Sep 31 does not exist → Mon 30 Sep.
    expect(cal.addMonths(at('2024-03-31T10:00:00+08:00'), 6).dueDate).toBe('2024-09-30');
  });

  it('keeps the day of the month across a year end', () => {
    // 诉讼 window (D11, 6 months) from Mon 15 Jul 2024 → Wed 15 Jan 2025.
    expect(cal.addMonths(at('2024-07-15T10:00:00+08:00'), 6).dueDate).toBe('2025-01-15');
    // Sat 31 Aug 2024 + 6 → Feb 31 → Fri 28 Feb 2025; Sat 30 Nov + 3 → Fri 28 Feb 2025.
    expect(cal.addMonths(at('2024-08-31T10:00:00+08:00'), 6).dueDate).toBe('2025-02-28');
    expect(cal.addMonths(at('2024-11-30T10:00:00+08:00'), 3).dueDate).toBe('2025-02-28');
  });

  it('moves a last day on a rest day to the next working day', () => {
    // Mon 1 Apr 2024 + 6 months = Tue 1 Oct, 国庆节 → Tue 8 Oct.
    expect(cal.addMonths(at('2024-04-01T10:00:00+08:00'), 6)).toEqual(endOf('2024-10-08', 'months'));
    // Fri 9 Feb 2024 + 1 month = Sat 9 Mar → Mon 11 Mar.
    expect(cal.addMonths(at('2024-02-09T10:00:00+08:00'), 1).dueDate).toBe('2024-03-11');
  });
});

describe('addHours', () => {
  it('runs on the wall clock through holidays and nights', () => {
    // Fri 9 Feb 2024 20:00 + 48 h = Sun 11 Feb 20:00, in the Spring Festival: no roll.
    expect(cal.addHours(at('2024-02-09T20:00:00+08:00'), 48)).toEqual({ dueAt: at('2024-02-11T20:00:00+08:00'), dueDate: '2024-02-11', dayType: 'hours' });
    expect(cal.addHours(at('2024-03-08T10:00:00+08:00'), 0.5).dueAt).toEqual(at('2024-03-08T10:30:00+08:00'));
  });

  it('is never refused, even outside the loaded years', () => {
    // Wed 31 Dec 2025 20:00 + 24 h = Thu 1 Jan 2026 20:00.
    expect(cal.addHours(at('2025-12-31T20:00:00+08:00'), 24).dueDate).toBe('2026-01-01');
    expect(cal.addHours(at('2030-06-01T08:00:00+08:00'), 2).dueAt).toEqual(at('2030-06-01T10:00:00+08:00'));
  });

  it('rejects a negative or non-finite n', () => {
    expect(() => cal.addHours(at('2024-03-08T10:00:00+08:00'), -1)).toThrow(RangeError);
    expect(() => cal.addHours(at('2024-03-08T10:00:00+08:00'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is 0 on the same local date and counts the days after a up to b', () => {
    expect(cal.workingDaysBetween(at('2024-03-08T09:00:00+08:00'), at('2024-03-08T18:00:00+08:00'))).toBe(0);
    // Fri 8 → Mon 11 Mar: only Mon 11.
    expect(cal.workingDaysBetween(at('2024-03-08T09:00:00+08:00'), at('2024-03-11T09:00:00+08:00'))).toBe(1);
    // Fri 27 Sep → Tue 8 Oct 2024: Sun 29 (make-up), Mon 30, Tue 8 Oct.
    expect(cal.workingDaysBetween(at('2024-09-27T09:00:00+08:00'), at('2024-10-08T09:00:00+08:00'))).toBe(3);
  });

  it('is negative, mirrored, once the due date has passed', () => {
    expect(cal.workingDaysBetween(at('2024-10-08T09:00:00+08:00'), at('2024-09-27T09:00:00+08:00'))).toBe(-3);
  });

  it('gives 7 for the 2025 Spring Festival example', () => {
    expect(cal.workingDaysBetween(at('2025-01-24T10:00:00+08:00'), cal.addWorkingDays(at('2025-01-24T10:00:00+08:00'), 7).dueAt)).toBe(7);
  });

  it('inverts addWorkingDays for every start day of 2024 and n up to 20', () => {
    for (let t = Date.parse('2024-01-01T12:00:00+08:00'); t < Date.parse('2025-01-01T00:00:00+08:00'); t += 86_400_000) {
      for (let n = 1; n <= 20; n += 1) {
        const due = cal.addWorkingDays(new Date(t), n);
        expect(cal.isWorkingDay(due.dueDate)).toBe(true);
        expect(cal.workingDaysBetween(new Date(t), due.dueAt)).toBe(n);
      }
    }
  });
});

describe('outside the loaded years', () => {
  const message2026 = `工作日历未载入 2026 年的节假日安排，无法计算期限（已载入：2024–2025 年）。${howToLoad(2026)}`;

  it('refuses a date after 2025-12-31', () => {
    const error = refusal(() => cal.isWorkingDay('2026-01-01'));
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('CALENDAR_NOT_LOADED');
    expect(error.message).toBe(message2026);
    expect(error).toMatchObject({ date: '2026-01-01', year: 2026, loadedYears: [2024, 2025] });
  });

  it('refuses a date before 2024-01-01', () => {
    const error = refusal(() => cal.isWorkingDay('2023-12-31'));
    expect(error.message).toBe(`工作日历未载入 2023 年的节假日安排，无法计算期限（已载入：2024–2025 年）。${howToLoad(2023)}`);
  });

  it('refuses a working-day count that runs past 31 Dec 2025, but not one that ends on it', () => {
    // After Tue 30 Dec 2025: Wed 31 is 1; 2 would be in 2026.
    expect(cal.addWorkingDays(at('2025-12-30T10:00:00+08:00'), 1).dueDate).toBe('2025-12-31');
    expect(refusal(() => cal.addWorkingDays(at('2025-12-30T10:00:00+08:00'), 2)).message).toBe(message2026);
    expect(refusal(() => cal.addWorkingDays(at('2025-12-31T23:00:00+08:00'), 1)).date).toBe('2026-01-01');
    expect(refusal(() => cal.addWorkingDays(at('2025-06-01T10:00:00+08:00'), 10_000)).year).toBe(2026);
  });

  it('refuses calendar and month periods ending in 2026', () => {
    expect(cal.addCalendarDays(at('2025-12-20T10:00:00+08:00'), 11).dueDate).toBe('2025-12-31');
    expect(refusal(() => cal.addCalendarDays(at('2025-12-20T10:00:00+08:00'), 12)).date).toBe('2026-01-01');
    expect(refusal(() => cal.addMonths(at('2025-07-01T10:00:00+08:00'), 6)).date).toBe('2026-01-01');
    expect(refusal(() => cal.addCalendarDays(at('2025-06-01T10:00:00+08:00'), 100_000_000)).year).toBe(2026);
  });

  it('refuses a rest-day roll that would leave the loaded years rather than guess the next day', () => {
    // Test-only year in which 31 Dec 2025 is a holiday: the next working day
    // depends on 2026 data, which is not loaded.
    const only2025 = WorkingCalendar.fromYears([{ year: 2025, version: 't', source: 't', entries: [{ date: '2025-12-31', kind: 'holiday', name: 't' }] }]);
    const error = refusal(() => only2025.addCalendarDays(at('2025-12-30T10:00:00+08:00'), 1));
    expect(error.message).toBe(`工作日历未载入 2026 年的节假日安排，无法计算期限（已载入：2025 年）。${howToLoad(2026)}`);
  });

  it('refuses a start instant whose Shanghai date is before 2024, even by one day', () => {
    // Fri 29 Dec 2023: the days after it (Sat 30, Sun 31) need 2023 data.
    expect(refusal(() => cal.addWorkingDays(at('2023-12-29T10:00:00+08:00'), 1)).year).toBe(2023);
    expect(refusal(() => cal.addCalendarDays(at('2023-12-31T10:00:00+08:00'), 5)).date).toBe('2023-12-31');
    // 2023-12-31T16:00:00Z is already 1 Jan 2024 00:00 in Shanghai: accepted.
    // After Mon 1 Jan 2024 (元旦): Tue 2 Jan is 1.
    expect(cal.addWorkingDays(at('2023-12-31T16:00:00Z'), 1).dueDate).toBe('2024-01-02');
  });

  it('refuses workingDaysBetween with either end outside', () => {
    expect(refusal(() => cal.workingDaysBetween(at('2025-12-01T10:00:00+08:00'), at('2026-01-05T10:00:00+08:00'))).year).toBe(2026);
    expect(refusal(() => cal.workingDaysBetween(at('2023-12-01T10:00:00+08:00'), at('2024-01-05T10:00:00+08:00'))).year).toBe(2023);
  });

  it('says how the missing year is loaded', () => {
    expect(howToLoad(2027)).toBe('载入方法：将 2027 年的通知写成 cn-2027.json 放入日历目录（CALENDAR_DIR），先用 npm run calendar:check 检查；或升级到含 2027 年安排的 chinese-days 包。');
  });

  it('names a single loaded year as such', () => {
    const only2024 = WorkingCalendar.fromYears([cn2024]);
    expect(refusal(() => only2024.isWorkingDay('2025-01-02')).message).toBe(`工作日历未载入 2025 年的节假日安排，无法计算期限（已载入：2024 年）。${howToLoad(2025)}`);
  });
});
