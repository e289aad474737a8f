// Imported as JSON so webpack bundles the notices into each service. A year
// published after a release is loaded from CALENDAR_DIR (on Kubernetes a
// ConfigMap of year files) without a new image.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cn2024 from './data/cn-2024.json';
import cn2025 from './data/cn-2025.json';
import { CalendarDataError } from './calendar.errors';
import { WorkingCalendar } from './working-calendar';
import { parseYearFile } from './year-file';

/** The raw year files shipped with the library, oldest first. */
export const CHINA_CALENDAR_YEAR_FILES: readonly unknown[] = Object.freeze([cn2024, cn2025]);

const YEAR_FILE_NAME = /^cn-\d{4}\.json$/;

/**
 * The year files in `dir` (`cn-<year>.json`), parsed. A file for a year the
 * library also ships replaces the shipped one: that is how a corrected notice
 * is loaded. Every problem in every file is reported at once.
 */
export function yearFilesIn(dir: string): unknown[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => YEAR_FILE_NAME.test(n)).sort();
  } catch (err) {
    throw new CalendarDataError([`CALENDAR_DIR ${dir}: ${(err as Error).message}`]);
  }
  const problems: string[] = [];
  const files = names.flatMap((name) => {
    try {
      return [JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown];
    } catch (err) {
      problems.push(`${join(dir, name)}: ${(err as Error).message}`);
      return [];
    }
  });
  if (problems.length) throw new CalendarDataError(problems);
  return files;
}

/** The shipped year files with those of `dir` laid over them, one file per year, oldest first. */
export function calendarYearFiles(dir = process.env.CALENDAR_DIR): readonly unknown[] {
  if (!dir) return CHINA_CALENDAR_YEAR_FILES;
  const byYear = new Map<number, unknown>();
  CHINA_CALENDAR_YEAR_FILES.forEach((raw, i) => byYear.set(parseYearFile(raw, `shipped year file ${i}`).year, raw));
  for (const raw of yearFilesIn(dir)) byYear.set(parseYearFile(raw, `CALENDAR_DIR ${dir}`).year, raw);
  return [...byYear].sort(([a], [b]) => a - b).map(([, raw]) => raw);
}

let memo: WorkingCalendar | undefined;

/** Mainland China's working-day calendar (shipped notices and CALENDAR_DIR), validated once per process. */
export function chinaCalendar(): WorkingCalendar {
  memo ??= WorkingCalendar.fromYears(calendarYearFiles());
  return memo;
}
