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

  /** Indexed for the metric, which reads an incident's later repeats by it (ADR 0009). */
  @Prop({ type: String, default: null, index: true })
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

  @Prop({ type: String, default: null, index: true })
  caseId: string | null;

  /** The incident: the first report's id (this complaint's own id unless it repeats one). */
  @Prop({ type: String, required: true, index: true })
  incidentId: string;

  /** When the complaint's case reached 立案 (FILED); the metric's numerator counts these. */
  @Prop({ type: Date, default: null })
  caseFiledAt: Date | null;

  /** The filing did not stand: 撤销立案, or the lead ended 不予立案. */
  @Prop({ type: Boolean, default: false })
  caseFilingVoid: boolean;

  /** Decided on the spot (简易程序, no 立案): reported beside the metric, never in it. */
  @Prop({ type: Boolean, default: false })
  simpleProcedure: boolean;

  /** Flagged by the rules for a dispatcher's attention (candidates jump the queue). */
  @Prop({ type: Boolean, default: false })
  flaggedUrgent: boolean;

  /** A dispatcher's decision on a candidate. */
  @Prop({ type: Object, default: null })
  dispatch: { decision: 'accepted' | 'rejected'; by: string; reasonCode: string | null; note: string | null; at: Date } | null;

  @Prop({ type: String, required: true })
  reason: string;

  @Prop({ type: String, required: true })
  ruleVersion: string;

  /** Which rule decided and on which facts (Chinese), for the record and for appeal. */
  @Prop({ type: String, default: null })
  ruleExplanation: string | null;

  @Prop({ required: true })
  decidedAt: Date;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const ComplaintRecordSchema = SchemaFactory.createForClass(ComplaintRecord);
// the dispatcher's queue: candidates, urgent first, then oldest
ComplaintRecordSchema.index({ outcome: 1, flaggedUrgent: -1, receivedAt: 1 });
addOutbox(ComplaintRecordSchema);
