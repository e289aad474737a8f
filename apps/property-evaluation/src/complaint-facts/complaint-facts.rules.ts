import type { CategoryCode } from '@pipeline/contracts';
import type { ComplaintFacts } from '../scoring/evaluation.rules';
import type { ComplaintProgress } from './complaint-progress.schema';
import type { ComplaintRecord } from './complaint-record.schema';

/** The category the evaluation is about; other categories are only context. */
export const PROPERTY_SERVICE_CATEGORY: CategoryCode = 'property_service';

export function isPropertyService(category: CategoryCode): boolean {
  return category === PROPERTY_SERVICE_CATEGORY;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The facts of a community nobody complained about. */
export const noComplaints = (households: number): ComplaintFacts => tallyFacts(households, [], new Map(), 0);

/**
 * A community's complaint facts from its property-service complaint records
 * of the period and what became of each. Resolution time runs from receipt to
 * the latest closure; a complaint reopened by an unsatisfied callback and not
 * yet closed again counts as not closed.
 */
export function tallyFacts(
  households: number,
  records: Pick<ComplaintRecord, '_id' | 'repeatOf'>[],
  progress: ReadonlyMap<string, Pick<ComplaintProgress, 'outcome' | 'receivedAt' | 'closedAt' | 'callbackSatisfaction' | 'callbackResolved' | 'callbackRecordedAt'>>,
  resolutionTargetDays: number,
): ComplaintFacts {
  const facts: ComplaintFacts = {
    households, complaints: records.length, repeats: 0, convertedToCases: 0,
    callbacks: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 }, closed: 0, closedInTime: 0, meanResolutionDays: null,
  };
  let resolutionDays = 0;
  for (const record of records) {
    if (record.repeatOf) facts.repeats++;
    const p = progress.get(record._id);
    if (!p) continue;
    if (p.outcome === 'case') facts.convertedToCases++;
    if (p.callbackSatisfaction) facts.callbacks[p.callbackSatisfaction]++;
    const reopened = p.callbackResolved === false && p.callbackRecordedAt && p.closedAt && p.callbackRecordedAt > p.closedAt;
    if (p.closedAt && p.receivedAt && !reopened) {
      const days = (p.closedAt.getTime() - p.receivedAt.getTime()) / DAY_MS;
      facts.closed++;
      resolutionDays += days;
      if (days <= resolutionTargetDays) facts.closedInTime++;
    }
  }
  if (facts.closed) facts.meanResolutionDays = resolutionDays / facts.closed;
  return facts;
}
