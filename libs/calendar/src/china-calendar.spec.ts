import cn2024 from './fixtures/cn-2024.json';
import cn2025 from './fixtures/cn-2025.json';
import { CHINESE_DAYS_ORIGIN, WorkingCalendar, chineseDaysYearFiles, loadChinaCalendar, parseYearFile } from './index';

// The year files the project kept by hand before it took the notices from the
// chinese-days package (fixtures/), checked against the notices as written in
// domain.md §6: 2024 from 国办发明电〔2023〕7号, 2025 from 国办发明电〔2024〕12号.
// The package is then pinned to them day for day.

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

const packageYear = (year: number) => {
  const file = chineseDaysYearFiles().find((f) => f.year === year);
  if (!file) throw new Error(`chinese-days has no ${year}`);
  return file;
};

describe('the year files kept before the package', () => {
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
    const cal = WorkingCalendar.fromYears([cn2024, cn2025]);
    const countYear = (year: number) => expand(`${year}-01-01`, `${year}-12-31`).filter((d) => cal.isWorkingDay(d)).length;
    expect(countYear(2024)).toBe(251);
    expect(countYear(2025)).toBe(248);
  });

  it('keeps 2024 除夕 (Fri 9 Feb) a working day', () => {
    expect(WorkingCalendar.fromYears([cn2024]).isWorkingDay('2024-02-09')).toBe(true);
  });
});

describe('the chinese-days package', () => {
  const entriesOf = (file: unknown) => parseYearFile(file).entries.map(({ date, kind }) => ({ date, kind }));

  it.each([
    [2024, cn2024],
    [2025, cn2025],
  ])('agrees day for day with the %s file kept before', (year, kept) => {
    expect(entriesOf(packageYear(year))).toEqual(entriesOf(kept));
  });

  it('names the festivals in full, as the notices do', () => {
    expect(packageYear(2024).entries.filter((e) => e.date === '2024-04-04' || e.date === '2024-06-10' || e.date === '2024-09-15')).toEqual([
      { date: '2024-04-04', kind: 'holiday', name: '清明节' },
      { date: '2024-06-10', kind: 'holiday', name: '端午节' },
      { date: '2024-09-15', kind: 'holiday', name: '中秋节' },
    ]);
  });

  it('has the 2026 notice: 春节 15–23 Feb off with 14 and 28 Feb worked, 国庆 1–7 Oct off with 20 Sep and 10 Oct worked', () => {
    const cal = loadChinaCalendar();
    const working = (dates: string[]) => dates.map((d) => [d, cal.isWorkingDay(d)]);
    expect(working(expand('2026-02-15', '2026-02-23'))).toEqual(expand('2026-02-15', '2026-02-23').map((d) => [d, false]));
    expect(working(['2026-02-14', '2026-02-28'])).toEqual([['2026-02-14', true], ['2026-02-28', true]]); // a Saturday each
    expect(working(['2026-02-13', '2026-02-24'])).toEqual([['2026-02-13', true], ['2026-02-24', true]]); // the days around
    expect(working(expand('2026-10-01', '2026-10-07'))).toEqual(expand('2026-10-01', '2026-10-07').map((d) => [d, false]));
    expect(working(['2026-09-20', '2026-10-10'])).toEqual([['2026-09-20', true], ['2026-10-10', true]]); // Sunday, Saturday
    expect(working(['2026-10-08', '2026-10-11'])).toEqual([['2026-10-08', true], ['2026-10-11', false]]);
  });

  it('loads every year it holds, 2004–2026, each named after its notice and the package version', () => {
    const cal = loadChinaCalendar();
    expect(cal.loadedYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.yearInfo().at(-1)).toEqual({
      year: 2026,
      version: `chinese-days ${CHINESE_DAYS_ORIGIN.kind === 'package' ? CHINESE_DAYS_ORIGIN.version : ''}`,
      source: expect.stringContaining('国务院办公厅关于2026年部分节假日安排的通知'),
      origin: { kind: 'package', name: 'chinese-days', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
    });
  });

  it('computes a deadline received in December 2026', () => {
    // Received Tue 1 Dec 2026: 5 working days are Wed 2 – Tue 8 Dec.
    expect(loadChinaCalendar().addWorkingDays(new Date('2026-12-01T10:00:00+08:00'), 5).dueDate).toBe('2026-12-08');
  });
});
