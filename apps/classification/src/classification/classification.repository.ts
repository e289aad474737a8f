import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay, outboxOnUpdate, type OutboxModel } from '@pipeline/mongo';
import { ComplaintClassification, type DecidedBy } from './classification.schema';

/** A stored classification as the rest of the service sees it: keyed by complaint id, no outbox. */
export type ClassificationRecord = Omit<ComplaintClassification, '_id' | 'outbox' | 'outboxSeq' | 'outboxPendingSince'> & {
  complaintId: string;
};

/** The fields a correction sets. */
export type CorrectionFields = Pick<
  ClassificationRecord,
  | 'category' | 'enforceable' | 'urgent' | 'confidence' | 'hotspotAreaId' | 'communityId' | 'district' | 'repeatOf'
  | 'responsibleBody' | 'routing' | 'needsReview' | 'explanation' | 'decidedBy' | 'modelJudgement' | 'lastCorrection' | 'correctionCount'
>;

export interface ClassificationFilter {
  needsReview?: boolean;
  decidedBy?: DecidedBy;
}

/** Where a page of the newest-first list starts: after this classification. */
export interface ListPosition {
  classifiedAt: Date;
  complaintId: string;
}

const WITHOUT_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 } as const;

function toRecord(doc: ComplaintClassification): ClassificationRecord {
  const { _id, ...rest } = doc;
  return { complaintId: _id, ...rest };
}

/** The only code that touches the classifications collection; returns plain objects. */
@Injectable()
export class ClassificationRepository {
  private readonly writes: OutboxModel<ComplaintClassification>;

  constructor(
    @InjectModel(ComplaintClassification.name) private readonly model: Model<ComplaintClassification>,
    private readonly outbox: OutboxRelay,
  ) {
    this.writes = outbox.for(model);
  }

  /**
   * Stores the classification with its events in one write. False when the
   * complaint is already classified: the first write's outbox entries are
   * (or were) relayed, so a repeat produces no second event.
   */
  insertIfAbsent(record: ClassificationRecord, events: OutgoingEnvelope[]): Promise<boolean> {
    const { complaintId, ...rest } = record;
    return this.writes.insertOnce({ _id: complaintId, ...rest }, events);
  }

  async findByComplaintId(complaintId: string): Promise<ClassificationRecord | null> {
    const doc = await this.model.findById(complaintId, WITHOUT_OUTBOX).lean<ComplaintClassification>();
    return doc && toRecord(doc);
  }

  /** Newest classified first, a page after `after`. */
  async list(filter: ClassificationFilter, after: ListPosition | undefined, limit: number): Promise<ClassificationRecord[]> {
    const q: FilterQuery<ComplaintClassification> = {};
    if (filter.needsReview !== undefined) q.needsReview = filter.needsReview;
    if (filter.decidedBy) q.decidedBy = filter.decidedBy;
    if (after) {
      q.$or = [{ classifiedAt: { $lt: after.classifiedAt } }, { classifiedAt: after.classifiedAt, _id: { $lt: after.complaintId } }];
    }
    const docs = await this.model.find(q, WITHOUT_OUTBOX).sort({ classifiedAt: -1, _id: -1 }).limit(limit).lean<ComplaintClassification[]>();
    return docs.map(toRecord);
  }

  /** Classifications a person decided, by complaint id, a batch after `afterId`. */
  async listCorrected(afterId: string | undefined, limit: number): Promise<ClassificationRecord[]> {
    const q: FilterQuery<ComplaintClassification> = { decidedBy: 'person' };
    if (afterId !== undefined) q._id = { $gt: afterId };
    const docs = await this.model.find(q, WITHOUT_OUTBOX).sort({ _id: 1 }).limit(limit).lean<ComplaintClassification[]>();
    return docs.map(toRecord);
  }

  /**
   * Runs `work` holding the complaint's lock, the one the outbox relay takes
   * to clear the document's outbox: FerretDB applies an update as an
   * unlocked read-modify-write (ADR 0003, 0006), so a read, a decision and
   * the write it leads to must not interleave with another writer in this
   * process. Never call it again for the same complaint inside `work`.
   */
  withLock<T>(complaintId: string, work: () => Promise<T>): Promise<T> {
    return this.outbox.locks.run(complaintId, work);
  }

  /**
   * Writes a correction and its events in one single-document write, only if
   * the classification still has `seenCorrectionCount` corrections (none
   * came in between, from this or another instance). Call inside withLock.
   */
  async applyCorrection(complaintId: string, seenCorrectionCount: number | undefined, fields: CorrectionFields, events: OutgoingEnvelope[]): Promise<boolean> {
    // Records stored before corrections existed have no count at all.
    const guard = seenCorrectionCount === undefined ? { $exists: false } : seenCorrectionCount;
    const result = await this.model.updateOne({ _id: complaintId, correctionCount: guard }, { $set: fields, ...outboxOnUpdate(events) });
    if (result.matchedCount === 0) return false;
    this.outbox.nudge();
    return true;
  }
}
