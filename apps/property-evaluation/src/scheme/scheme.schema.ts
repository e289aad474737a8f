import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EvaluationScheme } from './scheme';

/** One version of the evaluation scheme. Versions are only ever added: a period keeps the version it was opened with. */
@Schema({ collection: 'schemes', versionKey: false })
export class StoredScheme {
  /** The version number. */
  @Prop({ type: Number, required: true })
  _id: number;

  @Prop({ type: Object, required: true })
  scheme: EvaluationScheme;

  @Prop({ type: String, required: true })
  createdBy: string;

  @Prop({ type: Date, required: true })
  createdAt: Date;
}

export const StoredSchemeSchema = SchemaFactory.createForClass(StoredScheme);
