export * from './calendar.errors';
export * from './calendar.env';
export * from './calendar.module';
export { calendarYears, loadChinaCalendar, yearFilesIn, type CalendarYearSource } from './china-calendar';
export { CHINESE_DAYS_ORIGIN, chineseDaysYearFiles } from './chinese-days';
export * from './local-date';
export * from './working-calendar';
export { parseYearFile, type CalendarDayKind, type CalendarEntry, type CalendarYearFile } from './year-file';
