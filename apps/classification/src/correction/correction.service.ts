import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ComplaintClassificationCorrectedV1, DomainError, TOPICS, describeFieldErrors, validatePlain } from '@pipeline/contracts';
import { EventPublisher } from '@pipeline/kafka';
import { ClassificationRepository, type ClassificationRecord } from '../classification/classification.repository';
import { RepeatService } from '../repeats/repeat.service';
import { CorrectionRepository, type CorrectionRecord } from './correction.repository';
import {
  correctedPayload, correctionFields, historyRecord, judgementOf, labeledLine, resolvePlace, sameJudgement,
  type CorrectionNote, type Judgement,
} from './correction.rules';
import type { CorrectClassificationDto } from './dto/correct-classification.dto';

/**
 * The person correcting a classification. Today the request names them;
 * issue 7 makes it the authenticated user, with a role check, in
 * CorrectionController: nothing here changes.
 */
export interface Corrector {
  userRef: string;
}

/** How many classifications the export reads per store query. */
const EXPORT_BATCH = 200;

const invalid = (field: string, message: string) => DomainError.invalid('VALIDATION_FAILED', '请求参数有误', [{ field, messages: [message] }]);

@Injectable()
export class CorrectionService {
  private readonly logger = new Logger(CorrectionService.name);

  constructor(
    private readonly classifications: ClassificationRepository,
    private readonly history: CorrectionRepository,
    private readonly repeats: RepeatService,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * Replaces the stored judgement with a person's. One single-document write
   * sets the judgement (decidedBy person, the model's own kept in
   * modelJudgement) and queues the classification-corrected event; then the
   * history record and the repeat candidate follow. Should the process stop
   * between them, repeating the request (answered 409, as nothing is left to
   * change) completes the two.
   */
  async correct(complaintId: string, dto: CorrectClassificationDto, by: Corrector): Promise<ClassificationRecord> {
    return this.classifications.withLock(complaintId, async () => {
      const current = await this.classifications.findByComplaintId(complaintId);
      if (!current) throw DomainError.notFound('CLASSIFICATION_NOT_FOUND', `投诉 ${complaintId} 尚无分类结果`);
      const target = await this.target(current, dto);
      if (sameJudgement(judgementOf(current), target)) {
        await this.completeFollowers(current);
        throw DomainError.conflict('CLASSIFICATION_UNCHANGED', '更正内容与当前分类相同，未作更改');
      }

      const note: CorrectionNote = { correctionId: randomUUID(), correctedBy: by.userRef, reason: dto.reason, correctedAt: new Date() };
      const payload = correctedPayload(current, judgementOf(current), target, note);
      const checked = validatePlain(ComplaintClassificationCorrectedV1, payload);
      if (!checked.ok) throw new Error(`classification-corrected payload breaks the contract: ${describeFieldErrors(checked.errors)}`);
      const event = this.publisher.envelope(TOPICS.complaintClassificationCorrected, {
        key: complaintId,
        payload,
        // the event's id is the correction's: the history record and the event name each other
        eventId: note.correctionId,
        // the complaint's thread, as the classified event carried it
        correlationId: current.correlationId ?? complaintId,
        occurredAt: note.correctedAt,
      });
      const fields = correctionFields(current, target, note);
      const applied = await this.classifications.applyCorrection(complaintId, current.correctionCount, fields, [event]);
      if (!applied) throw DomainError.conflict('CLASSIFICATION_CHANGED', '该分类刚被他人更正，请刷新后重试');
      const corrected: ClassificationRecord = { ...current, ...fields };
      await this.completeFollowers(corrected);
      return corrected;
    });
  }

  /** A complaint's corrections, oldest first. */
  async corrections(complaintId: string): Promise<CorrectionRecord[]> {
    const found = await this.classifications.findByComplaintId(complaintId);
    if (!found) throw DomainError.notFound('CLASSIFICATION_NOT_FOUND', `投诉 ${complaintId} 尚无分类结果`);
    return this.history.listForComplaint(complaintId);
  }

  /**
   * Every corrected complaint as a JSON line in the shape of
   * complaints.public.jsonl, labelled with the person's judgement, in
   * complaint id order, read from the store a batch at a time. The first
   * batch is read before anything is sent, so a store that is down is an
   * ordinary error response; a failure later cuts the download short (never
   * a clean end that would pass for a complete file).
   */
  async exportCorrected(): Promise<AsyncIterable<string>> {
    const first = await this.classifications.listCorrected(undefined, EXPORT_BATCH);
    return this.labeledLines(first);
  }

  private async *labeledLines(first: ClassificationRecord[]): AsyncGenerator<string> {
    let batch = first;
    while (batch.length) {
      const recorded = await this.repeats.recorded(batch.map((r) => r.complaintId));
      for (const r of batch) {
        const text = recorded.get(r.complaintId);
        if (text) yield `${JSON.stringify(labeledLine(r, text))}\n`;
        else this.logger.warn(`投诉 ${r.complaintId} 无原文记录，未导出`);
      }
      if (batch.length < EXPORT_BATCH) return;
      batch = await this.classifications.listCorrected(batch[batch.length - 1].complaintId, EXPORT_BATCH);
    }
  }

  /** The judgement asked for, with the place and the link checked against the reference data and the store. */
  private async target(current: ClassificationRecord, dto: CorrectClassificationDto): Promise<Judgement> {
    const place = resolvePlace(judgementOf(current), { hotspotAreaId: dto.hotspotAreaId, communityId: dto.communityId });
    if (!place.ok) throw DomainError.invalid('VALIDATION_FAILED', '请求参数有误', place.errors);
    return {
      category: dto.category,
      enforceable: dto.enforceable,
      urgent: dto.urgent,
      ...place.value,
      repeatOf: await this.firstReport(current, dto.repeatOf),
    };
  }

  /**
   * The first report of the incident the clerk names: an earlier classified
   * complaint, followed to the root of its chain as the linker does, so a
   * link always points at the first report.
   */
  private async firstReport(current: ClassificationRecord, repeatOf: string | null | undefined): Promise<string | null> {
    if (repeatOf === undefined) return current.repeatOf ?? null;
    if (repeatOf === null) return null;
    if (repeatOf === current.complaintId) throw invalid('repeatOf', 'repeatOf 不能是本投诉');
    const earlier = await this.classifications.findByComplaintId(repeatOf);
    if (!earlier) throw invalid('repeatOf', `repeatOf：投诉 ${repeatOf} 不存在或尚未分类`);
    if (earlier.reportedAt.getTime() > current.reportedAt.getTime()) throw invalid('repeatOf', `repeatOf：投诉 ${repeatOf} 晚于本投诉反映，不能作为首报`);
    const root = earlier.repeatOf ?? earlier.complaintId;
    if (root === current.complaintId) throw invalid('repeatOf', `repeatOf：投诉 ${repeatOf} 已是本投诉的重复件`);
    return root;
  }

  /** Brings the history and the repeat candidate in line with a corrected classification (idempotent). */
  private async completeFollowers(r: ClassificationRecord): Promise<void> {
    const record = historyRecord(r);
    if (!record) return;
    await this.history.insertOnce(record);
    const facts = { category: r.category, hotspotAreaId: r.hotspotAreaId ?? null, communityId: r.communityId ?? null, repeatOf: r.repeatOf ?? null };
    if (!(await this.repeats.correct(r.complaintId, facts, record.correctedAt))) {
      this.logger.warn(`投诉 ${r.complaintId} 无重复件候选记录，更正未同步到重复件比对`);
    }
  }
}
