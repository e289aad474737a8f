import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingCalendar, chineseDaysYearFiles, loadChinaCalendar } from '@pipeline/calendar';
import { calendarView } from './calendar.view';

describe('calendarView', () => {
  it('lists the loaded years with their holidays, make-up working days and where each came from', () => {
    const view = calendarView(new Date('2025-06-01T00:00:00+08:00'), loadChinaCalendar());
    expect(view.years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const y2025 = view.years.find((y) => y.year === 2025)!;
    expect(y2025.entries).toContainEqual({ date: '2025-01-01', kind: 'holiday', name: '元旦' });
    expect(y2025.holidays + y2025.workdays).toBe(y2025.entries.length);
    expect(y2025.origin).toEqual({ kind: 'package', name: 'chinese-days', version: expect.any(String) });
    expect(y2025.originLabel).toMatch(/^npm 包 chinese-days \d+\.\d+\.\d+$/);
    expect(view).toMatchObject({ currentYear: 2025, currentYearLoaded: true });
  });

  it('shows 2026 loaded in December 2026, so deadlines of complaints received today are computed', () => {
    const view = calendarView(new Date('2026-12-06T10:00:00+08:00'), loadChinaCalendar());
    expect(view).toMatchObject({ currentYear: 2026, currentYearLoaded: true });
  });

  it('names the CALENDAR_DIR file a year was read from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-view-'));
    try {
      writeFileSync(join(dir, 'cn-2027.json'), JSON.stringify({ year: 2027, version: 't', source: '测试', entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }));
      const y2027 = calendarView(new Date('2026-12-06T10:00:00+08:00'), loadChinaCalendar(dir)).years.at(-1)!;
      expect(y2027).toMatchObject({ year: 2027, origin: { kind: 'file', path: join(dir, 'cn-2027.json') }, originLabel: `日历目录文件 ${join(dir, 'cn-2027.json')}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the current year (Beijing time) is not loaded, and how to load it', () => {
    // 2025-12-31T16:30Z is already 2026 in Beijing
    const only2024And2025 = WorkingCalendar.fromYears(chineseDaysYearFiles().filter((f) => f.year === 2024 || f.year === 2025));
    const view = calendarView(new Date('2025-12-31T16:30:00Z'), only2024And2025);
    expect(view).toMatchObject({ currentYear: 2026, currentYearLoaded: false });
    expect(view.note).toContain('2026');
    expect(view.note).toContain('cn-2026.json');
    expect(view.note).toContain('npm run calendar:check');
  });
});
