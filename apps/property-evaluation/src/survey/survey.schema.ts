import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AnswerTally } from '../scoring/evaluation.rules';
import type { SurveyAnswer } from '../scheme/scheme';

/**
 * One household's answers to the owners' survey for a period (`_id` =
 * `period:community:household`, so a household answers once). The household
 * reference identifies a dwelling, never a person. `counts` is stored so that
 * a tally reads one small field per household.
 */
@Schema({ collection: 'survey_responses', versionKey: false })
export class SurveyResponse {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  period: string;

  @Prop({ type: String, required: true })
  communityId: string;

  @Prop({ type: String, required: true })
  householdRef: string;

  @Prop({ type: [Object], required: true })
  answers: Array<{ question: string; answer: SurveyAnswer }>;

  @Prop({ type: Object, required: true })
  counts: AnswerTally;

  /** How the answers were collected (paper, WeChat, door to door), as reported. */
  @Prop({ type: String, default: null })
  channel: string | null;

  @Prop({ type: Date, required: true })
  answeredAt: Date;
}

export const SurveyResponseSchema = SchemaFactory.createForClass(SurveyResponse);
SurveyResponseSchema.index({ period: 1, communityId: 1 });
