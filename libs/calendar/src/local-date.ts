// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a
// fixed offset is exact for every date this library can be loaded with and
// no timezone database is needed.
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

/**
 * Internally a local date is a day number: whole days since 1970-01-01, so
 * "the next day" is `+ 1` and day counts are plain subtraction.
 */
export type DayNumber = number;

export function dayOfInstant(instant: Date, what = 'instant'): DayNumber {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a valid Date`);
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Parses `YYYY-MM-DD`, refusing shapes and dates that do not exist (2025-02-29). */
export function dayOfLocalDate(localDate: LocalDate, what = 'local date'): DayNumber {
  const day = tryDayOfLocalDate(localDate);
  if (day === undefined) throw new RangeError(`${what} must be an existing date written YYYY-MM-DD, got ${JSON.stringify(localDate)}`);
  return day;
}

export function tryDayOfLocalDate(localDate: unknown): DayNumber | undefined {
  if (typeof localDate !== 'string') return undefined;
  const m = LOCAL_DATE_PATTERN.exec(localDate);
  if (!m) return undefined;
  const day = dayOfYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  // Date.UTC rolls 2025-02-29 over to 03-01; the round trip catches it.
  return localDateOfDay(day) === localDate ? day : undefined;
}

/** Month is 1-based; out-of-range months and days roll over as in Date.UTC. */
export function dayOfYmd(year: number, month: number, dayOfMonth: number): DayNumber {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, dayOfMonth);
  return Math.floor(d.getTime() / DAY_MS);
}

export function localDateOfDay(day: DayNumber): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function ymdOfDay(day: DayNumber): { year: number; month: number; dayOfMonth: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekendDay(day: DayNumber): boolean {
  const weekday = weekdayOfDay(day);
  return weekday === 0 || weekday === 6;
}

export function daysInMonth(year: number, month: number): number {
  return dayOfYmd(year, month + 1, 1) - dayOfYmd(year, month, 1);
}

/** The last millisecond of the local day: 23:59:59.999 +08:00. */
export function endOfDay(day: DayNumber): Date {
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return localDateOfDay(dayOfInstant(instant));
}

/** The last millisecond (23:59:59.999 +08:00) of a local date. */
export function endOfLocalDay(localDate: LocalDate): Date {
  return endOfDay(dayOfLocalDate(localDate));
}

export { DAY_MS, HOUR_MS };
