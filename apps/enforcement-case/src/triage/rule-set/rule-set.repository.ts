import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import type { RuleSet } from './rule-set.rules';
import { ConversionSettings, StoredRuleSet } from './rule-set.schema';

const ACTIVE = 'active-rule-set';

export interface RuleSetVersionRecord {
  version: number;
  ruleSet: RuleSet;
  createdBy: string;
  createdAt: Date;
}

@Injectable()
export class RuleSetRepository {
  constructor(
    @InjectModel(StoredRuleSet.name) private readonly versions: Model<StoredRuleSet>,
    @InjectModel(ConversionSettings.name) private readonly settings: Model<ConversionSettings>,
  ) {}

  /** False when that version exists already (two administrators saving at once: one wins). */
  async add(ruleSet: RuleSet, createdBy: string): Promise<boolean> {
    try {
      await this.versions.create({ _id: ruleSet.version, ruleSet, createdBy, createdAt: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async get(version: number): Promise<RuleSetVersionRecord | null> {
    const doc = await this.versions.findById(version).lean<StoredRuleSet>();
    return doc && { version: doc._id, ruleSet: doc.ruleSet as unknown as RuleSet, createdBy: doc.createdBy, createdAt: doc.createdAt };
  }

  async list(): Promise<{ version: number; description: string; createdBy: string; createdAt: Date }[]> {
    const docs = await this.versions.find({}).sort({ _id: -1 }).lean<StoredRuleSet[]>();
    return docs.map((d) => ({ version: d._id, description: String(d.ruleSet.description ?? ''), createdBy: d.createdBy, createdAt: d.createdAt }));
  }

  async latestVersion(): Promise<number> {
    const [doc] = await this.versions.find({}, { _id: 1 }).sort({ _id: -1 }).limit(1).lean<{ _id: number }[]>();
    return doc?._id ?? 0;
  }

  async activeVersion(): Promise<number | null> {
    return (await this.settings.findById(ACTIVE).lean<ConversionSettings>())?.activeVersion ?? null;
  }

  async activate(version: number, by: string): Promise<void> {
    await this.settings.updateOne({ _id: ACTIVE }, { $set: { activeVersion: version, activatedBy: by, activatedAt: new Date() } }, { upsert: true });
  }
}
