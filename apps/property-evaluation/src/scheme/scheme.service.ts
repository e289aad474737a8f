import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DomainError } from '@pipeline/contracts';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { DEFAULT_SCHEME } from './default-scheme';
import type { EvaluationScheme } from './scheme';
import type { SchemeDto } from './scheme.dto';
import { StoredScheme } from './scheme.schema';
import { checkScheme } from './scheme-validation.rules';

export interface SchemeVersion {
  version: number;
  scheme: EvaluationScheme;
  createdBy: string;
  createdAt: Date;
}

/** The evaluation schemes the authority administers; a new period is opened under the latest one. */
@Injectable()
export class SchemeService implements OnApplicationBootstrap {
  /** Versions never change once saved, so they are cached for good. */
  private readonly cache = new Map<number, SchemeVersion>();

  constructor(@InjectModel(StoredScheme.name) private readonly model: Model<StoredScheme>) {}

  /** A new store starts with the proposed defaults as version 1. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.model.exists({})) return;
    await this.insert(DEFAULT_SCHEME, 'system').catch((err) => {
      if (!(err instanceof DomainError)) throw err; // another instance saved version 1 first
    });
  }

  async list(): Promise<Array<{ version: number; name: string; createdBy: string; createdAt: Date }>> {
    const docs = await this.model.find({}, { 'scheme.name': 1, createdBy: 1, createdAt: 1 }).sort({ _id: -1 }).lean<StoredScheme[]>();
    return docs.map((d) => ({ version: d._id, name: d.scheme.name, createdBy: d.createdBy, createdAt: d.createdAt }));
  }

  async latest(): Promise<SchemeVersion> {
    const doc = await this.model.findOne().sort({ _id: -1 }).lean<StoredScheme>();
    if (!doc) throw new DomainError('unavailable', 'SCHEME_MISSING', '评价方案尚未载入，请稍后重试');
    return this.remember(doc);
  }

  async get(version: number): Promise<SchemeVersion> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const doc = await this.model.findById(version).lean<StoredScheme>();
    if (!doc) throw DomainError.notFound('SCHEME_NOT_FOUND', `评价方案第 ${version} 版不存在`);
    return this.remember(doc);
  }

  /** Saves the body as the next version, after the checks class-validator cannot make. */
  async create(dto: SchemeDto, by: string): Promise<SchemeVersion> {
    const errors = checkScheme(dto);
    if (errors.length) throw DomainError.invalid('SCHEME_INVALID', '评价方案有误', errors);
    const latest = await this.model.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean<{ _id: number }>();
    return this.insert({ ...(dto as Omit<EvaluationScheme, 'version'>), version: (latest?._id ?? 0) + 1 }, by);
  }

  private async insert(scheme: EvaluationScheme, by: string): Promise<SchemeVersion> {
    const doc: StoredScheme = { _id: scheme.version, scheme, createdBy: by, createdAt: new Date() };
    try {
      await this.model.create(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw DomainError.conflict('SCHEME_VERSION_TAKEN', `评价方案第 ${scheme.version} 版已被他人同时保存，请重试`);
      throw err;
    }
    return this.remember(doc);
  }

  private remember(doc: StoredScheme): SchemeVersion {
    const v = { version: doc._id, scheme: doc.scheme, createdBy: doc.createdBy, createdAt: doc.createdAt };
    this.cache.set(v.version, v);
    return v;
  }
}
