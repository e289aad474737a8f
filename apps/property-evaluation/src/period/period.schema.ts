import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const PERIOD_STATUSES = ['open', 'closing', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];
export const PERIOD_STATUS_LABELS: Record<PeriodStatus, string> = { open: '评价中', closing: '正在关闭', closed: '已关闭' };

/**
 * An evaluation period (a quarter), opened and closed by the housing
 * authority. It keeps the scheme version it was opened with; `closing` marks a
 * close in progress, so a close interrupted half way is finished by the next.
 */
@Schema({ collection: 'periods', versionKey: false })
export class EvaluationPeriod {
  /** e.g. `2025Q1`. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: Number, required: true })
  schemeVersion: number;

  @Prop({ type: String, required: true, enum: PERIOD_STATUSES })
  status: PeriodStatus;

  @Prop({ type: String, required: true })
  openedBy: string;

  @Prop({ type: Date, required: true })
  openedAt: Date;

  @Prop({ type: String, default: null })
  closedBy: string | null;

  @Prop({ type: Date, default: null })
  closedAt: Date | null;
}

export const EvaluationPeriodSchema = SchemaFactory.createForClass(EvaluationPeriod);
