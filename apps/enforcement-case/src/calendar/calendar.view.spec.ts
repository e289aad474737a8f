import { CHINA_CALENDAR_YEAR_FILES } from '@pipeline/calendar';
import { calendarView } from './calendar.view';

describe('calendarView', () => {
  it('lists the loaded years with their holidays and make-up working days', () => {
    const view = calendarView(new Date('2025-06-01T00:00:00+08:00'));
    expect(view.years.map((y) => y.year)).toEqual([2024, 2025]);
    const y2025 = view.years[1];
    expect(y2025.entries).toContainEqual({ date: '2025-01-01', kind: 'holiday', name: '元旦' });
    expect(y2025.holidays + y2025.workdays).toBe(y2025.entries.length);
    expect(view).toMatchObject({ currentYear: 2025, currentYearLoaded: true });
  });

  it('says so when the current year (Beijing time) is not loaded', () => {
    // 2025-12-31T16:30Z is already 2026 in Beijing
    const view = calendarView(new Date('2025-12-31T16:30:00Z'), CHINA_CALENDAR_YEAR_FILES);
    expect(view).toMatchObject({ currentYear: 2026, currentYearLoaded: false });
    expect(view.note).toContain('2026');
  });
});
