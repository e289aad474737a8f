// Plain Asia/Shanghai day arithmetic for the few limits that need no holiday
// data (D2's prescription, D10's daily surcharge, "on the spot"). The
// calendar lib keeps its own helpers private; UTC+8 without daylight saving
// since 1991 makes a fixed offset exact here too.
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Whole days since 1970-01-01 of an instant's Shanghai date. */
export function localDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

/** 23:59:59.999 +08:00 of a day number: the last instant that still meets a day-based limit. */
export function endOfDayNumber(day: number): Date {
  return new Date((day + 1) * DAY_MS - OFFSET_MS - 1);
}

/** 00:00 +08:00 of a day number. */
export function startOfDayNumber(day: number): Date {
  return new Date(day * DAY_MS - OFFSET_MS);
}

export function localDateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day of the month n months later, or that month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonthsToDay(day: number, n: number): number {
  const d = new Date(day * DAY_MS);
  const monthIndex = d.getUTCMonth() + n;
  const year = d.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / DAY_MS);
}
