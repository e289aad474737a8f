import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { TimelineEntry } from './timeline.schema';

export type TimelineRecord = TimelineEntry;

@Injectable()
export class TimelineRepository {
  constructor(@InjectModel(TimelineEntry.name) private readonly model: Model<TimelineEntry>) {}

  /** Adds an entry once; the same event reported again adds nothing. */
  async add(entry: TimelineRecord): Promise<void> {
    try {
      await this.model.create(entry);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  forComplaint(complaintId: string): Promise<TimelineRecord[]> {
    return this.model.find({ complaintId }).sort({ at: 1, _id: 1 }).lean<TimelineRecord[]>();
  }
}
