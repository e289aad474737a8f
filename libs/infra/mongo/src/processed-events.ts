import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { ProcessedEventStore } from '@pipeline/kafka';
import { isDuplicateKeyError } from './errors';

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
    const docs = await this.model.find({ _id: { $in: eventIds.map((id) => `${consumer}:${id}`) } }, { eventId: 1 }).lean();
    return new Set(docs.map((d) => d.eventId));
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
