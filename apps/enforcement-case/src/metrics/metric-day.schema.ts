import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One local day's cells of the complaint-to-case metric, kept beside the
 * records they were counted from (ADR 0019). Derived data: valid while its
 * `basis` equals the day's mark, rebuilt from the records otherwise, and
 * cleared when the service starts.
 */
@Schema({ collection: 'metric_days', versionKey: false })
export class MetricDay {
  /** The local day, `YYYY-MM-DD` (Asia/Shanghai). */
  @Prop({ type: String, required: true })
  _id: string;

  /** The day's mark token read before its records were counted (null: the day had no mark). */
  @Prop({ type: String, default: null })
  basis: string | null;

  /** The counting code that made the cells (METRIC_CELLS_VERSION). */
  @Prop({ type: String, required: true })
  version: string;

  // Each unit's cells as one JSON text (MetricCell[]): nothing queries inside them, and the local
  // store decodes every array element on its own (a day's ten thousand case ids took 170 ms to read).
  @Prop({ type: String, required: true })
  issue: string;

  @Prop({ type: String, required: true })
  order: string;

  @Prop({ required: true })
  builtAt: Date;
}

export const MetricDaySchema = SchemaFactory.createForClass(MetricDay);
