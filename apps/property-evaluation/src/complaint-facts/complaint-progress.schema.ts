import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { COMPLAINT_OUTCOMES, SATISFACTION_LEVELS, type ComplaintOutcome, type Satisfaction } from '@pipeline/contracts';

/**
 * What became of a complaint, from the other services' events: the
 * conversion outcome, the latest closure and the latest callback. Each part
 * carries its own time, and an update applies only when it is newer, so events
 * arriving late or twice change nothing.
 */
@Schema({ collection: 'complaint_progress', versionKey: false })
export class ComplaintProgress {
  /** The complaint id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, enum: COMPLAINT_OUTCOMES })
  outcome?: ComplaintOutcome;

  @Prop({ type: String, default: undefined })
  caseId?: string | null;

  @Prop({ type: Date })
  outcomeDecidedAt?: Date;

  @Prop({ type: Date })
  receivedAt?: Date;

  @Prop({ type: Date })
  closedAt?: Date;

  @Prop({ type: String, enum: SATISFACTION_LEVELS })
  callbackSatisfaction?: Satisfaction;

  @Prop({ type: Boolean })
  callbackResolved?: boolean;

  @Prop({ type: Date })
  callbackRecordedAt?: Date;
}

export const ComplaintProgressSchema = SchemaFactory.createForClass(ComplaintProgress);
