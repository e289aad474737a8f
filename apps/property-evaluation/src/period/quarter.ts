import { EVALUATION_PERIOD } from '@pipeline/contracts';

/**
 * Evaluation periods are calendar quarters in Asia/Shanghai. China Standard
 * Time is a fixed UTC+08:00 (no daylight saving since 1991), so shifting by
 * the offset and reading UTC fields gives Shanghai's calendar without a
 * time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** e.g. `2024Q1`. */
export const PERIOD_PATTERN = EVALUATION_PERIOD;

/** The quarter, in Asia/Shanghai, that an instant falls in: a complaint at 2024-03-31T23:30+08:00 belongs to 2024Q1. */
export function quarterOf(date: Date): string {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

function parse(period: string): { year: number; quarter: number } {
  if (!PERIOD_PATTERN.test(period)) throw new RangeError(`not a quarter: ${period}`);
  return { year: Number(period.slice(0, 4)), quarter: Number(period.slice(5)) };
}

/** The first instant of the quarter and the first instant after it. */
export function quarterBounds(period: string): { start: Date; end: Date } {
  const { year, quarter } = parse(period);
  const at = (y: number, month: number) => new Date(Date.UTC(y, month, 1) - SHANGHAI_OFFSET_MS);
  return { start: at(year, (quarter - 1) * 3), end: quarter === 4 ? at(year + 1, 0) : at(year, quarter * 3) };
}

export function previousQuarter(period: string): string {
  const { year, quarter } = parse(period);
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}
