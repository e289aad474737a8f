import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { localDateOf } from '@pipeline/calendar';
import { ComplaintRecord } from './complaint-record.schema';
import { incidentOf } from './incident';
import { MetricDayMark } from './metric-day-mark.schema';

type Located = Pick<ComplaintRecord, '_id' | 'receivedAt' | 'repeatOf'> & { incidentId?: string | null };

/**
 * Marks the days whose metric cells a record write may change (ADR 0019):
 * the record's own day (its order) and the days of every known complaint of
 * its incident, since the incident counts on its first report's day — the
 * root's, or the earliest known complaint's while the root is unrecorded.
 * The records' after-write hook: only ComplaintRecordRepository calls afterWrite.
 */
@Injectable()
export class MetricDayMarks {
  constructor(
    @InjectModel(ComplaintRecord.name) private readonly records: Model<ComplaintRecord>,
    @InjectModel(MetricDayMark.name) private readonly marks: Model<MetricDayMark>,
  ) {}

  /** After a write of these records (before and after a change: both incidents when a link changed). */
  async afterWrite(written: readonly Located[]): Promise<void> {
    const incidents = [...new Set(written.map(incidentOf))];
    const projection = { receivedAt: 1 };
    // by each field an incident's complaints can name it with: records written before incidentId existed have only repeatOf
    const members = (
      await Promise.all([
        this.records.find({ _id: { $in: incidents } }, projection).lean<Located[]>(),
        this.records.find({ incidentId: { $in: incidents } }, projection).lean<Located[]>(),
        this.records.find({ repeatOf: { $in: incidents } }, projection).lean<Located[]>(),
      ])
    ).flat();
    const days = new Set([...written, ...members].map((r) => localDateOf(r.receivedAt)));
    const at = new Date();
    await this.marks.bulkWrite([...days].map((day) => ({ updateOne: { filter: { _id: day }, update: { $set: { token: randomUUID(), at } }, upsert: true } })));
  }

  /** The current mark token of each of these days that has one. */
  async tokens(days: readonly string[]): Promise<Map<string, string>> {
    const marks = await this.marks.find({ _id: { $in: days } }).lean<MetricDayMark[]>();
    return new Map(marks.map((m) => [m._id, m.token]));
  }
}
