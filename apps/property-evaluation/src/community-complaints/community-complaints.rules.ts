import type { CategoryCode } from '@pipeline/contracts';

/**
 * China Standard Time is a fixed UTC+08:00 (no daylight saving since 1991),
 * so shifting by the offset and reading UTC fields gives Shanghai's calendar
 * without a time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An evaluation period: a calendar quarter, e.g. `2024Q1`. */
export const PERIOD_PATTERN = /^\d{4}Q[1-4]$/;

/** The quarter, in Asia/Shanghai, that an instant falls in: a complaint at 2024-03-31T23:30+08:00 belongs to 2024Q1. */
export function quarterOf(date: Date): string {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** The category the evaluation is about; other categories are counted only as context. */
export const PROPERTY_SERVICE_CATEGORY: CategoryCode = 'property_service';

export function isPropertyService(category: CategoryCode): boolean {
  return category === PROPERTY_SERVICE_CATEGORY;
}

/**
 * Complaints per 100 households, to 2 decimals: the measure domain.md §5
 * scores, so that large and small communities compare fairly. Computed as one
 * division of integers scaled by 10 000, so a tie like 0.125 is exact and
 * rounds up (0.13) instead of drifting with binary fractions.
 */
export function perHundredHouseholds(complaints: number, households: number): number {
  if (!Number.isInteger(households) || households <= 0) throw new RangeError(`households must be a positive integer, got ${households}`);
  return Math.round((complaints * 10_000) / households) / 100;
}
