import { CalendarDataError } from './calendar.errors';
import { isLocalDate, isWeekend, weekdayOf, yearOf, type LocalDate } from './local-date';

/** `holiday`: a day off (法定节假日 and the days joined to it); `workday`: a make-up working day (调休) on a weekend. */
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarEntry {
  readonly date: LocalDate;
  readonly kind: CalendarDayKind;
  /** The festival the day belongs to, e.g. 春节; for a make-up day, the festival it pays for. */
  readonly name: string;
}

/** One State Council holiday notice: a year of the chinese-days package, or a `cn-<year>.json` of CALENDAR_DIR. */
export interface CalendarYearFile {
  readonly year: number;
  /** Bumped when a notice is corrected or re-keyed, so a deadline can name the data it used. */
  readonly version: string;
  /** The notice, e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）. */
  readonly source: string;
  readonly entries: readonly CalendarEntry[];
}

const FILE_KEYS = new Set(['year', 'version', 'source', 'entries']);
const ENTRY_KEYS = new Set(['date', 'kind', 'name']);
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Checks one year file and returns it typed and frozen. Collects every
 * problem before throwing, so a bad file is fixed in one pass. Unknown keys
 * are refused: in a versioned format a misspelt `kind` must not pass silently.
 */
export function parseYearFile(raw: unknown, label = 'year file'): CalendarYearFile {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new CalendarDataError([`${label}: expected an object with year, version, source and entries`]);

  const { year, version, source, entries } = raw;
  const where = Number.isInteger(year) ? `${label} (${String(year)})` : label;
  for (const key of Object.keys(raw)) if (!FILE_KEYS.has(key)) problems.push(`${where}: unknown key ${JSON.stringify(key)}`);
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1000 && year <= 9999;
  if (!yearOk) problems.push(`${where}: year must be a four-digit integer, got ${JSON.stringify(year)}`);
  if (!nonEmptyString(version)) problems.push(`${where}: version must be a non-empty string`);
  if (!nonEmptyString(source)) problems.push(`${where}: source must be a non-empty string naming the notice`);
  if (!Array.isArray(entries) || entries.length === 0) {
    // Every year has holidays; an empty list is a file cut short, not a year without any.
    problems.push(`${where}: entries must be a non-empty array`);
    throw new CalendarDataError(problems);
  }

  const seen = new Map<LocalDate, CalendarDayKind | undefined>();
  const parsed: CalendarEntry[] = [];
  entries.forEach((entry: unknown, i) => {
    const at = `${where} entries[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at}: expected an object with date, kind and name`);
      return;
    }
    for (const key of Object.keys(entry)) if (!ENTRY_KEYS.has(key)) problems.push(`${at}: unknown key ${JSON.stringify(key)}`);
    const { date, kind, name } = entry;
    const kindOk = kind === 'holiday' || kind === 'workday';
    if (!isLocalDate(date)) problems.push(`${at}: date must be an existing date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (!kindOk) problems.push(`${at}: kind must be "holiday" or "workday", got ${JSON.stringify(kind)}`);
    if (!nonEmptyString(name)) problems.push(`${at}: name must be a non-empty string`);
    if (!isLocalDate(date)) return;

    if (yearOk && yearOf(date) !== year) problems.push(`${at}: ${date} lies outside ${year}`);
    if (seen.has(date)) {
      const before = seen.get(date);
      problems.push(
        kindOk && before !== undefined && before !== kind
          ? `${at}: ${date} is listed both as a holiday and as a make-up working day`
          : `${at}: ${date} is listed twice`,
      );
    }
    seen.set(date, kindOk ? kind : undefined);
    // A make-up day moves work onto a weekend; one on a weekday is a typo.
    if (kind === 'workday' && !isWeekend(date)) {
      problems.push(`${at}: make-up working day ${date} is a ${WEEKDAY_NAMES[weekdayOf(date)]}, not a weekend day`);
    }
    if (kindOk && nonEmptyString(name)) parsed.push(Object.freeze({ date, kind, name }));
  });

  if (problems.length > 0) throw new CalendarDataError(problems);
  parsed.sort((a, b) => a.date.localeCompare(b.date));
  return Object.freeze({ year: year as number, version: version as string, source: source as string, entries: Object.freeze(parsed) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
