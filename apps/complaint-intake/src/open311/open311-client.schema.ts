import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A civic app allowed to file Open311 service requests. */
@Schema({ collection: 'open311_clients', versionKey: false })
export class Open311Client {
  /** UUIDv7; the seeded development client is `development`. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  name: string;

  /** SHA-256 (hex) of the API key. The key itself is shown once, when issued, and never stored. */
  @Prop({ type: String, required: true, unique: true })
  keyHash: string;

  @Prop({ required: true })
  createdAt: Date;

  @Prop({ type: Date, default: null })
  revokedAt: Date | null;
}

export const Open311ClientSchema = SchemaFactory.createForClass(Open311Client);
