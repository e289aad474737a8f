import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CATEGORY_CODES, CHANNELS, type CategoryCode, type Channel, type ResponsibleBody } from '@pipeline/contracts';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';
import type { ClassificationExplanation } from '../classifier/complaint-classifier';
import type { Routing } from '../routing/routing.rules';

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
  /** Why the complaint was linked to an earlier one (重复件); empty when it was not. */
  @Prop({ type: [String], default: [] }) repeat: string[];
}

@Schema({ _id: false, versionKey: false })
export class StoredRouting implements Routing {
  @Prop({ type: String, required: true }) responsibleBody: ResponsibleBody;
  @Prop({ required: true }) name: string;
}

/** The judgements a correction can change. */
@Schema({ _id: false, versionKey: false })
export class StoredJudgement {
  @Prop({ type: String, required: true, enum: CATEGORY_CODES }) category: CategoryCode;
  @Prop({ required: true }) enforceable: boolean;
  @Prop({ required: true }) urgent: boolean;
  @Prop({ type: String, default: null }) hotspotAreaId: string | null;
  @Prop({ type: String, default: null }) communityId: string | null;
  @Prop({ type: String, default: null }) district: string | null;
  @Prop({ type: String, default: null }) repeatOf: string | null;
}

/**
 * What the model decided, kept when a person first corrects it: the record
 * of the automated decision (个人信息保护法 Art. 55–56) and, beside the
 * correction, a training example of where the model went wrong.
 */
@Schema({ _id: false, versionKey: false })
export class ModelJudgement extends StoredJudgement {
  @Prop({ type: StoredConfidence, required: true }) confidence: StoredConfidence;
  @Prop({ type: StoredExplanation, required: true }) explanation: StoredExplanation;
  @Prop({ required: true }) modelVersion: string;
  @Prop({ required: true }) classifiedAt: Date;
}

/**
 * The latest correction, written in the same single-document write as the
 * corrected judgement and its event: the history record in
 * classification_corrections is rebuilt from it if the write after it failed.
 */
@Schema({ _id: false, versionKey: false })
export class LastCorrection {
  /** Also the id of the classification-corrected event and of the history record. */
  @Prop({ required: true }) correctionId: string;
  @Prop({ type: StoredJudgement, required: true }) previous: StoredJudgement;
  @Prop({ required: true }) correctedBy: string;
  @Prop({ required: true }) reason: string;
  @Prop({ required: true }) correctedAt: Date;
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

  /** The responsible body and the name a clerk reads (the district's squad where known). */
  @Prop({ type: StoredRouting, required: true })
  routing: StoredRouting;

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

  /** The received event's correlation id: the correction event follows the complaint's thread. */
  @Prop({ type: String })
  correlationId?: string;

  /** The model's judgement, once a person has corrected it (absent before). */
  @Prop({ type: ModelJudgement })
  modelJudgement?: ModelJudgement;

  @Prop({ type: LastCorrection })
  lastCorrection?: LastCorrection;

  /** Corrections applied so far; a correction is written only if no other came in between. */
  @Prop({ default: 0 })
  correctionCount: number;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const ComplaintClassificationSchema = SchemaFactory.createForClass(ComplaintClassification);
addOutbox(ComplaintClassificationSchema);
// The review queue and the lists, newest first; the export walks corrected ones by id.
ComplaintClassificationSchema.index({ classifiedAt: -1, _id: -1 });
ComplaintClassificationSchema.index({ needsReview: 1, classifiedAt: -1, _id: -1 });
ComplaintClassificationSchema.index({ decidedBy: 1, classifiedAt: -1, _id: -1 });
