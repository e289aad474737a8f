import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { CommunityComplaint } from './community-complaint.schema';

export type CommunityComplaintRecord = CommunityComplaint;

/** Complaints of one community and one kind in a period. */
export interface ComplaintTally {
  communityId: string;
  isPropertyService: boolean;
  count: number;
}

/** The only code that touches the community_complaints collection; returns plain objects. */
@Injectable()
export class CommunityComplaintsRepository {
  constructor(@InjectModel(CommunityComplaint.name) private readonly model: Model<CommunityComplaint>) {}

  /** Inserts the record; false when a record for that complaint already exists (first write wins). */
  async insertOnce(record: CommunityComplaintRecord): Promise<boolean> {
    try {
      await this.model.create(record);
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
  async replace(record: CommunityComplaintRecord): Promise<void> {
    const { _id, ...fields } = record;
    await this.model.updateOne({ _id }, { $set: fields }, { upsert: true });
  }

  /**
   * Counts per (community, property-service or not) in one aggregation. One
   * accumulator keyed by a compound _id, because FerretDB computes only the
   * first accumulator of a `$group`.
   */
  async tally(period: string, communityId?: string): Promise<ComplaintTally[]> {
    const rows = await this.model.aggregate<{ _id: { communityId: string; isPropertyService: boolean }; count: number }>([
      { $match: { period, communityId: communityId ?? { $ne: null } } },
      { $group: { _id: { communityId: '$communityId', isPropertyService: '$isPropertyService' }, count: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ communityId: r._id.communityId, isPropertyService: r._id.isPropertyService, count: r.count }));
  }
}
