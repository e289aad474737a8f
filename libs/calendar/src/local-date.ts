// Dates as people in the bureau mean them: the calendar day in Asia/Shanghai.
// This is the one place the services turn instants into local dates and back
// and count days, weeks and months; it leans on date-fns and its time-zone
// package (ADR 0020) instead of offset arithmetic of our own.
import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  endOfDay,
  endOfMonth,
  endOfQuarter,
  format as formatPattern,
  formatISO,
  getDay,
  getISOWeek,
  getISOWeekYear,
  getQuarter,
  getYear,
  isValid,
  lightFormat,
  parseISO,
  startOfISOWeek,
  startOfMonth,
} from 'date-fns';

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

/** Whole days from 1970-01-01 to a local date: "the next day" is `+ 1`, day counts are subtraction. */
export type DayNumber = number;

const LOCAL_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH: LocalDate = '1970-01-01';

/**
 * An instant written with its offset (ISO 8601 / W3C datetime), seconds and
 * milliseconds optional: `2024-03-02T08:18:00+08:00`, `2024-03-02T00:18Z`.
 * A bare date or a local time without offset is ambiguous and refused.
 */
export const ISO_DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant of an {@link ISO_DATE_TIME_WITH_OFFSET} string naming an existing date and time, else undefined. */
export function parseInstantWithOffset(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !ISO_DATE_TIME_WITH_OFFSET.test(value)) return undefined;
  const instant = parseISO(value); // refuses 2024-02-30, which Date.parse would roll over into March
  return isValid(instant) ? new Date(instant.getTime()) : undefined;
}

/** Whether `value` is an existing date written `YYYY-MM-DD` (2025-02-29 is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && LOCAL_DATE_SHAPE.test(value) && isValid(parseISO(value));
}

/** Like {@link isLocalDate}, throwing a RangeError naming `what` for anything else. */
export function mustBeLocalDate(value: unknown, what = 'local date'): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`${what} must be an existing date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

// -- instants ↔ local dates ---------------------------------------------------

// The fast path (ADR 0020). Going through TZDate costs ~10 µs a call (its
// offset comes from Intl): the complaint-to-case metric would pay it per
// record (100,000 records: ~1 s instead of ~0.05 s) and a deadline several
// times over. Asia/Shanghai has kept UTC+8 without daylight saving since 1991
// (tz database), so from 1992 on an instant's local date is the UTC date of
// the instant + 8 h, and a day number's date is the UTC date of its midnight.
// local-date.spec.ts checks these against date-fns and TZDate day by day;
// instants before 1992 go through TZDate.
const FIXED_OFFSET_SINCE = Date.parse('1992-01-01T00:00:00+08:00');
const DAY_MS = 86_400_000;
const FIXED_OFFSET_MS = 8 * 3_600_000;
/** Day numbers of 0001-01-01 and 9999-12-31: the dates toISOString writes as YYYY-MM-DD. */
const FOUR_DIGIT_YEARS = [-719_162, 2_932_896] as const;

function validInstant(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a valid Date`);
  return ms;
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date, what = 'instant'): LocalDate {
  const ms = validInstant(instant, what);
  if (ms >= FIXED_OFFSET_SINCE) return new Date(Math.floor((ms + FIXED_OFFSET_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  return lightFormat(new TZDate(ms, SHANGHAI_TIME_ZONE), 'yyyy-MM-dd');
}

/** The day number of an instant's Asia/Shanghai date. */
export function dayNumberOfInstant(instant: Date, what = 'instant'): DayNumber {
  const ms = validInstant(instant, what);
  if (ms >= FIXED_OFFSET_SINCE) return Math.floor((ms + FIXED_OFFSET_MS) / DAY_MS);
  return dayNumberOf(localDateOf(instant, what));
}

/** The local date as midnight in Asia/Shanghai: for instants. */
function zoned(localDate: LocalDate): TZDate {
  const [y, m, d] = mustBeLocalDate(localDate).split('-').map(Number);
  return new TZDate(y, m - 1, d, SHANGHAI_TIME_ZONE);
}

/**
 * The local date as noon of that date in the process's own zone: for
 * counting days, months and weeks, which needs no time zone. A plain Date
 * keeps date-fns ~7× faster than on a TZDate; noon keeps clear of any
 * daylight-saving change at midnight. The services run in UTC or
 * Asia/Shanghai; a zone that once skipped a whole date (Pacific/Kiritimati
 * in 1994) cannot count across it, so that date is refused, not misread.
 */
function dateOnly(localDate: LocalDate): Date {
  const [y, m, d] = mustBeLocalDate(localDate).split('-').map(Number);
  const date = new Date(2000, 0, 1, 12);
  date.setFullYear(y, m - 1, d); // unlike the constructor, keeps years 0–99 as they are
  if (date.getDate() !== d) throw new RangeError(`${localDate} does not exist in the process time zone; run the service with TZ=UTC or TZ=Asia/Shanghai`);
  return date;
}

const format = (date: Date): LocalDate => lightFormat(date, 'yyyy-MM-dd');
const plain = (date: Date): Date => new Date(date.getTime());

/** 00:00 +08:00 of a local date: the first instant of that day. */
export function startOfLocalDay(localDate: LocalDate): Date {
  return plain(zoned(localDate));
}

/** 23:59:59.999 +08:00 of a local date: the last instant that still meets a day-based limit. */
export function endOfLocalDay(localDate: LocalDate): Date {
  return plain(endOfDay(zoned(localDate)));
}

/**
 * An instant in Asia/Shanghai wall-clock time with its offset (W3C datetime):
 * `2024-03-02T08:18:00+08:00`, to the second. With `keepMilliseconds` an
 * instant that has milliseconds keeps them (`2024-03-02T08:18:00.250+08:00`),
 * so the written time reads back as the same instant.
 */
export function shanghaiDateTime(at: Date | string, options: { keepMilliseconds?: boolean } = {}): string {
  const zonedAt = new TZDate(new Date(at).getTime(), SHANGHAI_TIME_ZONE);
  if (options.keepMilliseconds && zonedAt.getMilliseconds() !== 0) return formatPattern(zonedAt, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
  return formatISO(zonedAt);
}

// -- counting on local dates ---------------------------------------------------

export function addLocalDays(localDate: LocalDate, days: number): LocalDate {
  return format(addDays(dateOnly(localDate), days));
}

/** The same day of the month n months later, or that month's last day (Jan 31 + 1 → Feb 28/29). */
export function addLocalMonths(localDate: LocalDate, months: number): LocalDate {
  return format(addMonths(dateOnly(localDate), months));
}

/** Days from a to b: 1 from a day to the next, negative when b is before a. */
export function localDaysBetween(a: LocalDate, b: LocalDate): number {
  return differenceInCalendarDays(dateOnly(b), dateOnly(a));
}

export function dayNumberOf(localDate: LocalDate): DayNumber {
  return Date.parse(`${mustBeLocalDate(localDate)}T00:00:00Z`) / DAY_MS; // fast path: a date, no time zone
}

export function localDateOfDayNumber(day: DayNumber): LocalDate {
  if (day >= FOUR_DIGIT_YEARS[0] && day <= FOUR_DIGIT_YEARS[1]) return new Date(day * DAY_MS).toISOString().slice(0, 10); // fast path
  return addLocalDays(EPOCH, day);
}

/** 23:59:59.999 +08:00 of a day number. */
export function endOfDayNumber(day: DayNumber): Date {
  const end = (day + 1) * DAY_MS - FIXED_OFFSET_MS - 1;
  return end >= FIXED_OFFSET_SINCE ? new Date(end) : endOfLocalDay(localDateOfDayNumber(day)); // fast path from 1992
}

/** {@link addLocalMonths} on day numbers. */
export function addMonthsToDayNumber(day: DayNumber, months: number): DayNumber {
  return dayNumberOf(addLocalMonths(localDateOfDayNumber(day), months));
}

export function yearOf(localDate: LocalDate): number {
  return Number(mustBeLocalDate(localDate).slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(localDate: LocalDate): number {
  return getDay(dateOnly(localDate));
}

export function isWeekend(localDate: LocalDate): boolean {
  const weekday = weekdayOf(localDate);
  return weekday === 0 || weekday === 6;
}

/** The first and last date of the local date's month. */
export function monthOf(localDate: LocalDate): { first: LocalDate; last: LocalDate } {
  const date = dateOnly(localDate);
  return { first: format(startOfMonth(date)), last: format(endOfMonth(date)) };
}

/** ISO 8601 week, e.g. `2024-W09`: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(localDate: LocalDate): string {
  const date = dateOnly(localDate);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

/** A calendar quarter written `YYYYQn`, e.g. `2024Q1` (January to March 2024): how evaluation periods are named. */
export type QuarterName = string;

const QUARTER_NAME = /^(\d{4})Q([1-4])$/;

/** The quarter a local date falls in: `2024-03-31` → `2024Q1`. */
export function quarterOf(localDate: LocalDate): QuarterName {
  const date = dateOnly(localDate);
  return `${getYear(date)}Q${getQuarter(date)}`;
}

/** The first and last date of a quarter; a RangeError for anything not written `YYYYQn`. */
export function quarterDates(quarter: QuarterName): { first: LocalDate; last: LocalDate } {
  const match = typeof quarter === 'string' ? QUARTER_NAME.exec(quarter) : null;
  if (!match) throw new RangeError(`not a quarter (YYYYQn): ${JSON.stringify(quarter)}`);
  const firstMonth = (Number(match[2]) - 1) * 3 + 1;
  const first = `${match[1]}-${String(firstMonth).padStart(2, '0')}-01`;
  return { first, last: format(endOfQuarter(dateOnly(first))) };
}

/** The Monday of the local date's ISO week. */
export function mondayOf(localDate: LocalDate): LocalDate {
  return format(startOfISOWeek(dateOnly(localDate)));
}
