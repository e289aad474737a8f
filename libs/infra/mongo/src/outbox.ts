import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Schema, type Model } from 'mongoose';
import { EventPublisher, describeError, type OutgoingEnvelope } from '@pipeline/kafka';
import { isDuplicateKeyError } from './errors';
import { KeyedMutex } from './keyed-mutex';

/**
 * Transactional outbox without multi-document transactions: the events a
 * change produces are written into the changed document itself, in the same
 * single-document write. The relay publishes them and then removes them, so
 * an accepted change is always followed by its events (at least once; the
 * event id lets consumers drop repeats).
 */
export interface OutboxEntry {
  eventId: string;
  topic: string;
  /** The envelope as JSON text: FerretDB refuses some keys, and it is never queried. */
  envelope: string;
  createdAt: Date;
}

export interface WithOutbox {
  outbox: OutboxEntry[];
  /** Counts entries ever added; the relay clears the outbox only if no entry came after those it sent. */
  outboxSeq: number;
  /** Absent (never null) when nothing is pending, so that `$min` can set it. */
  outboxPendingSince?: Date;
}

export const OutboxEntrySchema = new Schema<OutboxEntry>(
  {
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    envelope: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

/** Adds the outbox fields, and the index the relay scans, to an aggregate's schema. */
export function addOutbox(schema: Schema): void {
  schema.add({
    outbox: { type: [OutboxEntrySchema], default: [] },
    outboxSeq: { type: Number, default: 0 },
    outboxPendingSince: { type: Date },
  });
  schema.index({ outboxPendingSince: 1 });
}

function entries(events: OutgoingEnvelope[], now: Date): OutboxEntry[] {
  return events.map((e) => ({ eventId: e.envelope.eventId, topic: e.topic, envelope: JSON.stringify(e.envelope), createdAt: now }));
}

/** Fields for a new document whose creation emits `events`. */
export function outboxOnInsert(events: OutgoingEnvelope[], now = new Date()): WithOutbox {
  return { outbox: entries(events, now), outboxSeq: events.length, ...(events.length ? { outboxPendingSince: now } : {}) };
}

/** Update operators that append `events` to an existing document's outbox. */
export function outboxOnUpdate(events: OutgoingEnvelope[], now = new Date()) {
  return { $push: { outbox: { $each: entries(events, now) } }, $inc: { outboxSeq: events.length }, $min: { outboxPendingSince: now } };
}

interface OutboxDoc extends WithOutbox {
  _id: unknown;
}

/**
 * Publishes pending outbox entries of the registered models: right after a
 * write (nudge) and on a short poll for anything left by a crash or an
 * outage. While the broker is down it backs off and keeps everything.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: Model<OutboxDoc>[] = [];
  readonly locks = new KeyedMutex();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private pendingCount = 0;
  readonly pollMs = 500;
  readonly batchSize = 200;

  constructor(private readonly publisher: EventPublisher) {}

  register(model: Model<never>): void {
    this.models.push(model as unknown as Model<OutboxDoc>);
  }

  /**
   * Inserts a document together with the events its creation causes. False
   * when a document with that _id exists already: nothing is written, and the
   * first write's events are (or were) relayed, so a repeat adds no event.
   */
  async insertOnce(model: Model<never>, doc: object, events: OutgoingEnvelope[]): Promise<boolean> {
    try {
      await (model as unknown as Model<object>).create({ ...doc, ...outboxOnInsert(events) });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    this.nudge();
    return true;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // let a relay pass in progress finish, so nothing it published stays pending
    await this.running?.catch(() => undefined);
  }

  /**
   * Changes one aggregate with the events the change causes, in one write.
   * `decide` sees the current document (outbox fields included) and returns
   * the fields to set, or null to leave it as it is. Runs under the
   * document's lock, so the relay or another writer in this process cannot
   * interleave (FerretDB updates are unlocked read-modify-write; ADR 0006).
   * Null when no document has that id.
   */
  async updateOne<T extends { _id: unknown }>(
    model: Model<never>,
    id: string,
    decide: (current: T) => { set: Record<string, unknown>; events?: OutgoingEnvelope[] } | null,
  ): Promise<{ before: T; after: T; changed: boolean } | null> {
    const m = model as unknown as Model<T>;
    return this.locks.run(id, async () => {
      const current = await m.findById(id).lean<T>();
      if (!current) return null;
      const change = decide(current);
      if (!change) return { before: current, after: current, changed: false };
      const events = change.events ?? [];
      await m.updateOne({ _id: id } as never, { $set: change.set, ...(events.length ? outboxOnUpdate(events) : {}) } as never);
      if (events.length) this.nudge();
      return { before: current, after: { ...current, ...change.set } as T, changed: true };
    });
  }

  /** Ask for a relay pass now (after a write that added outbox entries). */
  nudge(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Entries seen pending in the last pass (for health and metrics). */
  get backlog(): number {
    return this.pendingCount;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), ms);
    this.timer.unref(); // never the reason a process stays alive
  }

  private async pass(): Promise<void> {
    if (this.running || this.stopped) return;
    this.timer = null;
    this.running = this.relayAll();
    let delay = this.pollMs;
    try {
      const full = await this.running;
      this.failures = 0;
      if (full || this.again) delay = 0;
    } catch (err) {
      this.failures++;
      delay = Math.min(5_000, 250 * 2 ** Math.min(this.failures, 5));
      if (this.failures === 1 || this.failures % 20 === 0) this.logger.warn(`发件箱投递暂停，将重试：${describeError(err)}`);
    } finally {
      this.running = null;
      this.again = false;
    }
    this.schedule(delay);
  }

  /** One pass over every model; true when a model had a full batch (more may wait). */
  async relayAll(): Promise<boolean> {
    let full = false;
    let pending = 0;
    for (const model of this.models) {
      const n = await this.relayModel(model);
      pending += n;
      if (n >= this.batchSize) full = true;
    }
    this.pendingCount = pending;
    return full;
  }

  private async relayModel(model: Model<OutboxDoc>): Promise<number> {
    const docs = await model
      .find({ outboxPendingSince: { $lte: new Date() } }, { outbox: 1, outboxSeq: 1, outboxPendingSince: 1 })
      .sort({ outboxPendingSince: 1 })
      .limit(this.batchSize)
      .lean<OutboxDoc[]>();
    const withEntries = docs.filter((d) => d.outbox?.length);
    if (withEntries.length) {
      const items = withEntries.flatMap((d) => d.outbox.map((e) => ({ topic: e.topic, envelope: JSON.parse(e.envelope) })));
      await this.publisher.send(items);
    }
    // Clear only if nothing was appended since the read (outboxSeq unchanged); otherwise the
    // next pass sends the whole outbox again and consumers drop the repeats by event id.
    // (A conditional $pull would be neater, but FerretDB 1.24 ignores $pull conditions.)
    for (const doc of docs) {
      await this.locks.run(String(doc._id), () =>
        model.updateOne({ _id: doc._id, outboxSeq: doc.outboxSeq }, { $set: { outbox: [] }, $unset: { outboxPendingSince: 1 } }),
      );
    }
    return docs.length;
  }
}
