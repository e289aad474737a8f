import { TZDate } from '@date-fns/tz';
import { lightFormat } from 'date-fns';
import {
  addLocalDays,
  addLocalMonths,
  dayNumberOf,
  dayNumberOfInstant,
  endOfLocalDay,
  isLocalDate,
  isoWeekOf,
  localDateOf,
  localDateOfDayNumber,
  localDaysBetween,
  mondayOf,
  monthOf,
  parseInstantWithOffset,
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

  it('agrees with the time-zone database on every day from 1992 to 2060, at both ends of the day', () => {
    // The fixed-offset fast path against TZDate: one mismatch would misfile a record.
    const mismatches: string[] = [];
    for (let t = Date.parse('1992-01-01T00:00:00+08:00'); t < Date.parse('2061-01-01T00:00:00+08:00'); t += 86_400_000) {
      for (const instant of [new Date(t), new Date(t + 86_400_000 - 1)]) {
        const expected = lightFormat(new TZDate(instant.getTime(), 'Asia/Shanghai'), 'yyyy-MM-dd');
        if (localDateOf(instant) !== expected || localDateOfDayNumber(dayNumberOfInstant(instant)) !== expected) mismatches.push(instant.toISOString());
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('asks the time-zone database before 1992, when China kept summer time', () => {
    // 1988-06-01T15:30Z is 00:30 on 2 June in China Daylight Time (UTC+9); a fixed +08:00 would say 1 June.
    expect(localDateOf(at('1988-06-01T15:30:00Z'))).toBe('1988-06-02');
    expect(dayNumberOfInstant(at('1988-06-01T15:30:00Z'))).toBe(dayNumberOf('1988-06-02'));
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
});
