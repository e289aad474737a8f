/**
 * A deadline needed a date in a year whose holiday notice is not loaded.
 * The calendar refuses rather than guess: an unknown year may move any
 * weekday to a holiday or any weekend to a make-up working day. Services map
 * this code to their own domain error; this lib depends on nothing of ours.
 * The message says how the missing year is loaded, for whoever reads it out.
 */
export class CalendarRangeError extends Error {
  readonly code = 'CALENDAR_NOT_LOADED' as const;

  constructor(
    /** The local date that was needed, `YYYY-MM-DD`. */
    readonly date: string,
    readonly year: number,
    readonly loadedYears: readonly number[],
  ) {
    super(`工作日历未载入 ${year} 年的节假日安排，无法计算期限（已载入：${describeYears(loadedYears)}）。${howToLoad(year)}`);
    this.name = 'CalendarRangeError';
  }
}

/** A year file is malformed; every problem found is listed. */
export class CalendarDataError extends Error {
  readonly code = 'CALENDAR_DATA_INVALID' as const;

  constructor(readonly problems: readonly string[]) {
    super(`invalid working-day calendar data:\n- ${problems.join('\n- ')}`);
    this.name = 'CalendarDataError';
  }
}

/** How an operator loads a year's notice (docs/operations.md). */
export function howToLoad(year: number): string {
  return `载入方法：将 ${year} 年的通知写成 cn-${year}.json 放入日历目录（CALENDAR_DIR），先用 npm run calendar:check 检查；或升级到含 ${year} 年安排的 chinese-days 包。`;
}

function describeYears(years: readonly number[]): string {
  if (years.length === 0) return '无';
  const first = years[0];
  const last = years[years.length - 1];
  return first === last ? `${first} 年` : `${first}–${last} 年`;
}
