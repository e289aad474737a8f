import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cn2025 from './data/cn-2025.json';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CalendarDataError, CalendarEnv, CHINA_CALENDAR_YEAR_FILES, WorkingCalendar, calendarYearFiles, parseYearFile } from './index';

// A made-up year for the mechanism only: the real 2026 notice must come from the State Council's text.
const fixture2026 = { year: 2026, version: 'test.1', source: '测试用年度文件（非真实安排）', entries: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] };

describe('year files from CALENDAR_DIR', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (name: string, content: unknown) => writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  it('uses the shipped years alone when no folder is set', () => {
    expect(calendarYearFiles(undefined)).toBe(CHINA_CALENDAR_YEAR_FILES);
  });

  it('adds a year published after the release, oldest first, and ignores other files', () => {
    put('cn-2026.json', fixture2026);
    put('README.txt', 'not a year file');
    const files = calendarYearFiles(dir);
    expect(files.map((f) => parseYearFile(f).year)).toEqual([2024, 2025, 2026]);
    expect(WorkingCalendar.fromYears(files).isWorkingDay('2026-01-01')).toBe(false);
  });

  it('lets a corrected notice replace the shipped file of its year', () => {
    put('cn-2025.json', { ...cn2025, version: '2025.2' });
    expect(calendarYearFiles(dir).map((f) => parseYearFile(f).version)).toEqual(['2024.1', '2025.2']);
  });

  it('refuses a broken or invalid file, naming it', () => {
    put('cn-2026.json', '{ "year": 2026,');
    expect(() => calendarYearFiles(dir)).toThrow(CalendarDataError);
    expect(() => calendarYearFiles(dir)).toThrow(/cn-2026\.json/);
    put('cn-2026.json', { ...fixture2026, entries: [{ date: '2026-01-01', kind: 'off', name: '元旦' }] });
    expect(() => calendarYearFiles(dir)).toThrow(/kind must be "holiday" or "workday"/);
  });

  it('refuses a folder that does not exist', () => {
    expect(() => calendarYearFiles(join(dir, 'missing'))).toThrow(/CALENDAR_DIR .*missing/);
  });

  it('stops a service at start-up when the folder holds a bad file, and passes a good one or none', () => {
    const problems = (env: Record<string, string>) => validateSync(plainToInstance(CalendarEnv, env)).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(problems({})).toEqual([]);
    put('cn-2026.json', fixture2026);
    expect(problems({ CALENDAR_DIR: dir })).toEqual([]);
    put('cn-2027.json', { ...fixture2026, year: 2027 });
    expect(problems({ CALENDAR_DIR: dir })).toEqual([expect.stringMatching(/CALENDAR_DIR .*\(2027\) entries\[0\]: 2026-01-01 lies outside 2027/)]);
  });
});
