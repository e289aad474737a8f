import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay, type OutboxModel } from '@pipeline/mongo';
import { MetricDayMarks } from '../metrics/metric-day-marks';
import { ComplaintRecord } from './complaint-record.schema';

export type ComplaintRecordData = Omit<ComplaintRecord, 'outbox' | 'outboxSeq' | 'outboxPendingSince'>;


@Injectable()
export class ComplaintRecordRepository {
  private readonly outbox: OutboxModel<ComplaintRecord>;

  constructor(
    @InjectModel(ComplaintRecord.name) private readonly model: Model<ComplaintRecord>,
    relay: OutboxRelay,
    private readonly metricDays: MetricDayMarks,
  ) {
    this.outbox = relay.for(model);
  }

  async exists(complaintId: string): Promise<boolean> {
    return (await this.model.exists({ _id: complaintId })) !== null;
  }

  findById(complaintId: string): Promise<ComplaintRecordData | null> {
    return this.model.findById(complaintId, { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 }).lean<ComplaintRecordData>();
  }

  /**
   * Changes a record with the events the change causes, in one write (see
   * OutboxModel.updateOne), then marks the metric days it counts on. A
   * decision to change nothing marks them too: it may be the redelivery of a
   * write whose marks were lost with the process that made it.
   */
  async update(complaintId: string, decide: (current: ComplaintRecordData) => { set: Partial<ComplaintRecordData>; events?: OutgoingEnvelope[] } | null) {
    const result = await this.outbox.updateOne(complaintId, decide);
    if (result) await this.metricDays.afterWrite([result.before, result.after]);
    return result;
  }

  /** True when recorded now; false when the complaint had been recorded already (its metric days are marked either way). */
  async insertIfAbsent(record: ComplaintRecordData, events: OutgoingEnvelope[]): Promise<boolean> {
    const inserted = await this.outbox.insertOnce(record, events);
    await this.metricDays.afterWrite([record]);
    return inserted;
  }

  /** The dispatcher's queue: candidates, flagged urgent first, then the longest waiting. */
  candidates(limit: number): Promise<ComplaintRecordData[]> {
    return this.model
      .find({ outcome: 'candidate' }, { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 })
      .sort({ flaggedUrgent: -1, receivedAt: 1, _id: 1 })
      .limit(limit)
      .lean<ComplaintRecordData[]>();
  }

  /** Reports of one incident received since `since` (the rules' "repeated N times in D days"). */
  countIncidentSince(incidentId: string, since: Date): Promise<number> {
    return this.model.countDocuments({ incidentId, receivedAt: { $gte: since } });
  }
}
