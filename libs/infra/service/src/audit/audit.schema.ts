import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One change a person made through the API: who, what, when, with what
 * input, the documents it touched as they were before, and what the service
 * answered (the state after). Written once by
 * the audit interceptor and never changed: no API updates or deletes it.
 */
@Schema({ collection: 'audit_log', versionKey: false })
export class AuditEntry {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: Date, required: true })
  at: Date;

  @Prop({ type: String, required: true })
  service: string;

  @Prop({ type: Object, required: true })
  actor: { sub: string; name: string; roles: string[] };

  /** Method and route, e.g. `POST /api/v1/cases/:id/transitions`. */
  @Prop({ type: String, required: true })
  action: string;

  /** The path as called, e.g. `/api/v1/cases/CASE-1/transitions`. */
  @Prop({ type: String, required: true })
  path: string;

  @Prop({ type: Object, default: {} })
  params: Record<string, unknown>;

  /** The request body with personal data and secrets left out. */
  @Prop({ type: Object, default: null })
  input: unknown;

  @Prop({ type: Number, required: true })
  status: number;

  /**
   * Each document the change touched, as it was before (null: created by it),
   * with personal data and secrets left out; at most 20.
   */
  @Prop({ type: [Object], default: [] })
  before: { collection: string; id: unknown; before: unknown }[];

  /** What the service answered: the resource after the change, or the error. */
  @Prop({ type: Object, default: null })
  after: unknown;

  @Prop({ type: String, default: null })
  correlationId: string | null;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ at: -1 });
AuditEntrySchema.index({ 'actor.sub': 1, at: -1 });
