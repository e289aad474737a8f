import { Injectable } from '@nestjs/common';
import { CalendarRangeError, WorkingCalendar } from '@pipeline/calendar';
import { CATEGORIES, DomainError, TOPICS, derivedEventId } from '@pipeline/contracts';
import { EventPublisher } from '@pipeline/kafka';
import { caseErrors } from '../../case/case.errors';
import { CaseService } from '../../case/case.service';
import { ComplaintRecordRepository, type ComplaintRecordData } from '../../complaint-records/complaint-record.repository';
import { squadById } from '../../dispatch/dispatch.rules';
import { CANDIDATE_CHECK_DAYS, REJECTION_REASONS } from './candidate.rules';
import type { AcceptCandidateDto, RejectCandidateDto } from './dto/candidate-decision.dto';
import type { CandidateDecisionDto, CandidateDto, CandidateQueueDto } from './dto/candidate-view.dto';

/** The dispatcher's decision is the cause of what follows; ids derive from it, so a retry repeats nothing. */
const dispatchCause = (complaintId: string) => ({ eventId: derivedEventId('dispatch', complaintId), correlationId: complaintId });

/** Candidates a dispatcher confirms or rejects (domain.md §7: a person confirms filing). */
@Injectable()
export class CandidateService {
  constructor(
    private readonly records: ComplaintRecordRepository,
    private readonly cases: CaseService,
    private readonly publisher: EventPublisher,
    private readonly calendar: WorkingCalendar,
  ) {}

  async queue(limit = 50): Promise<CandidateQueueDto> {
    const now = new Date();
    return { items: (await this.records.candidates(limit)).map((r) => this.view(r, now)) };
  }

  private view(r: ComplaintRecordData, now: Date): CandidateDto {
    let checkDueAt: string | null = null;
    let note: string | undefined;
    try {
      checkDueAt = this.calendar.addCalendarDays(r.receivedAt, CANDIDATE_CHECK_DAYS).dueAt.toISOString();
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      note = err.message;
    }
    return {
      complaintId: r._id,
      category: r.category,
      categoryName: CATEGORIES[r.category].name,
      urgent: r.flaggedUrgent,
      enforceable: r.enforceable,
      hotspotAreaId: r.hotspotAreaId,
      communityId: r.communityId,
      district: r.district,
      repeatOf: r.repeatOf,
      reason: r.reason,
      ruleVersion: r.ruleVersion,
      ruleExplanation: r.ruleExplanation,
      receivedAt: r.receivedAt,
      checkDueAt,
      overdue: checkDueAt !== null && now.getTime() > Date.parse(checkDueAt),
      ...(note ? { note } : {}),
    };
  }

  private async candidate(complaintId: string): Promise<ComplaintRecordData> {
    const r = await this.records.findById(complaintId);
    if (!r) throw DomainError.notFound('CANDIDATE_NOT_FOUND', `投诉 ${complaintId} 不存在`);
    if (r.outcome !== 'candidate') {
      throw DomainError.conflict('CANDIDATE_ALREADY_DECIDED', `投诉 ${complaintId} 已处理（${r.outcome === 'case' ? '已转案件' : '已转办'}），不在待确认队列中`, { outcome: r.outcome, caseId: r.caseId });
    }
    return r;
  }

  /** 确认: opens the case (a lead) and assigns it, to the chosen squad or the suggested one. */
  async accept(complaintId: string, dto: AcceptCandidateDto): Promise<CandidateDecisionDto> {
    const r = await this.candidate(complaintId);
    if (dto.squadId && !squadById(dto.squadId)) throw caseErrors.squadNotFound(dto.squadId);
    const now = new Date();
    const cause = dispatchCause(complaintId);
    const squad = dto.squadId ? { squadId: dto.squadId, reason: dto.note ? `调度员指派：${dto.note}` : '调度员指派' } : undefined;
    const place = { hotspotAreaId: r.hotspotAreaId, communityId: r.communityId, district: r.district };
    const caseId = await this.cases.open({ complaintId, category: r.category, urgent: r.urgent, place, cause, at: now, by: dto.dispatcher, squad });
    const reason = `调度员 ${dto.dispatcher} 确认为案件线索${dto.note ? `：${dto.note}` : ''}`;
    await this.decide(r, cause, now, { outcome: 'case', caseId, reason, inScope: true, dispatch: { decision: 'accepted', by: dto.dispatcher, reasonCode: null, note: dto.note ?? null, at: now } });
    return { complaintId, outcome: 'case', caseId };
  }

  /** 驳回: a reason from the fixed list (plus text); the complaint is handled as a service request or forwarded. */
  async reject(complaintId: string, dto: RejectCandidateDto): Promise<CandidateDecisionDto> {
    if (dto.reasonCode === 'OTHER' && !dto.note) {
      throw DomainError.invalid('REJECTION_NOTE_REQUIRED', '请求参数有误', [{ field: 'note', messages: ['原因选择「其他」时须填写说明'] }]);
    }
    const r = await this.candidate(complaintId);
    const now = new Date();
    const { label, outcome } = REJECTION_REASONS[dto.reasonCode];
    const reason = `调度员 ${dto.dispatcher} 驳回：${label}${dto.note ? `（${dto.note}）` : ''}`;
    await this.decide(r, dispatchCause(complaintId), now, {
      outcome,
      caseId: null,
      reason,
      inScope: outcome !== 'forwarded',
      dispatch: { decision: 'rejected', by: dto.dispatcher, reasonCode: dto.reasonCode, note: dto.note ?? null, at: now },
    });
    return { complaintId, outcome };
  }

  private async decide(
    r: ComplaintRecordData,
    cause: { eventId: string; correlationId: string },
    now: Date,
    d: Pick<ComplaintRecordData, 'outcome' | 'caseId' | 'reason' | 'inScope' | 'dispatch'>,
  ): Promise<void> {
    const event = this.publisher.causedBy(cause, TOPICS.complaintOutcomeDecided, {
      key: r._id,
      occurredAt: now,
      payload: { complaintId: r._id, outcome: d.outcome, reason: d.reason, caseId: d.caseId, ruleVersion: 'dispatcher', decidedAt: now.toISOString() },
    });
    const updated = await this.records.update(r._id, (current) =>
      current.outcome !== 'candidate' ? null : { set: { ...d, converted: d.caseId !== null, flaggedUrgent: false, decidedAt: now }, events: [event] },
    );
    if (!updated?.changed) throw DomainError.conflict('CANDIDATE_ALREADY_DECIDED', `投诉 ${r._id} 已由他人处理`);
  }
}
