import { TZDate } from '@date-fns/tz';
import { lightFormat } from 'date-fns';
import {
  addLocalDays,
  addLocalMonths,
  dayNumberOf,
  dayNumberOfInstant,
  endOfDayNumber,
  endOfLocalDay,
  isLocalDate,
  isoWeekOf,
  localDateOf,
  localDateOfDayNumber,
  localDaysBetween,
  mondayOf,
  monthOf,
  parseInstantWithOffset,
  quarterDates,
  quarterOf,
  shanghaiDateTime,
  startOfLocalDay,
  weekdayOf,
} from './index';

const at = (iso: string) => new Date(iso);

describe('local dates in Asia/Shanghai', () => {
  it('takes the +08:00 date of an instant', () => {
    expect(localDateOf(at('2024-02-08T15:59:59.999Z'))).toBe('2024-02-08'); // 23:59:59.999 local
    expect(localDateOf(at('2024-02-08T16:00:00Z'))).toBe('2024-02-09'); // 00:00 local
    expect(localDateOf(at('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(dayNumberOfInstant(at('1970-01-01T16:00:00Z'))).toBe(1);
  });

  it('agrees with the time-zone database and date-fns from 1992 to 2060 (every day of 2024–2027, every 5th day else), at both ends of the day', () => {
    // The fast path against TZDate and date-fns: one mismatch would misfile a record or move a deadline.
    const days: number[] = [];
    for (let t = Date.parse('1992-01-01T00:00:00+08:00'); t < Date.parse('2061-01-01T00:00:00+08:00'); t += 5 * 86_400_000) days.push(t);
    for (let t = Date.parse('2024-01-01T00:00:00+08:00'); t < Date.parse('2028-01-01T00:00:00+08:00'); t += 86_400_000) days.push(t);
    const mismatches: string[] = [];
    for (const t of days) {
      const expected = lightFormat(new TZDate(t, 'Asia/Shanghai'), 'yyyy-MM-dd');
      const day = dayNumberOfInstant(new Date(t));
      const ok =
        localDateOf(new Date(t)) === expected &&
        localDateOf(new Date(t + 86_400_000 - 1)) === expected &&
        dayNumberOfInstant(new Date(t + 86_400_000 - 1)) === day &&
        localDateOfDayNumber(day) === expected &&
        dayNumberOf(expected) === day &&
        day === localDaysBetween('1970-01-01', expected) &&
        endOfDayNumber(day).getTime() === endOfLocalDay(expected).getTime() &&
        endOfDayNumber(day).getTime() === t + 86_400_000 - 1;
      if (!ok) mismatches.push(expected);
    }
    expect(mismatches).toEqual([]);
  });

  it('asks the time-zone database before 1992, when China kept summer time', () => {
    // 1988-06-01T15:30Z is 00:30 on 2 June in China Daylight Time (UTC+9); a fixed +08:00 would say 1 June.
    expect(localDateOf(at('1988-06-01T15:30:00Z'))).toBe('1988-06-02');
    expect(dayNumberOfInstant(at('1988-06-01T15:30:00Z'))).toBe(dayNumberOf('1988-06-02'));
    // and 2 June 1988 ended at 23:59:59.999 +09:00
    expect(endOfDayNumber(dayNumberOf('1988-06-02')).toISOString()).toBe('1988-06-02T14:59:59.999Z');
  });

  it('refuses an invalid Date', () => {
    expect(() => localDateOf(new Date('nope'))).toThrow(/valid Date/);
  });

  it('starts and ends a local day at 00:00 and 23:59:59.999 +08:00', () => {
    expect(startOfLocalDay('2024-02-18').toISOString()).toBe('2024-02-17T16:00:00.000Z');
    expect(endOfLocalDay('2024-02-18').toISOString()).toBe('2024-02-18T15:59:59.999Z');
    expect(endOfLocalDay('2024-02-18')).toBeInstanceOf(Date);
  });

  it('writes an instant as Shanghai wall-clock time with its offset', () => {
    expect(shanghaiDateTime(at('2024-03-02T00:18:00Z'))).toBe('2024-03-02T08:18:00+08:00');
    expect(shanghaiDateTime('2024-12-31T16:00:00.123Z')).toBe('2025-01-01T00:00:00+08:00');
  });

  it('keeps milliseconds when asked and the instant has them, so the text reads back as the same instant', () => {
    expect(shanghaiDateTime(at('2024-03-01T23:30:00.250Z'), { keepMilliseconds: true })).toBe('2024-03-02T07:30:00.250+08:00');
    expect(shanghaiDateTime(at('2024-03-01T23:30:00.005Z'), { keepMilliseconds: true })).toBe('2024-03-02T07:30:00.005+08:00');
    expect(shanghaiDateTime(at('2024-03-01T23:30:00Z'), { keepMilliseconds: true })).toBe('2024-03-02T07:30:00+08:00');
    expect(shanghaiDateTime(at('2024-12-31T15:59:59.999Z'), { keepMilliseconds: true })).toBe('2024-12-31T23:59:59.999+08:00');
    const exact = at('2025-06-30T16:00:00.042Z');
    expect(new Date(shanghaiDateTime(exact, { keepMilliseconds: true })).getTime()).toBe(exact.getTime());
  });

  it('writes the offset the time-zone database gives, +09:00 in the summers China kept until 1991', () => {
    expect(shanghaiDateTime(at('1988-06-01T15:30:00.500Z'), { keepMilliseconds: true })).toBe('1988-06-02T00:30:00.500+09:00');
  });
});

describe('the shapes of dates', () => {
  it('accepts only existing dates written YYYY-MM-DD', () => {
    expect(['2024-02-29', '2025-12-31'].map(isLocalDate)).toEqual([true, true]);
    expect(['2025-02-29', '2024-13-01', '2024-3-8', '2024-03-08T00:00', 20240308, undefined].map(isLocalDate)).toEqual([false, false, false, false, false, false]);
  });

  it('reads an instant with its offset, refusing dates that do not exist and times without offset', () => {
    expect(parseInstantWithOffset('2024-03-02T08:18:00+08:00')?.toISOString()).toBe('2024-03-02T00:18:00.000Z');
    expect(parseInstantWithOffset('2024-03-02T08:18+08:00')?.toISOString()).toBe('2024-03-02T00:18:00.000Z');
    expect(parseInstantWithOffset('2024-03-02T00:18:00.5Z')?.toISOString()).toBe('2024-03-02T00:18:00.500Z');
    for (const bad of ['2024-03-02', '2024-03-02T08:18:00', '2024-02-30T10:00:00Z', '2024-13-01T10:00:00Z', '2024-03-02T25:00:00Z', '2024-03-02 08:18:00+08:00', 1709338680000, null]) {
      expect(parseInstantWithOffset(bad)).toBeUndefined();
    }
  });
});

describe('counting on local dates', () => {
  it('adds days and counts them across month, year and leap day', () => {
    expect(addLocalDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addLocalDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(localDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(localDaysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(localDateOfDayNumber(dayNumberOf('2024-02-29') + 1)).toBe('2024-03-01');
    expect(localDateOfDayNumber(dayNumberOf('9999-12-31') + 1)).toBe('10000-01-01'); // past four-digit years, through date-fns
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addLocalMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addLocalMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addLocalMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addLocalMonths('2024-07-15', 6)).toBe('2025-01-15');
  });

  it('names weekdays, months and ISO weeks', () => {
    expect(weekdayOf('2024-03-10')).toBe(0); // Sunday
    expect(weekdayOf('2024-03-09')).toBe(6);
    expect(monthOf('2024-02-10')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(isoWeekOf('2024-02-26')).toBe('2024-W09');
    expect(isoWeekOf('2020-12-31')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53'); // a Sunday still in 2020's last week
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(mondayOf('2021-01-03')).toBe('2020-12-28');
    expect(mondayOf('2024-02-26')).toBe('2024-02-26');
  });

  it('names the quarter of a date and gives its first and last date', () => {
    expect(['2024-01-01', '2024-03-31', '2024-04-01', '2024-09-30', '2024-10-01', '2024-12-31'].map(quarterOf)).toEqual(['2024Q1', '2024Q1', '2024Q2', '2024Q3', '2024Q4', '2024Q4']);
    expect(quarterDates('2024Q1')).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    expect(quarterDates('2025Q2')).toEqual({ first: '2025-04-01', last: '2025-06-30' });
    expect(quarterDates('2025Q3')).toEqual({ first: '2025-07-01', last: '2025-09-30' });
    expect(quarterDates('2024Q4')).toEqual({ first: '2024-10-01', last: '2024-12-31' });
  });

  it('puts every day of 2023–2026 in the quarter of its month, between that quarter\'s first and last date', () => {
    const misplaced: string[] = [];
    for (let date = '2023-01-01'; date < '2027-01-01'; date = addLocalDays(date, 1)) {
      const expected = `${date.slice(0, 4)}Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
      const { first, last } = quarterDates(expected);
      if (quarterOf(date) !== expected || !(first <= date && date <= last)) misplaced.push(date);
    }
    expect(misplaced).toEqual([]);
  });

  it.each(['2025Q5', '2025Q0', '2025q1', '2025-Q1', '25Q1', '2025Q1 ', ''])('refuses %j as a quarter', (name) => {
    expect(() => quarterDates(name)).toThrow(RangeError);
  });
});
