import { calendarYearFiles, parseYearFile, type CalendarYearFile } from '@pipeline/calendar';

export interface CalendarView {
  /** Years whose State Council notice is loaded; deadlines outside them cannot be computed. */
  years: { year: number; version: string; source: string; holidays: number; workdays: number; entries: CalendarYearFile['entries'] }[];
  /** The current year in Beijing time, and whether it is loaded. */
  currentYear: number;
  currentYearLoaded: boolean;
  note: string;
}

/**
 * The working-day calendar every deadline is computed with (holidays and
 * make-up working days, 调休), as loaded: the files bundled with the service
 * and those of CALENDAR_DIR.
 */
export function calendarView(now: Date, files: readonly unknown[] = calendarYearFiles()): CalendarView {
  const years = files
    .map((raw, i) => parseYearFile(raw, `year file ${i}`))
    .sort((a, b) => a.year - b.year)
    .map((f) => ({
      year: f.year,
      version: f.version,
      source: f.source,
      holidays: f.entries.filter((e) => e.kind === 'holiday').length,
      workdays: f.entries.filter((e) => e.kind === 'workday').length,
      entries: f.entries,
    }));
  const currentYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  const currentYearLoaded = years.some((y) => y.year === currentYear);
  return {
    years,
    currentYear,
    currentYearLoaded,
    note: currentYearLoaded
      ? '节假日安排以国务院办公厅通知为准；新年度的通知发布后，将年度文件放入日历目录（CALENDAR_DIR）载入，或随版本发布。'
      : `尚未载入 ${currentYear} 年的节假日安排：该年度的办案期限与答复期限无法计算。请在国务院办公厅通知发布后，将年度文件放入日历目录（CALENDAR_DIR）载入，或随版本发布。`,
  };
}
