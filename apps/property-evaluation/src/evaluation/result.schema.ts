import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { addOutbox, type OutboxEntry, type WithOutbox } from '@pipeline/mongo';
import type { CardDecision, ComplaintIndicator, ExitDecision, SurveyResult, Term } from '../scoring/evaluation.rules';

/** The community as the result was computed: households and company can change later. */
export interface CommunitySnapshot {
  name: string;
  district: string;
  households: number;
  propertyCompanyId: string;
  propertyCompanyName: string;
  onFocusList: boolean;
}

/** Which submission revision each submitting party's score came from. */
export interface SubmissionReference {
  party: string;
  submissionId: string;
  revision: number;
  score: number;
}

/**
 * A published result (`_id` = `period:community`): stored when every party is
 * in, replaced (revision + 1) when a party resubmits while the period is open,
 * and made final when the period closes. Its events leave through the outbox
 * in the same document write.
 */
@Schema({ collection: 'results', versionKey: false })
export class StoredResult implements WithOutbox {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  period: string;

  @Prop({ type: String, required: true })
  communityId: string;

  @Prop({ type: Number, required: true })
  schemeVersion: number;

  @Prop({ type: Number, required: true })
  revision: number;

  @Prop({ type: Boolean, required: true })
  final: boolean;

  @Prop({ type: Date, required: true })
  evaluatedAt: Date;

  @Prop({ type: Object, required: true })
  community: CommunitySnapshot;

  @Prop({ type: [Object], required: true })
  terms: Term[];

  /** Share of the total weight carried by the parties with a score, in %. */
  @Prop({ type: Number, required: true })
  presentWeight: number;

  /** False when too few parties took part: graded 无法评定, not ranked, no card. */
  @Prop({ type: Boolean, required: true })
  rated: boolean;

  @Prop({ type: Number, required: true })
  score: number;

  @Prop({ type: Object, required: true })
  grade: { code: string; name: string };

  @Prop({ type: [String], default: [] })
  vetoes: string[];

  @Prop({ type: [String], default: [] })
  missingParties: string[];

  @Prop({ type: Boolean, required: true })
  complete: boolean;

  @Prop({ type: [Object], default: [] })
  submissions: SubmissionReference[];

  @Prop({ type: Object, default: null })
  survey: SurveyResult | null;

  @Prop({ type: Object, required: true })
  complaints: ComplaintIndicator;

  @Prop({ type: Object, required: true })
  card: CardDecision;

  @Prop({ type: Object, required: true })
  exit: ExitDecision;

  outbox: OutboxEntry[];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const StoredResultSchema = SchemaFactory.createForClass(StoredResult);
addOutbox(StoredResultSchema);
StoredResultSchema.index({ communityId: 1, period: 1 });
StoredResultSchema.index({ period: 1, final: 1 });

export const resultId = (period: string, communityId: string) => `${period}:${communityId}`;
