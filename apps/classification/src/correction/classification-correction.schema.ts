import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { StoredJudgement } from '../classification/classification.schema';

/**
 * One correction of a classification by a person: what it was, what it
 * became, who decided and why. Insert-only: the record of automated decisions
 * and their corrections (个人信息保护法 Art. 24, 55–56: kept ≥3 years; a
 * retention job comes later) and the history beside the current state in
 * `classifications`, which the retraining export reads.
 */
@Schema({ collection: 'classification_corrections', versionKey: false })
export class ClassificationCorrection {
  /** The correction id: also the classification-corrected event's id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  complaintId: string;

  @Prop({ type: StoredJudgement, required: true })
  previous: StoredJudgement;

  @Prop({ type: StoredJudgement, required: true })
  corrected: StoredJudgement;

  /** The model whose judgement (or whose judgement as corrected before) was corrected. */
  @Prop({ required: true })
  modelVersion: string;

  /** A user reference, never a name. */
  @Prop({ required: true })
  correctedBy: string;

  @Prop({ required: true })
  reason: string;

  @Prop({ required: true })
  correctedAt: Date;
}

export const ClassificationCorrectionSchema = SchemaFactory.createForClass(ClassificationCorrection);
ClassificationCorrectionSchema.index({ complaintId: 1, correctedAt: 1 });
ClassificationCorrectionSchema.index({ correctedAt: -1 });
