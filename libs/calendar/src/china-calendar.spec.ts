import cn2024 from './data/cn-2024.json';
import cn2025 from './data/cn-2025.json';
import { CHINA_CALENDAR_YEAR_FILES, chinaCalendar, parseYearFile } from './index';

// The bundled data, checked against the notices as written in domain.md §6
// and the brief: 2024 from 国办发明电〔2023〕7号, 2025 from 国办发明电〔2024〕12号.

function expand(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

function datesOf(file: unknown, kind: 'holiday' | 'workday'): string[] {
  return parseYearFile(file)
    .entries.filter((e) => e.kind === kind)
    .map((e) => e.date);
}

describe('bundled year files', () => {
  it('loads 2024 and 2025 and nothing else, once per process', () => {
    const cal = chinaCalendar();
    expect(cal.loadedYears()).toEqual([2024, 2025]);
    expect(chinaCalendar()).toBe(cal);
    expect(CHINA_CALENDAR_YEAR_FILES).toHaveLength(2);
  });

  it('names the notice and version of each year', () => {
    expect(chinaCalendar().yearInfo()).toEqual([
      { year: 2024, version: '2024.1', source: expect.stringContaining('国办发明电〔2023〕7号') },
      { year: 2025, version: '2025.1', source: expect.stringContaining('国办发明电〔2024〕12号') },
    ]);
  });

  it('has the 2024 holidays and make-up days of 国办发明电〔2023〕7号', () => {
    expect(datesOf(cn2024, 'holiday')).toEqual([
      '2024-01-01',
      ...expand('2024-02-10', '2024-02-17'),
      ...expand('2024-04-04', '2024-04-06'),
      ...expand('2024-05-01', '2024-05-05'),
      '2024-06-10',
      ...expand('2024-09-15', '2024-09-17'),
      ...expand('2024-10-01', '2024-10-07'),
    ]);
    // Sun 4 Feb, Sun 18 Feb, Sun 7 Apr, Sun 28 Apr, Sat 11 May, Sat 14 Sep, Sun 29 Sep, Sat 12 Oct
    expect(datesOf(cn2024, 'workday')).toEqual(['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
  });

  it('has the 2025 holidays and make-up days of 国办发明电〔2024〕12号', () => {
    expect(datesOf(cn2025, 'holiday')).toEqual([
      '2025-01-01',
      ...expand('2025-01-28', '2025-02-04'), // 春节, 8 days, 除夕 included from 2025
      ...expand('2025-04-04', '2025-04-06'),
      ...expand('2025-05-01', '2025-05-05'),
      ...expand('2025-05-31', '2025-06-02'),
      ...expand('2025-10-01', '2025-10-08'), // 国庆节 and 中秋节 together
    ]);
    // Sun 26 Jan, Sat 8 Feb, Sun 27 Apr, Sun 28 Sep, Sat 11 Oct
    expect(datesOf(cn2025, 'workday')).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('gives the published working-day totals: 251 in 2024, 248 in 2025', () => {
    // 2024: 262 weekdays − 19 weekday holidays + 8 make-up days = 251.
    // 2025: 261 weekdays − 18 weekday holidays + 5 make-up days = 248.
    const cal = chinaCalendar();
    const countYear = (year: number) => expand(`${year}-01-01`, `${year}-12-31`).filter((d) => cal.isWorkingDay(d)).length;
    expect(countYear(2024)).toBe(251);
    expect(countYear(2025)).toBe(248);
  });

  it('keeps 2024 除夕 (Fri 9 Feb) a working day', () => {
    expect(chinaCalendar().isWorkingDay('2024-02-09')).toBe(true);
  });
});
