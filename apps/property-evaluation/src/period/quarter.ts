import { addLocalDays, localDateOf, quarterDates, quarterOf as quarterOfLocalDate, startOfLocalDay } from '@pipeline/calendar';
import { EVALUATION_PERIOD } from '@pipeline/contracts';

// Evaluation periods are calendar quarters in Asia/Shanghai, named `2024Q1`;
// the dates and instants come from the calendar lib.

/** e.g. `2024Q1`. */
export const PERIOD_PATTERN = EVALUATION_PERIOD;

/** The quarter, in Asia/Shanghai, that an instant falls in: a complaint at 2024-03-31T23:30+08:00 belongs to 2024Q1. */
export function quarterOf(date: Date): string {
  return quarterOfLocalDate(localDateOf(date));
}

/** The first instant of the quarter and the first instant after it. */
export function quarterBounds(period: string): { start: Date; end: Date } {
  const { first, last } = quarterDates(period);
  return { start: startOfLocalDay(first), end: startOfLocalDay(addLocalDays(last, 1)) };
}

export function previousQuarter(period: string): string {
  return quarterOfLocalDate(addLocalDays(quarterDates(period).first, -1));
}
