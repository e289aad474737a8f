import { howToLoad, localDateOf, type CalendarYearOrigin, type WorkingCalendar } from '@pipeline/calendar';
import type { CalendarViewDto } from './calendar-view.dto';

function originLabel(origin: CalendarYearOrigin | undefined): string {
  if (!origin) return '程序内置';
  return origin.kind === 'package' ? `npm 包 ${origin.name} ${origin.version}` : `日历目录文件 ${origin.path}`;
}

/**
 * The working-day calendar every deadline is computed with (holidays and
 * make-up working days, 调休), as loaded: the years of the chinese-days
 * package and the files of CALENDAR_DIR, each with where it came from.
 */
export function calendarView(now: Date, calendar: WorkingCalendar): CalendarViewDto {
  const info = new Map(calendar.yearInfo().map((y) => [y.year, y]));
  const years = calendar.yearFiles().map((f) => ({
    year: f.year,
    version: f.version,
    source: f.source,
    origin: info.get(f.year)?.origin ?? null,
    originLabel: originLabel(info.get(f.year)?.origin),
    holidays: f.entries.filter((e) => e.kind === 'holiday').length,
    workdays: f.entries.filter((e) => e.kind === 'workday').length,
    entries: [...f.entries],
  }));
  const currentYear = Number(localDateOf(now).slice(0, 4));
  const currentYearLoaded = years.some((y) => y.year === currentYear);
  return {
    years,
    currentYear,
    currentYearLoaded,
    note: currentYearLoaded
      ? '节假日安排以国务院办公厅通知为准，取自 npm 包 chinese-days；新年度的通知发布后、包尚未更新时，将年度文件放入日历目录（CALENDAR_DIR）载入，该文件优先于包中的同一年度。'
      : `尚未载入 ${currentYear} 年的节假日安排：该年度的办案期限与答复期限无法计算。${howToLoad(currentYear)}`,
  };
}
