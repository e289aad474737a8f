import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';

/**
 * What the classification says of one complaint located in a community:
 * written once by the classifier's verdict (the complaint id as `_id` makes a
 * redelivery a duplicate key) and replaced only by a clerk's correction.
 * Counting documents instead of keeping counters avoids the lost updates
 * FerretDB allows on concurrent read-modify-write of one counter document.
 */
@Schema({ collection: 'community_complaints', versionKey: false })
export class ComplaintRecord {
  /** The complaint id. */
  @Prop({ type: String, required: true })
  _id: string;

  /** Null only when a clerk corrected the complaint out of every community. */
  @Prop({ type: String, default: null })
  communityId: string | null;

  @Prop({ type: String, required: true, enum: CATEGORY_CODES })
  category: CategoryCode;

  /**
   * Derived from category and stored so that one `$group` on plain fields
   * gives both counts; expression keys are not relied on in FerretDB.
   */
  @Prop({ type: Boolean, required: true })
  isPropertyService: boolean;

  /** Quarter in Asia/Shanghai of reportedAt, e.g. `2024Q1`. */
  @Prop({ type: String, required: true })
  period: string;

  @Prop({ type: Date, required: true })
  reportedAt: Date;

  /** The first complaint about the same incident: a repeat counts in the repeat rate. */
  @Prop({ type: String, default: null })
  repeatOf: string | null;

  @Prop({ type: Date, required: true })
  recordedAt: Date;
}

export const ComplaintRecordSchema = SchemaFactory.createForClass(ComplaintRecord);
// every read is "one period, maybe one community"
ComplaintRecordSchema.index({ period: 1, communityId: 1 });
