import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { IndicatorEntry } from '../scoring/evaluation.rules';

/** What a party handed in, as given: the scores are recomputed from it under the period's scheme. */
export interface SubmissionContent {
  indicators: IndicatorEntry[];
  vetoes: string[];
  comment: string | null;
  submittedBy: string;
  submittedAt: Date;
  revision: number;
}

/**
 * One party's submission for one community and period (`_id` =
 * `period:community:party`). A resubmission replaces the content and moves
 * the previous one into `history`, so nothing a party said is lost.
 */
@Schema({ collection: 'submissions', versionKey: false })
export class Submission implements SubmissionContent {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  period: string;

  @Prop({ type: String, required: true })
  communityId: string;

  @Prop({ type: String, required: true })
  party: string;

  @Prop({ type: Number, required: true })
  schemeVersion: number;

  @Prop({ type: [Object], required: true })
  indicators: IndicatorEntry[];

  @Prop({ type: [String], default: [] })
  vetoes: string[];

  @Prop({ type: String, default: null })
  comment: string | null;

  @Prop({ type: String, required: true })
  submittedBy: string;

  @Prop({ type: Date, required: true })
  submittedAt: Date;

  @Prop({ type: Number, required: true })
  revision: number;

  @Prop({ type: [Object], default: [] })
  history: SubmissionContent[];
}

export const SubmissionSchema = SchemaFactory.createForClass(Submission);
SubmissionSchema.index({ period: 1, communityId: 1 });

export const submissionId = (period: string, communityId: string, party: string) => `${period}:${communityId}:${party}`;
