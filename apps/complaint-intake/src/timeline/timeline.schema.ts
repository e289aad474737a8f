import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const TIMELINE_KINDS = ['received', 'classified', 'outcome', 'case_state', 'closed', 'callback', 'reopened'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One step in a complaint's history. Insert-only, keyed by the event that reported it. */
@Schema({ collection: 'complaint_timeline', versionKey: false })
export class TimelineEntry {
  /** The event id (with the complaint id where one event concerns several complaints). */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  complaintId: string;

  @Prop({ required: true })
  at: Date;

  @Prop({ type: String, required: true, enum: TIMELINE_KINDS })
  kind: TimelineKind;

  @Prop({ type: String, required: true })
  title: string;

  @Prop({ type: String, default: null })
  detail: string | null;

  /** The service that reported it. */
  @Prop({ type: String, required: true })
  source: string;
}

export const TimelineEntrySchema = SchemaFactory.createForClass(TimelineEntry);
TimelineEntrySchema.index({ complaintId: 1, at: 1 });
