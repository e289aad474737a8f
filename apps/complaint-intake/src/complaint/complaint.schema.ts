import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import {
  CATEGORY_CODES, CHANNELS, CLOSURE_KINDS, COMPLAINT_OUTCOMES, SATISFACTION_LEVELS,
  type CategoryCode, type Channel, type ClosureKind, type ComplaintOutcome, type ResponsibleBody, type Satisfaction,
} from '@pipeline/contracts';
import { addOutbox, type WithOutbox } from '@pipeline/mongo';
import { RETENTION_INDEX } from '../retention/retention-index';
import { COMPLAINT_STATUSES, type ComplaintStatus } from './complaint-status.rules';

@Schema({ _id: false, versionKey: false })
export class StoredLocation {
  @Prop({ required: true }) lat: number;
  @Prop({ required: true }) lng: number;
}

@Schema({ _id: false, versionKey: false })
export class StoredAttachment {
  @Prop({ required: true }) url: string;
  @Prop({ required: true }) contentType: string;
}

/** The caller's identity, encrypted; `ref` is the keyed hash used to find their other complaints. */
@Schema({ _id: false, versionKey: false })
export class StoredCaller {
  @Prop({ type: String, default: null, index: true }) ref: string | null;
  @Prop({ type: String, default: null }) nameCipher: string | null;
  @Prop({ type: String, default: null }) phoneCipher: string | null;
  @Prop({ type: Boolean, required: true }) anonymous: boolean;
  /** Set when the retention job erased the identity (domain.md §7); ref and ciphers are null from then on. */
  @Prop({ type: Date }) anonymisedAt?: Date;
}

/** What classification said (projected from complaints.classified.v1). */
@Schema({ _id: false, versionKey: false })
export class ClassificationFacts {
  @Prop({ type: String, required: true, enum: CATEGORY_CODES }) category: CategoryCode;
  @Prop({ type: Boolean, required: true }) enforceable: boolean;
  @Prop({ type: Boolean, required: true }) urgent: boolean;
  @Prop({ type: String, default: null }) hotspotAreaId: string | null;
  @Prop({ type: String, default: null }) communityId: string | null;
  @Prop({ type: String, default: null }) district: string | null;
  @Prop({ type: String, default: null }) repeatOf: string | null;
  @Prop({ type: String, required: true }) responsibleBody: ResponsibleBody;
  @Prop({ type: Boolean, required: true }) needsReview: boolean;
  /** Set when a clerk corrected the classifier: a person's judgement is never overwritten by the model's. */
  @Prop({ type: String, default: null }) correctedBy: string | null;
  @Prop({ required: true }) at: Date;
}

/** What the case service decided (complaints.outcome-decided.v1) and where its case stands. */
@Schema({ _id: false, versionKey: false })
export class OutcomeFacts {
  @Prop({ type: String, required: true, enum: COMPLAINT_OUTCOMES }) outcome: ComplaintOutcome;
  @Prop({ type: String, required: true }) reason: string;
  @Prop({ type: String, default: null }) caseId: string | null;
  @Prop({ required: true }) at: Date;
}

/** The latest state of the complaint's case (cases.state-changed.v1), whatever order events came in. */
@Schema({ _id: false, versionKey: false })
export class CaseProgressFacts {
  @Prop({ type: String, required: true }) caseId: string;
  @Prop({ type: String, required: true }) state: string;
  @Prop({ required: true }) at: Date;
}

@Schema({ _id: false, versionKey: false })
export class ClosureFacts {
  @Prop({ type: String, required: true, enum: CLOSURE_KINDS }) kind: ClosureKind;
  @Prop({ type: String, required: true }) resolution: string;
  @Prop({ required: true }) at: Date;
}

@Schema({ _id: false, versionKey: false })
export class CallbackFacts {
  @Prop({ type: Boolean, required: true }) resolved: boolean;
  @Prop({ type: String, required: true, enum: SATISFACTION_LEVELS }) satisfaction: Satisfaction;
  @Prop({ type: String, default: null }) notes: string | null;
  @Prop({ required: true }) at: Date;
}

/**
 * A complaint: what intake accepted (never changed afterwards) plus the
 * facts other services reported about it, projected here so an operator
 * finds and answers it in one read. The full history is the timeline.
 */
@Schema({ collection: 'complaints', versionKey: false })
export class Complaint implements WithOutbox {
  /** UUIDv7: unique and ordered by acceptance time, so it doubles as the list cursor. */
  @Prop({ type: String, required: true })
  _id: string;

  /**
   * Unique: `<channel>:<externalRef>` when a work-order number is given, else
   * the id. A unique index on (channel, externalRef) would collide on the many
   * complaints without a number in MongoDB, and FerretDB has no partial indexes.
   */
  @Prop({ type: String, required: true, unique: true })
  dedupeKey: string;

  @Prop({ type: String, required: true, enum: CHANNELS, index: true })
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

  /** The Open311 service code a civic app chose, kept as a hint beside the classifier's verdict. */
  @Prop({ type: String, default: null })
  requestedCategory: string | null;

  @Prop({ type: [StoredAttachment], default: [] })
  attachments: StoredAttachment[];

  @Prop({ type: StoredCaller, default: null })
  caller: StoredCaller | null;

  @Prop({ type: String, required: true, enum: COMPLAINT_STATUSES, index: true })
  status: ComplaintStatus;

  @Prop({ type: ClassificationFacts, default: null })
  classification: ClassificationFacts | null;

  @Prop({ type: OutcomeFacts, default: null })
  outcome: OutcomeFacts | null;

  @Prop({ type: CaseProgressFacts, default: null })
  caseProgress: CaseProgressFacts | null;

  @Prop({ type: ClosureFacts, default: null })
  closure: ClosureFacts | null;

  @Prop({ type: CallbackFacts, default: null })
  lastCallback: CallbackFacts | null;

  @Prop({ required: true })
  correlationId: string;

  @Prop({ required: true })
  updatedAt: Date;

  outbox: WithOutbox['outbox'];
  outboxSeq: number;
  outboxPendingSince?: Date;
}

export const ComplaintSchema = SchemaFactory.createForClass(Complaint);
ComplaintSchema.index({ 'classification.category': 1, _id: -1 });
ComplaintSchema.index({ 'classification.hotspotAreaId': 1, _id: -1 });
ComplaintSchema.index({ 'classification.communityId': 1, _id: -1 });
// named as migration 0002 builds it, so mongoose's copy is the same index
ComplaintSchema.index(RETENTION_INDEX.keys, { name: RETENTION_INDEX.name });
addOutbox(ComplaintSchema);
