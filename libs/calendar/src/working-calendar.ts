import { CalendarDataError, CalendarRangeError } from './calendar.errors';
import {
  addLocalMonths,
  dayNumberOf,
  dayNumberOfInstant,
  endOfDayNumber,
  localDateOf,
  localDateOfDayNumber,
  mustBeLocalDate,
  weekdayOf,
  type DayNumber,
  type LocalDate,
} from './local-date';
import { parseYearFile, type CalendarYearFile } from './year-file';

const HOUR_MS = 3_600_000;
/** Date reaches 100,000,000 days either side of 1970; a day number beyond has no date to name. */
const LAST_DATE_DAY = 100_000_000;

/**
 * How a limit is counted (domain.md §3): 处罚法 Art. 85 "日" are working days;
 * longer periods are calendar days; appeal windows are months; a few limits
 * are hours on the wall clock.
 */
export type DeadlineDayType = 'working' | 'calendar' | 'months' | 'hours';

export interface Deadline {
  /** The last instant that still meets the deadline. */
  readonly dueAt: Date;
  /** The Asia/Shanghai date of `dueAt`. */
  readonly dueDate: LocalDate;
  readonly dayType: DeadlineDayType;
}

/** Where a loaded year came from: the chinese-days package, or a year file of CALENDAR_DIR. */
export type CalendarYearOrigin = { readonly kind: 'package'; readonly name: string; readonly version: string } | { readonly kind: 'file'; readonly path: string };

export interface CalendarYearInfo {
  readonly year: number;
  readonly version: string;
  readonly source: string;
  /** Absent for a calendar built from files handed in by code (tests). */
  readonly origin?: CalendarYearOrigin;
}

/**
 * The working days of the loaded years, Asia/Shanghai. A day is a working day
 * if it is Monday–Friday and not a holiday, or a weekend day listed as a
 * make-up working day (调休).
 *
 * Every computation checks the dates it needs against the loaded years —
 * the start instant's local date and every day up to the due date — and
 * throws {@link CalendarRangeError} rather than guess outside them. Hour
 * limits need no calendar and are never refused.
 */
export class WorkingCalendar {
  private readonly firstDay: DayNumber;
  private readonly lastDay: DayNumber;
  /** `working[d - firstDay]` is 1 if day d is a working day. */
  private readonly working: Uint8Array;
  /** `workingBefore[i]`: working days in [firstDay, firstDay + i); one longer than `working`. */
  private readonly workingBefore: Int32Array;
  private readonly years: readonly number[];

  private constructor(
    private readonly files: readonly CalendarYearFile[],
    private readonly origins: ReadonlyMap<number, CalendarYearOrigin>,
  ) {
    this.years = Object.freeze(files.map((f) => f.year));
    const first = `${files[0].year}-01-01`;
    this.firstDay = dayNumberOf(first);
    this.lastDay = dayNumberOf(`${files[files.length - 1].year}-12-31`);

    const exceptions = new Map<DayNumber, boolean>();
    for (const file of files) for (const e of file.entries) exceptions.set(dayNumberOf(e.date), e.kind === 'workday');

    const span = this.lastDay - this.firstDay + 1;
    const firstWeekday = weekdayOf(first);
    this.working = new Uint8Array(span);
    this.workingBefore = new Int32Array(span + 1);
    for (let i = 0; i < span; i += 1) {
      const weekday = (firstWeekday + i) % 7;
      const working = exceptions.get(this.firstDay + i) ?? (weekday !== 0 && weekday !== 6);
      this.working[i] = working ? 1 : 0;
      this.workingBefore[i + 1] = this.workingBefore[i] + this.working[i];
    }
  }

  /**
   * Builds a calendar from year files (parsed JSON, e.g. a `cn-2025.json`),
   * in any order, with where each year came from when known. Each file is
   * validated; the years must be distinct and consecutive, since a gap would
   * be a year silently read as having no holidays. Throws
   * {@link CalendarDataError} listing every problem.
   */
  static fromYears(files: readonly unknown[], origins: ReadonlyMap<number, CalendarYearOrigin> = new Map()): WorkingCalendar {
    if (!Array.isArray(files) || files.length === 0) throw new CalendarDataError(['at least one year file is needed']);
    const problems: string[] = [];
    const parsed: CalendarYearFile[] = [];
    files.forEach((raw, i) => {
      try {
        parsed.push(parseYearFile(raw, `year file #${i + 1}`));
      } catch (error) {
        if (!(error instanceof CalendarDataError)) throw error;
        problems.push(...error.problems);
      }
    });
    if (problems.length > 0) throw new CalendarDataError(problems);

    parsed.sort((a, b) => a.year - b.year);
    for (let i = 1; i < parsed.length; i += 1) {
      const [prev, next] = [parsed[i - 1].year, parsed[i].year];
      if (next === prev) problems.push(`year ${next} is given twice`);
      else if (next !== prev + 1) problems.push(`years must be consecutive: ${prev} is followed by ${next}, ${prev + 1} is missing`);
    }
    if (problems.length > 0) throw new CalendarDataError(problems);
    return new WorkingCalendar(parsed, origins);
  }

  /** The loaded years in ascending order, e.g. `[2024, 2025]`. */
  loadedYears(): readonly number[] {
    return this.years;
  }

  /** Version, source notice and origin of each loaded year, to record which data a deadline used. */
  yearInfo(): readonly CalendarYearInfo[] {
    return this.files.map(({ year, version, source }) => {
      const origin = this.origins.get(year);
      return origin ? { year, version, source, origin } : { year, version, source };
    });
  }

  /** The loaded year files, oldest first, with their holidays and make-up working days. */
  yearFiles(): readonly CalendarYearFile[] {
    return this.files;
  }

  /** Whether a local date (`YYYY-MM-DD`) is a working day. */
  isWorkingDay(localDate: LocalDate): boolean {
    return this.isWorking(this.require(dayNumberOf(mustBeLocalDate(localDate, 'isWorkingDay: localDate'))));
  }

  /**
   * "N working days after T" (domain.md §6): counting starts on the first
   * working day after T's local date, so the due date is the Nth working day
   * strictly after it, whatever T's own day is. Due at the end of that day.
   */
  addWorkingDays(from: Date, n: number): Deadline {
    let day = this.startDay(from, 'addWorkingDays');
    for (let left = count(n, 'addWorkingDays'); left > 0; ) {
      day = this.require(day + 1);
      if (this.isWorking(day)) left -= 1;
    }
    return deadline(day, 'working');
  }

  /**
   * N calendar days after T: the period starts the next day, so it ends on
   * T's local date + N; if that is a rest day it moves to the next working
   * day (民事诉讼法 Art. 85, by analogy). Due at the end of that day.
   */
  addCalendarDays(from: Date, n: number): Deadline {
    const start = this.startDay(from, 'addCalendarDays');
    return deadline(this.rollToWorkingDay(start + count(n, 'addCalendarDays')), 'calendar');
  }

  /**
   * N months after T (e.g. the 6-month 诉讼 window): the same day of the month
   * N months later, or that month's last day if it is shorter (Jan 31 + 1 →
   * Feb 29 in 2024), then moved past rest days like a calendar period.
   */
  addMonths(from: Date, n: number): Deadline {
    const start = this.startDay(from, 'addMonths');
    const day = dayNumberOf(addLocalMonths(localDateOfDayNumber(start), count(n, 'addMonths')));
    return deadline(this.rollToWorkingDay(day), 'months');
  }

  /** N hours on the wall clock; holidays do not stop it, so no calendar is needed and it is never refused. */
  addHours(from: Date, n: number): Deadline {
    const start = validInstant(from, 'addHours').getTime();
    if (!Number.isFinite(n) || n < 0) throw new RangeError(`addHours: n must be a finite number of hours ≥ 0, got ${n}`);
    const dueAt = new Date(start + n * HOUR_MS);
    return { dueAt, dueDate: localDateOf(dueAt), dayType: 'hours' };
  }

  /**
   * Working days after a's local date up to and including b's: how many
   * working days remain from now (a) to a due date (b). 0 when both fall on
   * the same local date; negative, mirrored, when b is before a (overdue).
   */
  workingDaysBetween(a: Date, b: Date): number {
    const from = this.startDay(a, 'workingDaysBetween: a');
    const to = this.startDay(b, 'workingDaysBetween: b');
    return this.workingBefore[to - this.firstDay + 1] - this.workingBefore[from - this.firstDay + 1];
  }

  private startDay(instant: Date, what: string): DayNumber {
    return this.require(dayNumberOfInstant(validInstant(instant, what), what));
  }

  private rollToWorkingDay(day: DayNumber): DayNumber {
    let d = this.require(day);
    while (!this.isWorking(d)) d = this.require(d + 1);
    return d;
  }

  private isWorking(day: DayNumber): boolean {
    return this.working[day - this.firstDay] === 1;
  }

  /** Returns the day if its year is loaded, else refuses. */
  private require(day: DayNumber): DayNumber {
    if (day >= this.firstDay && day <= this.lastDay) return day;
    // Report the date that was needed; if it is beyond what Date can show
    // (an absurd n), report the first missing day on that side instead.
    const shown = Math.abs(day) <= LAST_DATE_DAY ? day : day > this.lastDay ? this.lastDay + 1 : this.firstDay - 1;
    const date: LocalDate = localDateOfDayNumber(shown);
    throw new CalendarRangeError(date, Number(date.slice(0, date.indexOf('-', 1))), this.years);
  }
}

function deadline(day: DayNumber, dayType: DeadlineDayType): Deadline {
  return { dueAt: endOfDayNumber(day), dueDate: localDateOfDayNumber(day), dayType };
}

function count(n: number, what: string): number {
  // A zero or fractional period is a caller's bug, not a deadline.
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${what}: n must be a whole number ≥ 1, got ${n}`);
  return n;
}

function validInstant(instant: Date, what: string): Date {
  if (!(instant instanceof Date) || !Number.isFinite(instant.getTime())) throw new RangeError(`${what}: expected a valid Date`);
  return instant;
}
