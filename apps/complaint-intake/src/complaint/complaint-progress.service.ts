import { Injectable } from '@nestjs/common';
import {
  CASE_STATE_LABELS, CATEGORIES, RESPONSIBLE_BODY_NAMES, TOPICS, classificationFacts,
  type CaseClosedV1, type CaseStateChangedV1, type CaseStateCode, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1,
  type ComplaintOutcomeDecidedV1, type EventEnvelope,
} from '@pipeline/contracts';
import { EventPublisher, PermanentEventError } from '@pipeline/kafka';
import { hotspotArea, community } from '@pipeline/reference-data';
import { TimelineRepository } from '../timeline/timeline.repository';
import type { TimelineKind } from '../timeline/timeline.schema';
import { ComplaintRepository, type ComplaintFacts, type ComplaintRecord } from './complaint.repository';

type Cause = EventEnvelope<unknown>;

const stateLabel = (s: string) => CASE_STATE_LABELS[s as CaseStateCode] ?? s;

/**
 * Follows what other services report about a complaint: its classification,
 * the outcome decided for it, its case's progress and closure. Each event
 * updates the complaint's facts (in whatever order events arrive) and adds
 * one timeline entry keyed by the event, so a redelivery changes nothing.
 */
@Injectable()
export class ComplaintProgressService {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly timeline: TimelineRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async onClassified(c: ComplaintClassifiedV1, cause: Cause): Promise<void> {
    const at = new Date(cause.occurredAt);
    // the model never overrides a clerk, nor a newer verdict
    const superseded = (current: ComplaintRecord) => !!current.classification && (current.classification.correctedBy !== null || current.classification.at > at);
    await this.apply(c.complaintId, cause, (current) => superseded(current) ? null : ({
      facts: {
        classification: { ...classificationFacts(c), needsReview: c.needsReview, correctedBy: null, at },
      },
    }));
    const place = [c.district, c.hotspotAreaId && hotspotArea(c.hotspotAreaId)?.name, c.communityId && community(c.communityId)?.name].filter(Boolean).join('，');
    await this.note(c.complaintId, cause, 'classified', at, `已分类：${CATEGORIES[c.category].name}${c.urgent ? '（紧急）' : ''}`, place || null);
  }

  /** A clerk's correction replaces the classifier's judgement, and a later correction an earlier one. */
  async onCorrected(c: ComplaintClassificationCorrectedV1, cause: Cause): Promise<void> {
    const at = new Date(c.correctedAt);
    await this.apply(c.complaintId, cause, (current) =>
      current.classification?.correctedBy && current.classification.at > at
        ? null
        : {
            facts: {
              classification: { ...classificationFacts(c), needsReview: false, correctedBy: c.correctedBy, at },
            },
          },
    );
    const change = c.previous.category === c.category ? CATEGORIES[c.category].name : `${CATEGORIES[c.previous.category].name} → ${CATEGORIES[c.category].name}`;
    await this.note(c.complaintId, cause, 'classified', at, `人工更正分类：${change}${c.urgent ? '（紧急）' : ''}`, c.reason);
  }

  async onOutcome(o: ComplaintOutcomeDecidedV1, cause: Cause): Promise<void> {
    const at = new Date(o.decidedAt);
    const current = await this.apply(o.complaintId, cause, () => ({ facts: { outcome: { outcome: o.outcome, reason: o.reason, caseId: o.caseId ?? null, at } } }));
    const body = current.classification ? RESPONSIBLE_BODY_NAMES[current.classification.responsibleBody] : '责任单位';
    const titles = {
      case: `已转为执法案件 ${o.caseId ?? ''}`.trim(),
      candidate: '疑似违法，待调度员确认是否立案',
      service_request: `转${body}办理`,
      forwarded: '非城管职责，已转交其他部门',
    } as const;
    await this.note(o.complaintId, cause, 'outcome', at, titles[o.outcome], o.reason);
  }

  async onCaseStateChanged(e: CaseStateChangedV1, cause: Cause): Promise<void> {
    const at = new Date(e.changedAt);
    for (const complaintId of e.complaintIds) {
      await this.apply(complaintId, cause, (c) =>
        c.caseProgress && c.caseProgress.caseId === e.caseId && c.caseProgress.at > at ? null : { facts: { caseProgress: { caseId: e.caseId, state: e.to, at } } },
      );
      await this.note(complaintId, cause, 'case_state', at, `案件 ${e.caseId}：${stateLabel(e.from)} → ${stateLabel(e.to)}`, e.reason ?? null);
    }
  }

  /** A closed case closes its complaints; intake then reports each closure (complaints.closed.v1). */
  async onCaseClosed(e: CaseClosedV1, cause: Cause): Promise<void> {
    const at = new Date(e.closedAt);
    for (const complaintId of e.complaintIds) {
      await this.apply(complaintId, cause, (c) => {
        if (c.closure && c.closure.at >= at) return null;
        const closed = this.publisher.causedBy(
          cause,
          TOPICS.complaintClosed,
          {
            key: complaintId,
            occurredAt: at,
            payload: { complaintId, kind: 'case_closed', resolution: e.summary, caseId: e.caseId, receivedAt: c.receivedAt.toISOString(), closedAt: e.closedAt },
          },
          complaintId,
        );
        return { facts: { closure: { kind: 'case_closed', resolution: e.summary, at }, caseProgress: { caseId: e.caseId, state: 'CLOSED', at } }, events: [closed] };
      });
      await this.note(complaintId, cause, 'closed', at, `案件 ${e.caseId} 已结案，投诉办结`, e.summary);
    }
  }

  private async apply(
    complaintId: string,
    cause: Cause,
    decide: (c: ComplaintRecord) => { facts: Partial<ComplaintFacts>; events?: ReturnType<EventPublisher['envelope']>[] } | null,
  ): Promise<ComplaintRecord> {
    const result = await this.complaints.update(complaintId, decide);
    // intake stores a complaint before announcing it, so an unknown id is not a timing issue
    if (!result) throw new PermanentEventError('COMPLAINT_UNKNOWN', `${cause.type} 事件涉及的投诉 ${complaintId} 在受理服务中不存在`);
    return result.after;
  }

  private note(complaintId: string, cause: Cause, kind: TimelineKind, at: Date, title: string, detail: string | null) {
    return this.timeline.add({ _id: `${cause.eventId}:${complaintId}`, complaintId, at, kind, title, detail, source: cause.producer });
  }
}
