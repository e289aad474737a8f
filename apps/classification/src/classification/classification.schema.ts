import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CATEGORY_CODES, CHANNELS, type CategoryCode, type Channel, type ResponsibleBody } from '@pipeline/contracts';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';
import type { ClassificationExplanation } from '../classifier/complaint-classifier';

/** Who made the stored decision: the classifier, or a reviewer correcting it. */
export const DECIDERS = ['model', 'person'] as const;
export type DecidedBy = (typeof DECIDERS)[number];

@Schema({ _id: false, versionKey: false })
export class StoredConfidence {
  @Prop({ required: true }) category: number;
  @Prop({ required: true }) enforceable: number;
  @Prop({ required: true }) urgent: number;
}

@Schema({ _id: false, versionKey: false })
export class StoredExplanation implements ClassificationExplanation {
  @Prop({ type: [String], default: [] }) category: string[];
  @Prop({ type: [String], default: [] }) enforceable: string[];
  @Prop({ type: [String], default: [] }) urgent: string[];
  @Prop({ type: [String], default: [] }) place: string[];
}

/**
 * The classification of one complaint: the complaints.classified.v1 payload
 * as published, plus why the classifier decided so. One per complaint.
 */
@Schema({ collection: 'classifications', versionKey: false })
export class ComplaintClassification implements WithOutbox {
  /** The complaint id: the unique key that makes classifying a complaint twice impossible. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CATEGORY_CODES })
  category: CategoryCode;

  @Prop({ required: true })
  enforceable: boolean;

  @Prop({ required: true })
  urgent: boolean;

  @Prop({ type: StoredConfidence, required: true })
  confidence: StoredConfidence;

  @Prop({ type: String, default: null })
  hotspotAreaId: string | null;

  @Prop({ type: String, default: null })
  communityId: string | null;

  @Prop({ type: String, default: null })
  district: string | null;

  @Prop({ type: String, default: null })
  repeatOf: string | null;

  @Prop({ type: String, required: true })
  responsibleBody: ResponsibleBody;

  @Prop({ required: true })
  needsReview: boolean;

  @Prop({ required: true })
  modelVersion: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel: Channel;

  @Prop({ required: true })
  reportedAt: Date;

  @Prop({ required: true })
  receivedAt: Date;

  @Prop({ type: StoredExplanation, required: true })
  explanation: StoredExplanation;

  @Prop({ type: String, required: true, enum: DECIDERS })
  decidedBy: DecidedBy;

  @Prop({ required: true })
  classifiedAt: Date;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const ComplaintClassificationSchema = SchemaFactory.createForClass(ComplaintClassification);
addOutbox(ComplaintClassificationSchema);
