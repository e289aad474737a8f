import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cn2025 from './fixtures/cn-2025.json';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CalendarDataError, CalendarEnv, CHINESE_DAYS_ORIGIN, calendarYears, loadChinaCalendar } from './index';

// A made-up year for the mechanism only: the real 2027 notice must come from the State Council's text.
const fixture2027 = { year: 2027, version: 'test.1', source: '测试用年度文件（非真实安排）', entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] };
const packageYears = Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i);

describe('year files from CALENDAR_DIR', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (name: string, content: unknown) => writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  const infoOf = (year: number) => loadChinaCalendar(dir).yearInfo().find((y) => y.year === year);

  it('uses the package years alone when no folder is set', () => {
    const cal = loadChinaCalendar(undefined);
    expect(cal.loadedYears()).toEqual(packageYears);
    expect(new Set(cal.yearInfo().map((y) => y.origin))).toEqual(new Set([CHINESE_DAYS_ORIGIN]));
  });

  it('adds a year published after the package, oldest first, and ignores other files', () => {
    put('cn-2027.json', fixture2027);
    put('README.txt', 'not a year file');
    expect([...calendarYears(dir).keys()]).toEqual([...packageYears, 2027]);
    const cal = loadChinaCalendar(dir);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(infoOf(2027)).toEqual({ year: 2027, version: 'test.1', source: fixture2027.source, origin: { kind: 'file', path: join(dir, 'cn-2027.json') } });
    expect(infoOf(2026)?.origin).toBe(CHINESE_DAYS_ORIGIN);
  });

  it('lets a corrected notice replace the package year', () => {
    put('cn-2025.json', { ...cn2025, version: '2025.2' });
    expect(infoOf(2025)).toMatchObject({ version: '2025.2', origin: { kind: 'file', path: join(dir, 'cn-2025.json') } });
    expect(infoOf(2024)).toMatchObject({ version: expect.stringMatching(/^chinese-days /), origin: CHINESE_DAYS_ORIGIN });
  });

  it('refuses a broken or invalid file, naming it', () => {
    put('cn-2027.json', '{ "year": 2027,');
    expect(() => calendarYears(dir)).toThrow(CalendarDataError);
    expect(() => calendarYears(dir)).toThrow(/cn-2027\.json/);
    put('cn-2027.json', { ...fixture2027, entries: [{ date: '2027-01-01', kind: 'off', name: '元旦' }] });
    expect(() => calendarYears(dir)).toThrow(/kind must be "holiday" or "workday"/);
  });

  it('refuses a year that leaves a gap after the package years', () => {
    put('cn-2028.json', { ...fixture2027, year: 2028, entries: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] });
    expect(() => loadChinaCalendar(dir)).toThrow(/years must be consecutive: 2026 is followed by 2028, 2027 is missing/);
  });

  it('refuses a folder that does not exist', () => {
    expect(() => calendarYears(join(dir, 'missing'))).toThrow(/CALENDAR_DIR .*missing/);
  });

  it('stops a service at start-up when the folder holds a bad file, and passes a good one or none', () => {
    const problems = (env: Record<string, string>) => validateSync(plainToInstance(CalendarEnv, env)).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(problems({})).toEqual([]);
    put('cn-2027.json', fixture2027);
    expect(problems({ CALENDAR_DIR: dir })).toEqual([]);
    put('cn-2028.json', { ...fixture2027, year: 2028 });
    expect(problems({ CALENDAR_DIR: dir })).toEqual([expect.stringMatching(/CALENDAR_DIR .*\(2028\) entries\[0\]: 2027-01-01 lies outside 2028/)]);
  });
});
