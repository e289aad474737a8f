import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { ComplaintProgress } from './complaint-progress.schema';
import { ComplaintRecord } from './complaint-record.schema';

type ProgressPart = 'outcomeDecidedAt' | 'closedAt' | 'callbackRecordedAt';

/** The only code that touches the complaint records and their progress; returns plain objects. */
@Injectable()
export class ComplaintFactsRepository {
  constructor(
    @InjectModel(ComplaintRecord.name) private readonly records: Model<ComplaintRecord>,
    @InjectModel(ComplaintProgress.name) private readonly progress: Model<ComplaintProgress>,
  ) {}

  /** Inserts the record; false when a record for that complaint already exists (first write wins). */
  async insertOnce(record: ComplaintRecord): Promise<boolean> {
    try {
      await this.records.create(record);
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /**
   * Replaces what was recorded for a complaint (a clerk's correction). A
   * complaint corrected out of every community keeps a record with no
   * community: it counts nowhere, and a late classifier verdict cannot
   * re-insert it (its insert meets the existing id).
   */
  async replace(record: ComplaintRecord): Promise<void> {
    const { _id, ...fields } = record;
    await this.records.updateOne({ _id }, { $set: fields }, { upsert: true });
  }

  /**
   * Sets one part of a complaint's progress unless a newer one is stored:
   * the filter matches a missing or older time. An upsert that meets the
   * existing id means the document exists — with a newer time, or created a
   * moment ago by another part (an outcome and a closure of one complaint
   * arrive on different topics at once) — so the update is tried once more
   * without inserting, and only a miss then means "a newer one is kept".
   */
  async setIfNewer(complaintId: string, timeField: ProgressPart, fields: Partial<ComplaintProgress>): Promise<boolean> {
    const filter = { _id: complaintId, [timeField]: { $not: { $gte: fields[timeField] } } };
    try {
      const r = await this.progress.updateOne(filter, { $set: fields }, { upsert: true });
      return r.modifiedCount + r.upsertedCount > 0;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const r = await this.progress.updateOne(filter, { $set: fields });
      return r.modifiedCount > 0;
    }
  }

  /** Property-service complaint records of a period, of the given communities or of all. */
  propertyServiceRecords(period: string, communityIds?: string[]): Promise<ComplaintRecord[]> {
    return this.records
      .find({ period, isPropertyService: true, communityId: communityIds ? { $in: communityIds } : { $ne: null } })
      .sort({ reportedAt: 1, _id: 1 })
      .lean<ComplaintRecord[]>();
  }

  async progressOf(complaintIds: string[]): Promise<Map<string, ComplaintProgress>> {
    const found = complaintIds.length ? await this.progress.find({ _id: { $in: complaintIds } }).lean<ComplaintProgress[]>() : [];
    return new Map(found.map((p) => [p._id, p]));
  }
}
