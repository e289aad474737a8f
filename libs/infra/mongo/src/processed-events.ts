import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Interval } from '@nestjs/schedule';
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { ProcessedEventStore } from '@pipeline/kafka';
import { isDuplicateKeyError } from './errors';

/** Redeliveries come within minutes or hours; a month of markers is ample. */
export const PROCESSED_EVENT_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

interface ProcessedEventDoc {
  _id: string;
  consumer: string;
  eventId: string;
  topic: string;
  processedAt: Date;
}

const ProcessedEventSchema = new Schema<ProcessedEventDoc>(
  {
    _id: { type: String, required: true },
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    processedAt: { type: Date, required: true, index: true },
  },
  { collection: 'processed_events', versionKey: false },
);

/** Event ids a consumer group has finished, keyed `<group>:<eventId>` (unique by _id). */
@Injectable()
export class MongoProcessedEventStore implements ProcessedEventStore {
  private readonly model: Model<ProcessedEventDoc>;

  constructor(@InjectConnection() connection: Connection) {
    this.model = connection.models['ProcessedEvent'] ?? connection.model<ProcessedEventDoc>('ProcessedEvent', ProcessedEventSchema);
  }

  async filterProcessed(consumer: string, eventIds: string[]): Promise<Set<string>> {
    if (!eventIds.length) return new Set();
    // one lookup per id rather than one `$in`: FerretDB answers `$in` with a scan of the whole
    // collection, which grows with every event, while an `_id` equality is a key lookup on both stores
    const found = await Promise.all(eventIds.map((id) => this.model.exists({ _id: `${consumer}:${id}` })));
    return new Set(eventIds.filter((_, i) => found[i] !== null));
  }

  async markProcessed(consumer: string, eventId: string, topic: string): Promise<void> {
    try {
      await this.model.create({ _id: `${consumer}:${eventId}`, consumer, eventId, topic, processedAt: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** No TTL index on FerretDB, so old markers are pruned by the service itself. */
  async pruneOlderThan(date: Date): Promise<number> {
    const r = await this.model.deleteMany({ processedAt: { $lt: date } });
    return r.deletedCount;
  }

}

/**
 * Prunes the markers every few hours. A class of its own: the store is also
 * provided under PROCESSED_EVENT_STORE, and the scheduler would find (and
 * refuse) a job on it twice.
 */
@Injectable()
export class ProcessedEventPruning {
  private readonly logger = new Logger(ProcessedEventPruning.name);

  constructor(private readonly store: MongoProcessedEventStore) {}

  @Interval('processed-events-prune', PRUNE_EVERY_MS)
  prune(): void {
    const cutoff = new Date(Date.now() - PROCESSED_EVENT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
    this.store.pruneOlderThan(cutoff).catch((err) => this.logger.warn(`清理已处理事件记录失败：${err}`));
  }
}
