import { Injectable } from '@nestjs/common';
import { TOPICS, derivedEventId, type ComplaintClassifiedV1, type EventEnvelope } from '@pipeline/contracts';
import { EventPublisher } from '@pipeline/kafka';
import { CaseRepository } from '../case/case.repository';
import { ComplaintRecordRepository } from './complaint-record.repository';
import { RULE_VERSION, decideOutcome } from './conversion.rules';

/** A case's id follows from the complaint that opened it. */
export function caseIdFor(complaintId: string): string {
  return `CASE-${derivedEventId('case', complaintId)}`;
}

@Injectable()
export class ConversionService {
  constructor(
    private readonly records: ComplaintRecordRepository,
    private readonly cases: CaseRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * Decides what a classified complaint becomes and records it. Safe to run
   * twice for one complaint: the case id and every event id are derived from
   * the complaint, so a repeat after a crash creates nothing new.
   */
  async decide(c: ComplaintClassifiedV1, cause: EventEnvelope<unknown>): Promise<void> {
    if (await this.records.exists(c.complaintId)) return;
    const decision = decideOutcome(c);
    const now = new Date();
    const caseId = decision.outcome === 'case' ? caseIdFor(c.complaintId) : null;

    if (caseId) {
      const opened = this.publisher.causedBy(cause, TOPICS.caseOpened, {
        key: caseId,
        occurredAt: now,
        payload: {
          caseId,
          complaintIds: [c.complaintId],
          category: c.category,
          procedure: 'general',
          state: 'LEAD',
          hotspotAreaId: c.hotspotAreaId ?? null,
          communityId: c.communityId ?? null,
          district: c.district ?? null,
          openedAt: now.toISOString(),
        },
      });
      await this.cases.insertIfAbsent(
        {
          _id: caseId,
          complaintIds: [c.complaintId],
          category: c.category,
          procedure: 'general',
          state: 'LEAD',
          hotspotAreaId: c.hotspotAreaId ?? null,
          communityId: c.communityId ?? null,
          district: c.district ?? null,
          urgent: c.urgent,
          openedAt: now,
        },
        [opened],
      );
    }

    const outcome = this.publisher.causedBy(cause, TOPICS.complaintOutcomeDecided, {
      key: c.complaintId,
      occurredAt: now,
      payload: { complaintId: c.complaintId, outcome: decision.outcome, reason: decision.reason, caseId, ruleVersion: RULE_VERSION, decidedAt: now.toISOString() },
    });
    await this.records.insertIfAbsent(
      {
        _id: c.complaintId,
        category: c.category,
        enforceable: c.enforceable,
        urgent: c.urgent,
        hotspotAreaId: c.hotspotAreaId ?? null,
        communityId: c.communityId ?? null,
        district: c.district ?? null,
        repeatOf: c.repeatOf ?? null,
        reportedAt: new Date(c.reportedAt),
        receivedAt: new Date(c.receivedAt),
        outcome: decision.outcome,
        converted: caseId !== null,
        inScope: decision.inScope,
        caseId,
        reason: decision.reason,
        ruleVersion: RULE_VERSION,
        decidedAt: now,
      },
      [outcome],
    );
  }
}
