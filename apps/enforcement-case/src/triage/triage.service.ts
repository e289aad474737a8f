import { Injectable } from '@nestjs/common';
import {
  TOPICS, classificationFacts,
  type CaseStateChangedV1, type ClassificationFacts, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1, type ComplaintOutcome, type EventEnvelope,
} from '@pipeline/contracts';
import { EventPublisher, type OutgoingEnvelope } from '@pipeline/kafka';
import { CaseService } from '../case/case.service';
import { caseIdFor } from '../case/open-case.command';
import { ComplaintRecordRepository, type ComplaintRecordData } from '../complaint-records/complaint-record.repository';
import { RuleSetService } from './rule-set/rule-set.service';
import { deriveIdentifiable, evaluateRuleSet, repeatWindowsOf } from './rule-set/rule-set.rules';

type Cause = Pick<EventEnvelope<unknown>, 'eventId' | 'correlationId'>;

/** What the classifier (or a clerk) judged about a complaint. */
interface Judgement extends ClassificationFacts {
  complaintId: string;
  confidence: { category: number; enforceable: number };
  needsReview: boolean;
  location: { lat: number; lng: number } | null;
  address: string | null;
  receivedAt: Date;
}

interface Resolution {
  outcome: ComplaintOutcome;
  reason: string;
  inScope: boolean;
  caseId: string | null;
  /** open: a new case from this complaint; attach: the open case of its incident. */
  caseAction: 'open' | 'attach' | null;
  ruleVersion: string;
  explanation: string | null;
  flaggedUrgent: boolean;
  /** A repeat joining a case already filed (立案) is filed with it. */
  caseFiledAt?: Date | null;
}

/** Decided before any rule: a repeat joins its incident's case, or waits for a person. */
const REPEAT_RULES = 'repeat-handling';

/** 诉转案 triage: what each classified complaint becomes (a case, a candidate, a service request, forwarded). */
@Injectable()
export class TriageService {
  constructor(
    private readonly records: ComplaintRecordRepository,
    private readonly cases: CaseService,
    private readonly ruleSets: RuleSetService,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * Decides what a classified complaint becomes and records it. Safe to run
   * twice for one complaint: the case id and every event id are derived from
   * the complaint, so a repeat after a crash creates nothing new.
   */
  async decide(classified: ComplaintClassifiedV1, cause: Cause): Promise<void> {
    if (await this.records.exists(classified.complaintId)) return;
    const judgement: Judgement = {
      complaintId: classified.complaintId,
      ...classificationFacts(classified),
      confidence: { category: classified.confidence.category, enforceable: classified.confidence.enforceable },
      needsReview: classified.needsReview,
      location: classified.location ?? null,
      address: classified.address ?? null,
      receivedAt: new Date(classified.receivedAt),
    };
    const now = new Date();
    const resolution = await this.resolve(judgement);
    await this.applyCaseAction(resolution, judgement, cause, now);
    await this.records.insertIfAbsent(
      {
        _id: classified.complaintId,
        ...facts(judgement),
        reportedAt: new Date(classified.reportedAt),
        receivedAt: judgement.receivedAt,
        outcome: resolution.outcome,
        converted: resolution.caseId !== null,
        inScope: resolution.inScope,
        caseId: resolution.caseId,
        incidentId: judgement.repeatOf ?? judgement.complaintId,
        caseFiledAt: resolution.caseFiledAt ?? null,
        caseFilingVoid: false,
        simpleProcedure: false,
        flaggedUrgent: resolution.flaggedUrgent,
        dispatch: null,
        reason: resolution.reason,
        ruleVersion: resolution.ruleVersion,
        ruleExplanation: resolution.explanation,
        decidedAt: now,
      },
      [this.outcomeEvent(cause, judgement.complaintId, resolution, now)],
    );
  }

  /**
   * A clerk corrected the classification. The record takes the corrected
   * facts; a complaint that has no case yet is decided again on them (a case
   * already opened stays: closing it without filing is the officers' call).
   */
  async correct(e: ComplaintClassificationCorrectedV1, cause: Cause): Promise<void> {
    const record = await this.records.findById(e.complaintId);
    // the classified event travels on another topic and may still be on its way: retried, then dead-lettered
    if (!record) throw new Error(`complaint ${e.complaintId} has not been decided here yet`);
    // a person's judgement: fully confident, nothing left to review
    const j: Judgement = {
      complaintId: e.complaintId,
      ...classificationFacts(e),
      confidence: { category: 1, enforceable: 1 },
      needsReview: false,
      location: null,
      address: null,
      receivedAt: record.receivedAt,
    };
    const now = new Date();
    const r = record.caseId ? null : await this.resolve(j);
    if (r) await this.applyCaseAction(r, j, cause, now);
    await this.records.update(e.complaintId, (current) => {
      if (!r || (r.outcome === current.outcome && r.caseId === current.caseId)) {
        return { set: { ...facts(j), inScope: r ? r.inScope : current.inScope } };
      }
      const reason = `人工更正分类后：${r.reason}`;
      return {
        set: {
          ...facts(j),
          outcome: r.outcome,
          reason,
          inScope: r.inScope,
          caseId: r.caseId,
          converted: r.caseId !== null,
          incidentId: j.repeatOf ?? j.complaintId,
          flaggedUrgent: r.flaggedUrgent,
          ruleVersion: r.ruleVersion,
          ruleExplanation: r.explanation,
          decidedAt: now,
        },
        events: [this.outcomeEvent(cause, e.complaintId, { ...r, reason }, now)],
      };
    });
  }

  /**
   * Keeps each complaint's filing facts in step with its case: 立案 (FILED)
   * sets when it was filed, 撤销立案 or 不予立案 voids it, and an on-the-spot
   * decision marks the simple procedure. Idempotent: facts are only ever set.
   */
  async recordFiling(e: CaseStateChangedV1): Promise<void> {
    const at = new Date(e.changedAt);
    for (const complaintId of e.complaintIds) {
      await this.records.update(complaintId, (r) => {
        if (e.to === 'FILED' && !r.caseFiledAt) return { set: { caseFiledAt: at } };
        if ((e.to === 'FILING_REVOKED' || e.to === 'NOT_FILED') && !r.caseFilingVoid) return { set: { caseFilingVoid: true } };
        if (e.to === 'ON_SPOT_DECISION' && !r.simpleProcedure) return { set: { simpleProcedure: true } };
        return null;
      });
    }
  }

  /** A repeat joins its incident's open case; otherwise the active rule set decides. */
  private async resolve(j: Judgement): Promise<Resolution> {
    const inScope = j.category !== 'other';
    if (j.repeatOf) {
      const first = await this.records.findById(j.repeatOf);
      // never a second case for one violation: without the first report's decision, a person decides
      if (!first) {
        return { outcome: 'candidate', reason: '重复件：首次反映尚未处理完毕，待调度员确认', inScope, caseId: null, caseAction: null, ruleVersion: REPEAT_RULES, explanation: null, flaggedUrgent: j.urgent };
      }
      if (first.caseId) {
        return {
          outcome: 'case',
          reason: `重复件，并入已有案件 ${first.caseId}`,
          inScope,
          caseId: first.caseId,
          caseAction: 'attach',
          ruleVersion: REPEAT_RULES,
          explanation: null,
          flaggedUrgent: false,
          caseFiledAt: first.caseFilingVoid ? null : first.caseFiledAt,
        };
      }
    }
    const ruleSet = await this.ruleSets.active();
    const incidentId = j.repeatOf ?? j.complaintId;
    const repeatCounts: Record<number, number> = {};
    for (const days of repeatWindowsOf(ruleSet)) {
      const since = new Date(j.receivedAt.getTime() - days * 86_400_000);
      // this complaint is not stored yet when first decided: count it in
      repeatCounts[days] = (await this.records.countIncidentSince(incidentId, since)) + ((await this.records.exists(j.complaintId)) ? 0 : 1);
    }
    const d = evaluateRuleSet(ruleSet, {
      category: j.category,
      enforceable: j.enforceable,
      urgent: j.urgent,
      confidence: j.confidence,
      hotspotAreaId: j.hotspotAreaId,
      identifiable: deriveIdentifiable(j),
      repeatOf: j.repeatOf,
      repeatCounts,
      needsReview: j.needsReview,
    });
    const caseId = d.outcome === 'case' ? caseIdFor(j.complaintId) : null;
    return {
      outcome: d.outcome,
      reason: d.reason,
      inScope: d.inScope,
      caseId,
      caseAction: caseId ? 'open' : null,
      ruleVersion: String(d.ruleSetVersion),
      explanation: d.explanation,
      flaggedUrgent: d.urgent || (d.outcome === 'candidate' && j.urgent),
    };
  }

  private async applyCaseAction(r: Resolution, j: Judgement, cause: Cause, now: Date): Promise<void> {
    if (r.caseAction === 'attach' && r.caseId) await this.cases.attach(r.caseId, j.complaintId);
    else if (r.caseAction === 'open' && r.caseId) {
      const place = { hotspotAreaId: j.hotspotAreaId, communityId: j.communityId, district: j.district };
      await this.cases.open({ complaintId: j.complaintId, category: j.category, urgent: j.urgent, place, cause, at: now, by: 'system' });
    }
  }

  private outcomeEvent(cause: Cause, complaintId: string, r: Pick<Resolution, 'outcome' | 'reason' | 'caseId' | 'ruleVersion'>, now: Date): OutgoingEnvelope {
    return this.publisher.causedBy(cause, TOPICS.complaintOutcomeDecided, {
      key: complaintId,
      occurredAt: now,
      payload: { complaintId, outcome: r.outcome, reason: r.reason, caseId: r.caseId, ruleVersion: r.ruleVersion, decidedAt: now.toISOString() },
    });
  }
}

/** The classification facts a record keeps. */
function facts(j: Judgement): Pick<ComplaintRecordData, 'category' | 'enforceable' | 'urgent' | 'hotspotAreaId' | 'communityId' | 'district' | 'repeatOf'> {
  return { category: j.category, enforceable: j.enforceable, urgent: j.urgent, hotspotAreaId: j.hotspotAreaId, communityId: j.communityId, district: j.district, repeatOf: j.repeatOf };
}
