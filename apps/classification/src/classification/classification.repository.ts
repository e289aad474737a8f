import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';
import { ComplaintClassification } from './classification.schema';

/** A stored classification as the rest of the service sees it: keyed by complaint id, no outbox. */
export type ClassificationRecord = Omit<ComplaintClassification, '_id' | 'outbox' | 'outboxSeq' | 'outboxPendingSince'> & {
  complaintId: string;
};

const WITHOUT_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 } as const;

/** The only code that touches the classifications collection; returns plain objects. */
@Injectable()
export class ClassificationRepository {
  constructor(
    @InjectModel(ComplaintClassification.name) private readonly model: Model<ComplaintClassification>,
    private readonly outbox: OutboxRelay,
  ) {
    outbox.register(model as never);
  }

  /**
   * Stores the classification with its events in one write. False when the
   * complaint is already classified: the first write's outbox entries are
   * (or were) relayed, so a repeat produces no second event.
   */
  insertIfAbsent(record: ClassificationRecord, events: OutgoingEnvelope[]): Promise<boolean> {
    const { complaintId, ...rest } = record;
    return this.outbox.insertOnce(this.model as never, { _id: complaintId, ...rest }, events);
  }

  async findByComplaintId(complaintId: string): Promise<ClassificationRecord | null> {
    const doc = await this.model.findById(complaintId, WITHOUT_OUTBOX).lean<ComplaintClassification>();
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { complaintId: _id, ...rest };
  }
}
