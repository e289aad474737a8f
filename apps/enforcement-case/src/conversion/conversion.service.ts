import { Injectable } from '@nestjs/common';
import {
  METRICS, TOPICS, derivedEventId,
  type CaseStateChangedV1, type CategoryCode, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1, type ComplaintOutcome, type EventEnvelope,
} from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/observability';
import { EventPublisher, type OutgoingEnvelope } from '@pipeline/kafka';
import { CaseRepository } from '../case/case.repository';
import { newCaseSnapshot } from '../case/procedure/case-state-machine';
import { SquadLoadService } from '../dispatch/squad-load.service';
import { ComplaintRecordRepository, type ComplaintRecordData } from './complaint-record.repository';
import { RuleSetService } from './rule-set/rule-set.service';
import { deriveIdentifiable, evaluateRuleSet, repeatWindowsOf } from './rule-set/rule-set.rules';

/** A case's id follows from the complaint that opened it. */
export function caseIdFor(complaintId: string): string {
  return `CASE-${derivedEventId('case', complaintId)}`;
}

type Cause = Pick<EventEnvelope<unknown>, 'eventId' | 'correlationId'>;

/** What the classifier (or a clerk) judged about a complaint. */
interface Judgement {
  complaintId: string;
  category: CategoryCode;
  enforceable: boolean;
  urgent: boolean;
  confidence: { category: number; enforceable: number };
  needsReview: boolean;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  repeatOf: string | null;
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

@Injectable()
export class ConversionService {
  private readonly casesOpened;

  constructor(
    private readonly records: ComplaintRecordRepository,
    private readonly cases: CaseRepository,
    private readonly ruleSets: RuleSetService,
    private readonly squads: SquadLoadService,
    private readonly publisher: EventPublisher,
    metrics: ServiceMetrics,
  ) {
    this.casesOpened = metrics.counter(METRICS.casesOpened);
  }

  /**
   * Decides what a classified complaint becomes and records it. Safe to run
   * twice for one complaint: the case id and every event id are derived from
   * the complaint, so a repeat after a crash creates nothing new.
   */
  async decide(c: ComplaintClassifiedV1, cause: Cause): Promise<void> {
    if (await this.records.exists(c.complaintId)) return;
    const j: Judgement = {
      ...c,
      confidence: { category: c.confidence.category, enforceable: c.confidence.enforceable },
      hotspotAreaId: c.hotspotAreaId ?? null,
      communityId: c.communityId ?? null,
      district: c.district ?? null,
      repeatOf: c.repeatOf ?? null,
      location: c.location ?? null,
      address: c.address ?? null,
      receivedAt: new Date(c.receivedAt),
    };
    const now = new Date();
    const r = await this.resolve(j);
    await this.applyCaseAction(r, j, cause, now);
    await this.records.insertIfAbsent(
      {
        _id: c.complaintId,
        ...facts(j),
        reportedAt: new Date(c.reportedAt),
        receivedAt: new Date(c.receivedAt),
        outcome: r.outcome,
        converted: r.caseId !== null,
        inScope: r.inScope,
        caseId: r.caseId,
        incidentId: j.repeatOf ?? j.complaintId,
        caseFiledAt: r.caseFiledAt ?? null,
        caseFilingVoid: false,
        simpleProcedure: false,
        flaggedUrgent: r.flaggedUrgent,
        dispatch: null,
        reason: r.reason,
        ruleVersion: r.ruleVersion,
        ruleExplanation: r.explanation,
        decidedAt: now,
      },
      [this.outcomeEvent(cause, j.complaintId, r, now)],
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
      ...e,
      confidence: { category: 1, enforceable: 1 },
      needsReview: false,
      hotspotAreaId: e.hotspotAreaId ?? null,
      communityId: e.communityId ?? null,
      district: e.district ?? null,
      repeatOf: e.repeatOf ?? null,
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
    if (r.caseAction === 'attach' && r.caseId) await this.cases.attachComplaint(r.caseId, j.complaintId);
    else if (r.caseAction === 'open' && r.caseId) await this.openCase(r.caseId, j, cause, now, 'system');
  }

  /**
   * Opens a case (a lead, LEAD) for a complaint and assigns it to the least
   * loaded squad covering the spot, with both events in the case's write.
   */
  async openCase(
    caseId: string,
    j: Pick<Judgement, 'complaintId' | 'category' | 'urgent' | 'hotspotAreaId' | 'communityId' | 'district'>,
    cause: Cause,
    now: Date,
    by: string,
    chosenSquad?: { squadId: string; reason: string },
  ): Promise<void> {
    const place = { hotspotAreaId: j.hotspotAreaId, communityId: j.communityId, district: j.district };
    const [suggested] = chosenSquad ? [] : await this.squads.suggest(place);
    const squadId = chosenSquad?.squadId ?? suggested?.squadId ?? null;
    const assignReason = chosenSquad?.reason ?? (suggested?.reasons.join('；').slice(0, 200) || '按辖区分派');
    const opened = this.publisher.causedBy(cause, TOPICS.caseOpened, {
      key: caseId,
      occurredAt: now,
      payload: { caseId, complaintIds: [j.complaintId], category: j.category, procedure: 'general', state: 'LEAD', ...place, openedAt: now.toISOString() },
    });
    const assigned = squadId
      ? [
          this.publisher.causedBy(cause, TOPICS.caseAssigned, {
            key: caseId,
            occurredAt: now,
            payload: { caseId, complaintIds: [j.complaintId], squadId, previousSquadId: null, reason: assignReason, assignedBy: by, assignedAt: now.toISOString() },
          }),
        ]
      : [];
    const created = await this.cases.insertIfAbsent(
      { _id: caseId, complaintIds: [j.complaintId], category: j.category, procedure: 'general', state: 'LEAD', ...place, urgent: j.urgent, squadId, openedAt: now, snapshot: newCaseSnapshot(now), history: [], breachedDeadlines: [], extensions: [] },
      [opened, ...assigned],
    );
    if (created) this.casesOpened.inc({ category: j.category });
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
