import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CASE_PROCEDURES, CASE_STATE_CODES, CATEGORY_CODES, type CaseProcedure, type CaseStateCode, type CategoryCode } from '@pipeline/contracts';
import type { DeadlineExtension } from './deadlines/deadline-calculator';
import type { CaseSnapshot, TransitionRecord } from './procedure/case-state-machine';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';

/** Case states of the administrative penalty procedure (domain.md §4). */
export const CASE_STATES = CASE_STATE_CODES;
export type CaseState = CaseStateCode;

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

  /** The procedure's state with what later steps depend on (officers, notice, decision…); null until the first step. */
  @Prop({ type: Object, default: null })
  snapshot: CaseSnapshot | null;

  /** Approved extensions of deadlines (with their approval records). */
  @Prop({ type: [Object], default: [] })
  extensions: DeadlineExtension[];

  /** Deadlines already reported as breached (`<key>@<dueAt>`), so each breach is announced once. */
  @Prop({ type: [String], default: [] })
  breachedDeadlines: string[];

  /** Every step: who, when, from, to, reason, officers and documents. */
  @Prop({ type: [Object], default: [] })
  history: TransitionRecord[];

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const CaseSchema = SchemaFactory.createForClass(EnforcementCase);
addOutbox(CaseSchema);
