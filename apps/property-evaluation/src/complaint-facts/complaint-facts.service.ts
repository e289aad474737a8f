import { Injectable } from '@nestjs/common';
import {
  classificationFacts,
  type ComplaintCallbackRecordedV1, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1, type ComplaintClosedV1, type ComplaintOutcomeDecidedV1,
} from '@pipeline/contracts';
import type { ComplaintFacts } from '../scoring/evaluation.rules';
import { quarterOf } from '../period/quarter';
import { ComplaintFactsRepository } from './complaint-facts.repository';
import { isPropertyService, tallyFacts } from './complaint-facts.rules';
import type { ComplaintProgress } from './complaint-progress.schema';
import type { ComplaintRecord } from './complaint-record.schema';

export type RecordOutcome = 'recorded' | 'duplicate' | 'no-community';

/** One counted complaint and what became of it: the evidence behind a community's complaint indicator. */
export interface CountedComplaint {
  complaintId: string;
  reportedAt: Date;
  repeatOf: string | null;
  outcome: string | null;
  caseId: string | null;
  closedAt: Date | null;
  callbackSatisfaction: string | null;
}

/** What the pipeline's events say about complaints in each community, per quarter. */
@Injectable()
export class ComplaintFactsService {
  constructor(private readonly repository: ComplaintFactsRepository) {}

  /**
   * Records a classified complaint against its community. Complaints with no
   * community say nothing about a property company and are left out. A
   * complaint already recorded (a redelivery, or a correction that came
   * first) is left as it is.
   */
  async record(event: ComplaintClassifiedV1): Promise<RecordOutcome> {
    if (!event.communityId) return 'no-community';
    return (await this.repository.insertOnce(toRecord(event))) ? 'recorded' : 'duplicate';
  }

  /** A clerk's correction wins over the classifier: the record is replaced, whatever came first. */
  async correct(event: ComplaintClassificationCorrectedV1): Promise<void> {
    await this.repository.replace(toRecord(event));
  }

  async outcomeDecided(event: ComplaintOutcomeDecidedV1): Promise<void> {
    await this.repository.setIfNewer(event.complaintId, 'outcomeDecidedAt', {
      outcome: event.outcome, caseId: event.caseId ?? null, outcomeDecidedAt: new Date(event.decidedAt),
    });
  }

  async closed(event: ComplaintClosedV1): Promise<void> {
    await this.repository.setIfNewer(event.complaintId, 'closedAt', { receivedAt: new Date(event.receivedAt), closedAt: new Date(event.closedAt) });
  }

  async callbackRecorded(event: ComplaintCallbackRecordedV1): Promise<void> {
    await this.repository.setIfNewer(event.complaintId, 'callbackRecordedAt', {
      callbackSatisfaction: event.satisfaction, callbackResolved: event.resolved, callbackRecordedAt: new Date(event.recordedAt),
    });
  }

  /** Facts per community for the period; a community without complaints gets zeros. */
  async factsFor(period: string, communities: { id: string; households: number }[], resolutionTargetDays: number): Promise<Map<string, ComplaintFacts>> {
    const { records, progress } = await this.load(period, communities.length === 1 ? [communities[0].id] : undefined);
    const byCommunity = new Map<string, ComplaintRecord[]>();
    for (const r of records) if (r.communityId) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), r]);
    return new Map(communities.map((c) => [c.id, tallyFacts(c.households, byCommunity.get(c.id) ?? [], progress, resolutionTargetDays)]));
  }

  /** The complaints a community's indicator counts, each with what became of it. */
  async counted(period: string, communityId: string): Promise<CountedComplaint[]> {
    const { records, progress } = await this.load(period, [communityId]);
    return records.map((r) => {
      const p = progress.get(r._id);
      return {
        complaintId: r._id, reportedAt: r.reportedAt, repeatOf: r.repeatOf, outcome: p?.outcome ?? null, caseId: p?.caseId ?? null,
        closedAt: p?.closedAt ?? null, callbackSatisfaction: p?.callbackSatisfaction ?? null,
      };
    });
  }

  private async load(period: string, communityIds?: string[]): Promise<{ records: ComplaintRecord[]; progress: Map<string, ComplaintProgress> }> {
    const records = await this.repository.propertyServiceRecords(period, communityIds);
    return { records, progress: await this.repository.progressOf(records.map((r) => r._id)) };
  }
}

function toRecord(event: ComplaintClassifiedV1 | ComplaintClassificationCorrectedV1): ComplaintRecord {
  const reportedAt = new Date(event.reportedAt);
  const { communityId, category, repeatOf } = classificationFacts(event);
  return {
    _id: event.complaintId,
    communityId,
    category,
    isPropertyService: isPropertyService(category),
    period: quarterOf(reportedAt),
    reportedAt,
    repeatOf,
    recordedAt: new Date(),
  };
}
