import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Interval } from '@nestjs/schedule';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { IdempotencyKey } from './idempotency.schema';

/** Keys protect against double submits and client retries; a day covers both. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

@Injectable()
export class IdempotencyRepository {
  private readonly logger = new Logger(IdempotencyRepository.name);

  constructor(@InjectModel(IdempotencyKey.name) private readonly model: Model<IdempotencyKey>) {}

  /**
   * Claims a key for a complaint id. The first claim wins; a later one gets
   * the winner's record back, so both requests answer with one complaint.
   */
  async claim(key: string, requestHash: string, complaintId: string): Promise<IdempotencyKey> {
    try {
      const created = await this.model.create({ _id: key, requestHash, complaintId, createdAt: new Date() });
      return created.toObject();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const existing = await this.model.findById(key).lean<IdempotencyKey>();
      if (!existing) throw err;
      return existing;
    }
  }

  /** No TTL index on FerretDB: expired keys are removed by the service, hourly. */
  @Interval('idempotency-key-expiry', 3600_000)
  removeExpired(): void {
    const cutoff = new Date(Date.now() - IDEMPOTENCY_KEY_TTL_HOURS * 3600_000);
    this.model.deleteMany({ createdAt: { $lt: cutoff } }).catch((err) => this.logger.warn(`清理幂等键失败：${err}`));
  }
}
