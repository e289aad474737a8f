import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CATEGORY_CODES, CHANNELS, type CategoryCode, type Channel } from '@pipeline/contracts';

@Schema({ _id: false, versionKey: false })
export class StoredPoint {
  @Prop({ required: true }) lat: number;
  @Prop({ required: true }) lng: number;
}

/**
 * One classified complaint as the repeat linker compares it: what, when and
 * where, with the first report of its incident. Shared by every instance of
 * the service, so a repeat is found whichever instance classified the first
 * report. Inserted once per complaint; only a clerk's correction changes it
 * (category, place, link), so later links use the corrected facts. Also the
 * only place the service keeps a complaint's text: the corrections export
 * and the review queue read it here.
 */
@Schema({ collection: 'repeat_candidates', versionKey: false })
export class StoredRepeatCandidate {
  /** The complaint id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel: Channel;

  @Prop({ required: true })
  text: string;

  @Prop({ type: String, default: null })
  address: string | null;

  @Prop({ type: StoredPoint, default: null })
  location: StoredPoint | null;

  @Prop({ type: String, required: true, enum: CATEGORY_CODES })
  category: CategoryCode;

  @Prop({ required: true })
  reportedAt: Date;

  @Prop({ type: String, default: null })
  hotspotAreaId: string | null;

  @Prop({ type: String, default: null })
  communityId: string | null;

  /** Roads and landmarks named in the address and text (the linker's place tokens), for the block query. */
  @Prop({ type: [String], default: [] })
  placeTokens: string[];

  /** The first report of the incident this complaint reports again (the root of the chain), or null. */
  @Prop({ type: String, default: null })
  repeatOf: string | null;

  /** Why the linker linked it, as shown to the clerk; empty when not linked. */
  @Prop({ type: [String], default: [] })
  repeatReasons: string[];

  @Prop({ required: true })
  storedAt: Date;

  /** When a clerk last corrected its category, place or link. */
  @Prop()
  correctedAt?: Date;
}

export const StoredRepeatCandidateSchema = SchemaFactory.createForClass(StoredRepeatCandidate);
// One index per way the block query reaches a candidate (see repeat-block.rules.ts):
// the category and window, then the same community, area, place name or coordinates.
StoredRepeatCandidateSchema.index({ category: 1, reportedAt: -1 });
StoredRepeatCandidateSchema.index({ reportedAt: -1 });
StoredRepeatCandidateSchema.index({ communityId: 1, reportedAt: -1 });
StoredRepeatCandidateSchema.index({ hotspotAreaId: 1, reportedAt: -1 });
StoredRepeatCandidateSchema.index({ placeTokens: 1, reportedAt: -1 });
StoredRepeatCandidateSchema.index({ 'location.lat': 1, 'location.lng': 1 });
