import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CATEGORY_CODES, COMPLAINT_OUTCOMES, type CategoryCode, type ComplaintOutcome } from '@pipeline/contracts';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';

/** Every classified complaint, with the outcome decided for it: the metric counts these. */
@Schema({ collection: 'complaint_records', versionKey: false })
export class ComplaintRecord implements WithOutbox {
  /** The complaint id: one record per complaint, whatever is redelivered. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CATEGORY_CODES })
  category: CategoryCode;

  @Prop({ type: Boolean, required: true })
  enforceable: boolean;

  @Prop({ type: Boolean, required: true })
  urgent: boolean;

  @Prop({ type: String, default: null })
  hotspotAreaId: string | null;

  @Prop({ type: String, default: null })
  communityId: string | null;

  @Prop({ type: String, default: null })
  district: string | null;

  @Prop({ type: String, default: null })
  repeatOf: string | null;

  @Prop({ required: true })
  reportedAt: Date;

  @Prop({ required: true, index: true })
  receivedAt: Date;

  @Prop({ type: String, required: true, enum: COMPLAINT_OUTCOMES })
  outcome: ComplaintOutcome;

  /** Stored rather than derived: FerretDB's aggregation has no expressions to derive it. */
  @Prop({ type: Boolean, required: true })
  converted: boolean;

  @Prop({ type: Boolean, required: true })
  inScope: boolean;

  @Prop({ type: String, default: null })
  caseId: string | null;

  @Prop({ type: String, required: true })
  reason: string;

  @Prop({ type: String, required: true })
  ruleVersion: string;

  @Prop({ required: true })
  decidedAt: Date;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const ComplaintRecordSchema = SchemaFactory.createForClass(ComplaintRecord);
ComplaintRecordSchema.index({ hotspotAreaId: 1, inScope: 1, converted: 1 });
addOutbox(ComplaintRecordSchema);
