import { localDateOf } from '@pipeline/calendar';
import type { Filter, Document } from 'mongodb';

/** Shown where the caller would be, once the retention job erased them. */
export const ANONYMISED_CALLER_NOTICE = '已按保存期限匿名化';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Callers of complaints closed before this instant are anonymised (domain.md §7: a set time after closure). */
export function retentionCutoff(now: Date, periodDays: number): Date {
  if (!Number.isInteger(periodDays) || periodDays < 1) throw new RangeError(`retention period must be a whole number of days ≥ 1, got ${periodDays}`);
  return new Date(now.getTime() - periodDays * DAY_MS);
}

/**
 * Complaints whose caller identity is due for erasure: closed (a reopened
 * complaint is being handled again) before the cutoff, and still holding a
 * name, a phone or the caller reference. Anonymised ones no longer match,
 * so every pass takes up where the last one stopped.
 */
export function expiredCallerFilter(cutoff: Date): Filter<Document> {
  return {
    status: 'closed',
    'closure.at': { $lt: cutoff },
    'caller.anonymisedAt': { $exists: false },
    $or: [{ 'caller.ref': { $ne: null } }, { 'caller.nameCipher': { $ne: null } }, { 'caller.phoneCipher': { $ne: null } }],
  };
}

/**
 * The identity goes (ciphertexts and the keyed reference, which would still
 * link the caller's complaints); whether the caller chose to stay anonymous
 * stays, like everything statistics count (channel, category, place, times,
 * outcome, satisfaction).
 */
export function anonymisedCaller(now: Date): Record<string, unknown> {
  return { 'caller.ref': null, 'caller.nameCipher': null, 'caller.phoneCipher': null, 'caller.anonymisedAt': now };
}

/** The Asia/Shanghai calendar day a scheduled pass belongs to: one pass a day across all instances. */
export function retentionDay(now: Date): string {
  return localDateOf(now);
}
