import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { WorkingCalendar } from '@pipeline/calendar';
import { DomainError, METRICS, TOPICS } from '@pipeline/contracts';
import { normalisePhone } from '@pipeline/domain-terms';
import { ServiceMetrics } from '@pipeline/observability';
import { EventPublisher } from '@pipeline/kafka';
import { CallerVault } from '../caller/caller-vault';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';
import { TimelineRepository } from '../timeline/timeline.repository';
import { CLOSABLE_BY_OPERATOR, SATISFACTION_LABELS, STATUS_LABELS, callbackReopens } from './complaint-status.rules';
import { ComplaintRepository, type ComplaintFilter, type ComplaintRecord } from './complaint.repository';
import { callerView, complaintListItem, complaintView } from './complaint.view';
import { complaintDeadline } from './deadline.rules';
import type { CallbackDto } from './dto/callback.dto';
import type { CloseComplaintDto } from './dto/close-complaint.dto';
import type { CreateComplaintDto } from './dto/create-complaint.dto';
import type { ListComplaintsQuery, SearchComplaintsDto } from './dto/list-complaints.query';
import type { ComplaintAcceptedDto, ComplaintPageDto, ComplaintStatusDto, ComplaintViewDto } from './dto/complaint-view.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

function requestHash(dto: CreateComplaintDto): string {
  return createHash('sha256').update(JSON.stringify(dto)).digest('hex');
}

/** What a hotline operator does with complaints. */
@Injectable()
export class ComplaintService {
  private readonly received;

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly timeline: TimelineRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly vault: CallerVault,
    private readonly publisher: EventPublisher,
    private readonly calendar: WorkingCalendar,
    metrics: ServiceMetrics,
  ) {
    this.received = metrics.counter(METRICS.complaintsReceived);
  }

  /**
   * Accepts a complaint: stored with its complaint-received event in one
   * write, or not at all. A repeated Idempotency-Key, or the same channel and
   * work-order number, answers with the first complaint instead of a copy.
   */
  async receive(dto: CreateComplaintDto, idempotencyKey: string | undefined, correlationId?: string): Promise<ComplaintAcceptedDto> {
    let id = uuidv7();
    if (idempotencyKey !== undefined) {
      if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw DomainError.invalid('INVALID_IDEMPOTENCY_KEY', '请求参数有误', [{ field: 'Idempotency-Key', messages: ['Idempotency-Key 须为 8–128 位字母、数字、_ 或 -'] }]);
      }
      const hash = requestHash(dto);
      const claim = await this.idempotency.claim(idempotencyKey, hash, id);
      if (claim.requestHash !== hash) {
        throw DomainError.conflict('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一份不同的投诉', { complaintId: claim.complaintId });
      }
      id = claim.complaintId;
    }

    const now = new Date();
    const phone = dto.caller?.phone ? normalisePhone(dto.caller.phone) : null;
    const complaint: ComplaintRecord = {
      _id: id,
      dedupeKey: dto.externalRef ? `${dto.channel}:${dto.externalRef}` : id,
      channel: dto.channel,
      text: dto.text,
      address: dto.address ?? null,
      location: dto.location ? { lat: dto.location.lat, lng: dto.location.lng } : null,
      reportedAt: dto.reportedAt ? new Date(dto.reportedAt) : now,
      receivedAt: now,
      externalRef: dto.externalRef ?? null,
      requestedCategory: null,
      attachments: (dto.attachments ?? []).map((a) => ({ url: a.url, contentType: a.contentType })),
      caller: dto.caller
        ? {
            ref: phone ? this.vault.callerRef(phone) : null,
            nameCipher: dto.caller.name ? this.vault.encrypt(dto.caller.name) : null,
            phoneCipher: phone ? this.vault.encrypt(phone) : null,
            anonymous: dto.caller.anonymous,
          }
        : null,
      status: 'received',
      classification: null,
      outcome: null,
      caseProgress: null,
      closure: null,
      lastCallback: null,
      correlationId: correlationId ?? id,
      updatedAt: now,
    };
    return this.accept(complaint);
  }

  /** Stores a complaint built by any intake channel (the operator API, Open311). */
  async accept(complaint: ComplaintRecord): Promise<ComplaintAcceptedDto> {
    const event = this.publisher.envelope(TOPICS.complaintReceived, {
      key: complaint._id,
      correlationId: complaint.correlationId,
      occurredAt: complaint.receivedAt,
      payload: {
        complaintId: complaint._id,
        channel: complaint.channel,
        text: complaint.text,
        address: complaint.address,
        location: complaint.location,
        reportedAt: complaint.reportedAt.toISOString(),
        receivedAt: complaint.receivedAt.toISOString(),
        callerRef: complaint.caller?.ref ?? null,
        externalRef: complaint.externalRef,
      },
    });
    const stored = await this.complaints.insertOnce(complaint, [event]);
    if (stored.created) this.received.inc({ channel: complaint.channel });
    return { id: stored.complaint._id, status: stored.complaint.status, receivedAt: stored.complaint.receivedAt, duplicate: !stored.created };
  }

  async record(id: string): Promise<ComplaintRecord> {
    const complaint = await this.complaints.findById(id);
    if (!complaint) throw DomainError.notFound('COMPLAINT_NOT_FOUND', `投诉 ${id} 不存在`);
    return complaint;
  }

  /** Complaints for a public channel (Open311): newest received first, with attachments, never the caller. */
  publicList(filter: ComplaintFilter, limit: number): Promise<ComplaintRecord[]> {
    return this.complaints.listPublic(filter, limit);
  }

  /** The operator's view; the caller is masked unless `revealCaller` (the controller audits such a view). */
  async get(id: string, revealCaller: boolean): Promise<ComplaintViewDto> {
    const complaint = await this.record(id);
    const timeline = await this.timeline.forComplaint(id);
    const deadline = complaintDeadline(
      { receivedAt: complaint.receivedAt, urgent: complaint.classification?.urgent ?? false, closedAt: complaint.closure?.at ?? null },
      new Date(),
      this.calendar,
    );
    return complaintView(complaint, timeline, deadline, callerView(complaint.caller, revealCaller, (cipher) => this.vault.decrypt(cipher)));
  }

  async list(query: ListComplaintsQuery | SearchComplaintsDto): Promise<ComplaintPageDto> {
    const filter: ComplaintFilter = {
      status: query.status,
      category: query.category,
      hotspotAreaId: query.hotspotAreaId,
      communityId: query.communityId,
      channel: query.channel,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      text: query.q,
      externalRef: query.externalRef,
    };
    const phone = 'callerPhone' in query && query.callerPhone ? normalisePhone(query.callerPhone) : null;
    if (phone) filter.callerRef = this.vault.callerRef(phone);
    const limit = query.limit ?? 20;
    const rows = await this.complaints.list(filter, query.cursor, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map(complaintListItem), nextCursor: rows.length > limit ? page[page.length - 1]._id : null };
  }

  /** 办结 recorded by an operator, for complaints no case or dispatcher owns. */
  async close(id: string, dto: CloseComplaintDto): Promise<ComplaintStatusDto> {
    const now = new Date();
    const result = await this.complaints.update(id, (c) => {
      if (c.status === 'closed') throw DomainError.conflict('COMPLAINT_ALREADY_CLOSED', '该投诉已办结');
      if (!CLOSABLE_BY_OPERATOR.includes(c.status)) {
        throw DomainError.conflict('COMPLAINT_NOT_CLOSABLE', `投诉当前状态为「${STATUS_LABELS[c.status]}」，须由${c.status === 'case' ? '执法案件结案' : '调度员处理'}后办结`, {
          status: c.status,
        });
      }
      const event = this.publisher.envelope(TOPICS.complaintClosed, {
        key: id,
        correlationId: c.correlationId,
        occurredAt: now,
        payload: { complaintId: id, kind: 'handled', resolution: dto.resolution, caseId: null, receivedAt: c.receivedAt.toISOString(), closedAt: now.toISOString() },
      });
      return { facts: { closure: { kind: 'handled', resolution: dto.resolution, at: now } }, events: [event] };
    });
    if (!result) throw DomainError.notFound('COMPLAINT_NOT_FOUND', `投诉 ${id} 不存在`);
    await this.timeline.add({ _id: `closed:${id}:${now.getTime()}`, complaintId: id, at: now, kind: 'closed', title: `已办结：${dto.resolution}`, detail: null, source: 'complaint-intake' });
    return { id, status: result.after.status, statusLabel: STATUS_LABELS[result.after.status] };
  }

  /** 回访 after closure; an unsatisfied caller reopens the complaint (重办). */
  async callback(id: string, dto: CallbackDto): Promise<ComplaintStatusDto> {
    const now = new Date();
    const reopened = callbackReopens(dto.satisfaction);
    const result = await this.complaints.update(id, (c) => {
      if (c.status !== 'closed') {
        throw DomainError.conflict('COMPLAINT_NOT_CLOSED', `投诉办结后才能回访（当前状态：${STATUS_LABELS[c.status]}）`, { status: c.status });
      }
      const event = this.publisher.envelope(TOPICS.complaintCallbackRecorded, {
        key: id,
        correlationId: c.correlationId,
        occurredAt: now,
        payload: {
          complaintId: id,
          resolved: dto.resolved,
          satisfaction: dto.satisfaction,
          reopened,
          category: c.classification?.category ?? null,
          hotspotAreaId: c.classification?.hotspotAreaId ?? null,
          communityId: c.classification?.communityId ?? null,
          recordedAt: now.toISOString(),
        },
      });
      return { facts: { lastCallback: { resolved: dto.resolved, satisfaction: dto.satisfaction, notes: dto.notes ?? null, at: now } }, events: [event] };
    });
    if (!result) throw DomainError.notFound('COMPLAINT_NOT_FOUND', `投诉 ${id} 不存在`);
    const title = `回访：${SATISFACTION_LABELS[dto.satisfaction]}，${dto.resolved ? '已解决' : '未解决'}${reopened ? '，重办' : ''}`;
    await this.timeline.add({ _id: `callback:${id}:${now.getTime()}`, complaintId: id, at: now, kind: reopened ? 'reopened' : 'callback', title, detail: dto.notes ?? null, source: 'complaint-intake' });
    return { id, status: result.after.status, statusLabel: STATUS_LABELS[result.after.status], reopened };
  }
}
