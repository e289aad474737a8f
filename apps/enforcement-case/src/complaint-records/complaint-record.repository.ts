import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay, type OutboxModel } from '@pipeline/mongo';
import { ComplaintRecord } from './complaint-record.schema';
import { MetricDayMarks } from './metric-day-marks';

export type ComplaintRecordData = Omit<ComplaintRecord, 'outbox' | 'outboxSeq' | 'outboxPendingSince'>;

/** The fields the metric reads; records written before a field existed lack it, and the metric takes its default (ADR 0009). */
export type CountedRecord = Pick<ComplaintRecordData, '_id' | 'category' | 'hotspotAreaId' | 'communityId' | 'district' | 'repeatOf' | 'receivedAt' | 'inScope' | 'caseId'> &
  Partial<Pick<ComplaintRecordData, 'incidentId' | 'caseFiledAt' | 'caseFilingVoid' | 'simpleProcedure' | 'decidedAt'>>;

const COUNTED_FIELDS = {
  category: 1,
  hotspotAreaId: 1,
  communityId: 1,
  district: 1,
  repeatOf: 1,
  incidentId: 1,
  receivedAt: 1,
  inScope: 1,
  caseId: 1,
  caseFiledAt: 1,
  caseFilingVoid: 1,
  simpleProcedure: 1,
  decidedAt: 1,
} as const satisfies Record<Exclude<keyof CountedRecord, '_id'>, 1>;

/** Ids per `$in` query (ADR 0015: the store's pushdown takes lists of up to 1,000). */
const IN_BATCH = 1000;

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

  /** The metric's fields of the records received in [start, end), on the receivedAt index. */
  receivedBetween(start: Date, end: Date): Promise<CountedRecord[]> {
    return this.counted({ receivedAt: { $gte: start, $lt: end } });
  }

  /**
   * The metric's fields of the records whose `field` is one of ids (and, if
   * given, received in the range), asked IN_BATCH ids at a time: each an
   * index lookup on either store (the project's FerretDB pushes no longer
   * list down to SQLite, and would read the whole collection instead).
   */
  async withAnyOf(field: '_id' | 'repeatOf', ids: readonly string[], received: { from?: Date; before?: Date } = {}): Promise<CountedRecord[]> {
    const range: FilterQuery<ComplaintRecord> = {};
    if (received.from || received.before) range.receivedAt = { ...(received.from ? { $gte: received.from } : {}), ...(received.before ? { $lt: received.before } : {}) };
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += IN_BATCH) batches.push(ids.slice(i, i + IN_BATCH));
    return (await Promise.all(batches.map((batch) => this.counted({ ...range, [field]: { $in: batch } })))).flat();
  }

  /** The current mark token of each of these days that has one (ADR 0019). */
  metricDayTokens(days: readonly string[]): Promise<Map<string, string>> {
    return this.metricDays.tokens(days);
  }

  private counted(filter: FilterQuery<ComplaintRecord>): Promise<CountedRecord[]> {
    return this.model.find(filter, COUNTED_FIELDS).lean<CountedRecord[]>().exec();
  }
}
