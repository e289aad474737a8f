import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CASE_PROCEDURES, CATEGORY_CODES, type CaseProcedure, type CategoryCode } from '@pipeline/contracts';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';

/** Case states of the administrative penalty procedure (domain.md §4); the skeleton opens leads. */
export const CASE_STATES = ['LEAD'] as const;
export type CaseState = (typeof CASE_STATES)[number];

@Schema({ collection: 'cases', versionKey: false })
export class EnforcementCase implements WithOutbox {
  /** Derived from the complaint that opened it, so a redelivered event cannot open a second case. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: [String], required: true, index: true })
  complaintIds: string[];

  @Prop({ type: String, required: true, enum: CATEGORY_CODES })
  category: CategoryCode;

  @Prop({ type: String, required: true, enum: CASE_PROCEDURES })
  procedure: CaseProcedure;

  @Prop({ type: String, required: true, enum: CASE_STATES, index: true })
  state: CaseState;

  @Prop({ type: String, default: null, index: true })
  hotspotAreaId: string | null;

  @Prop({ type: String, default: null })
  communityId: string | null;

  @Prop({ type: String, default: null })
  district: string | null;

  @Prop({ type: Boolean, required: true })
  urgent: boolean;

  /** The enforcement squad (中队) handling it; null until a dispatcher or the rules assign one. */
  @Prop({ type: String, default: null, index: true })
  squadId: string | null;

  @Prop({ required: true, index: true })
  openedAt: Date;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const CaseSchema = SchemaFactory.createForClass(EnforcementCase);
addOutbox(CaseSchema);
