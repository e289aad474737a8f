import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, type Channel } from '@pipeline/contracts';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';

export type ComplaintStatus = 'received';

@Schema({ _id: false, versionKey: false })
export class StoredLocation {
  @Prop({ required: true }) lat: number;
  @Prop({ required: true }) lng: number;
}

/** A complaint as intake accepted it. Written once; later facts live in other collections. */
@Schema({ collection: 'complaints', versionKey: false })
export class Complaint implements WithOutbox {
  /** UUIDv7: unique and ordered by acceptance time, so it doubles as the list cursor. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel: Channel;

  @Prop({ required: true })
  text: string;

  @Prop({ type: String, default: null })
  address: string | null;

  @Prop({ type: StoredLocation, default: null })
  location: StoredLocation | null;

  @Prop({ required: true })
  reportedAt: Date;

  @Prop({ required: true, index: true })
  receivedAt: Date;

  @Prop({ type: String, default: null })
  externalRef: string | null;

  @Prop({ type: String, required: true })
  status: ComplaintStatus;

  @Prop({ required: true })
  correlationId: string;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const ComplaintSchema = SchemaFactory.createForClass(Complaint);
addOutbox(ComplaintSchema);
