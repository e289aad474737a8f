import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarDataError } from './calendar.errors';
import { CHINESE_DAYS_ORIGIN, chineseDaysYearFiles } from './chinese-days';
import { WorkingCalendar, type CalendarYearOrigin } from './working-calendar';
import { parseYearFile } from './year-file';

const YEAR_FILE_NAME = /^cn-\d{4}\.json$/;

/** A year file as read (JSON, not yet checked), and where it was read from. */
export interface CalendarYearSource {
  readonly raw: unknown;
  readonly origin: CalendarYearOrigin;
}

/** The year files in `dir` (`cn-<year>.json`), parsed as JSON. Every unreadable file is reported at once. */
export function yearFilesIn(dir: string): CalendarYearSource[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => YEAR_FILE_NAME.test(n)).sort();
  } catch (err) {
    throw new CalendarDataError([`CALENDAR_DIR ${dir}: ${(err as Error).message}`]);
  }
  const problems: string[] = [];
  const files = names.flatMap((name) => {
    const path = join(dir, name);
    try {
      return [{ raw: JSON.parse(readFileSync(path, 'utf8')) as unknown, origin: { kind: 'file', path } as const }];
    } catch (err) {
      problems.push(`${path}: ${(err as Error).message}`);
      return [];
    }
  });
  if (problems.length) throw new CalendarDataError(problems);
  return files;
}

/**
 * The years of the chinese-days package with those of `dir` laid over them,
 * one per year, oldest first. A file of `dir` wins over the package: that is
 * how next year's notice is loaded before the package has it, or a corrected
 * notice replaces the package's year.
 */
export function calendarYears(dir?: string): ReadonlyMap<number, CalendarYearSource> {
  const byYear = new Map<number, CalendarYearSource>();
  for (const raw of chineseDaysYearFiles()) byYear.set(raw.year, { raw, origin: CHINESE_DAYS_ORIGIN });
  if (dir) for (const source of yearFilesIn(dir)) byYear.set(parseYearFile(source.raw, `CALENDAR_DIR ${dir}`).year, source);
  return new Map([...byYear].sort(([a], [b]) => a - b));
}

/**
 * Mainland China's working-day calendar: the package's years and those of
 * CALENDAR_DIR (`dir`), validated. Built once at start-up (CalendarModule);
 * throws {@link CalendarDataError} naming every problem.
 */
export function loadChinaCalendar(dir?: string): WorkingCalendar {
  const years = [...calendarYears(dir)];
  return WorkingCalendar.fromYears(
    years.map(([, y]) => y.raw),
    new Map(years.map(([year, y]) => [year, y.origin])),
  );
}
