export * from './calendar.errors';
export * from './china-calendar';
export { endOfLocalDay, localDateOf, type LocalDate } from './local-date';
export * from './working-calendar';
export { parseYearFile, type CalendarDayKind, type CalendarEntry, type CalendarYearFile } from './year-file';
export * from './calendar.env';
