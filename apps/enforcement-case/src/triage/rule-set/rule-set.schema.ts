import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One version of the conversion rules. Versions are never changed, only added. */
@Schema({ collection: 'rule_sets', versionKey: false })
export class StoredRuleSet {
  @Prop({ type: Number, required: true })
  _id: number;

  @Prop({ type: Object, required: true })
  ruleSet: Record<string, unknown>;

  @Prop({ type: String, required: true })
  createdBy: string;

  @Prop({ required: true })
  createdAt: Date;
}

/** Which version decides: one document, so switching versions is one atomic write. */
@Schema({ collection: 'conversion_settings', versionKey: false })
export class ConversionSettings {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: Number, required: true })
  activeVersion: number;

  @Prop({ type: String, required: true })
  activatedBy: string;

  @Prop({ required: true })
  activatedAt: Date;
}

export const StoredRuleSetSchema = SchemaFactory.createForClass(StoredRuleSet);
export const ConversionSettingsSchema = SchemaFactory.createForClass(ConversionSettings);
