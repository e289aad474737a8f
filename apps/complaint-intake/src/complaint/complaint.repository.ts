import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';
import { Complaint } from './complaint.schema';

export type ComplaintRecord = Omit<Complaint, 'outbox' | 'outboxSeq' | 'outboxPendingSince'>;

/** The only code that touches the complaints collection; returns plain objects. */
@Injectable()
export class ComplaintRepository {
  constructor(
    @InjectModel(Complaint.name) private readonly model: Model<Complaint>,
    private readonly outbox: OutboxRelay,
  ) {
    outbox.register(model as never);
  }

  /** Stores the complaint and its events in one write, then asks the relay to send them. */
  async insert(complaint: ComplaintRecord, events: OutgoingEnvelope[]): Promise<void> {
    await this.outbox.insertOnce(this.model as never, complaint, events);
  }

  async findById(id: string): Promise<ComplaintRecord | null> {
    return this.model.findById(id, { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 }).lean<ComplaintRecord>();
  }
}
