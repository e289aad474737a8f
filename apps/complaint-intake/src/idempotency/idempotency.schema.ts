import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** An Idempotency-Key an operator's client sent, and the complaint it created. */
@Schema({ collection: 'idempotency_keys', versionKey: false })
export class IdempotencyKey {
  @Prop({ type: String, required: true })
  _id: string;

  /** A hash of the request body: the same key with another body is a client error. */
  @Prop({ type: String, required: true })
  requestHash: string;

  @Prop({ type: String, required: true })
  complaintId: string;

  @Prop({ required: true, index: true })
  createdAt: Date;
}

export const IdempotencyKeySchema = SchemaFactory.createForClass(IdempotencyKey);
