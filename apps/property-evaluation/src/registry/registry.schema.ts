import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One edit of a registry entry: who, when, why, and each field's old and new value. */
export interface RegistryChange {
  revision: number;
  at: Date;
  by: string;
  reason: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}

/**
 * A community under evaluation. Seeded from the areas file and then edited
 * through the API (households change, a company is replaced); every edit
 * raises the revision and is kept in `changes`, and each result records the
 * households and company it was computed with.
 */
@Schema({ collection: 'communities', versionKey: false })
export class CommunityEntry {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  name: string;

  @Prop({ type: String, required: true })
  district: string;

  @Prop({ type: String, required: true })
  subdistrict: string;

  @Prop({ type: Number, required: true })
  households: number;

  @Prop({ type: Number, default: null })
  builtYear: number | null;

  @Prop({ type: String, required: true })
  propertyCompanyId: string;

  @Prop({ type: String, default: null })
  hotspotAreaId: string | null;

  /** On the focus list (重点攻坚) until it meets the exit rule. */
  @Prop({ type: Boolean, required: true })
  onFocusList: boolean;

  /** The period whose result took it off the focus list. */
  @Prop({ type: String, default: null })
  leftFocusListIn: string | null;

  @Prop({ type: Number, required: true })
  revision: number;

  @Prop({ type: [Object], default: [] })
  changes: RegistryChange[];

  /** Where the entry came from, e.g. `areas.geojson 2024.1`. */
  @Prop({ type: String, required: true })
  source: string;
}

@Schema({ collection: 'property_companies', versionKey: false })
export class PropertyCompanyEntry {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  name: string;

  @Prop({ type: Number, required: true })
  revision: number;

  @Prop({ type: [Object], default: [] })
  changes: RegistryChange[];

  @Prop({ type: String, required: true })
  source: string;
}

export const CommunityEntrySchema = SchemaFactory.createForClass(CommunityEntry);
export const PropertyCompanyEntrySchema = SchemaFactory.createForClass(PropertyCompanyEntry);
