import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A day's mark: a new random token each time a record that counts on that
 * day is written, after the write. Only writers set it, each with a token of
 * its own, so two concurrent marks can lose each other's token but never
 * leave the one a summary was built on.
 */
@Schema({ collection: 'metric_day_marks', versionKey: false })
export class MetricDayMark {
  /** The local day, `YYYY-MM-DD` (Asia/Shanghai). */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  token: string;

  @Prop({ required: true })
  at: Date;
}

export const MetricDayMarkSchema = SchemaFactory.createForClass(MetricDayMark);
