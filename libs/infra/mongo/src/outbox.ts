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
  /** W3C trace context of the request or handler that created the event (absent when tracing is off). */
  traceparent?: string;
  tracestate?: string;
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
    traceparent: { type: String },
    tracestate: { type: String },
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

function entriesOf(events: OutgoingEnvelope[], now: Date): OutboxEntry[] {
  return events.map((e) => ({ eventId: e.envelope.eventId, topic: e.topic, envelope: JSON.stringify(e.envelope), createdAt: now, ...e.trace }));
}

/** An entry back as the event to publish, with the trace context it was created in. */
export function outgoingOf(entry: OutboxEntry): OutgoingEnvelope {
  const out: OutgoingEnvelope = { topic: entry.topic, envelope: JSON.parse(entry.envelope) };
  if (entry.traceparent) out.trace = { traceparent: entry.traceparent, ...(entry.tracestate ? { tracestate: entry.tracestate } : {}) };
  return out;
}

/** Fields for a new document whose creation emits `events`. */
export function outboxOnInsert(events: OutgoingEnvelope[], now = new Date()): WithOutbox {
  return { outbox: entriesOf(events, now), outboxSeq: events.length, ...(events.length ? { outboxPendingSince: now } : {}) };
}

/** Update operators that append `events` to an existing document's outbox. */
export function outboxOnUpdate(events: OutgoingEnvelope[], now = new Date()) {
  return { $push: { outbox: { $each: entriesOf(events, now) } }, $inc: { outboxSeq: events.length }, $min: { outboxPendingSince: now } };
}

interface OutboxDoc extends WithOutbox {
  _id: unknown;
}

/** Entries written by this process, to publish from memory and then clear by `_id`. */
interface ReadyEntries {
  model: Model<OutboxDoc>;
  id: unknown;
  /** The document's outboxSeq right after the write: clearing is conditional on it. */
  seq: number;
  entries: OutboxEntry[];
}

/**
 * Publishes outbox entries. Right after a write the relay already holds the
 * entries in memory: it publishes them in batches and clears each outbox by
 * `_id`, without a query on the outbox index (FerretDB answers such a query
 * with a whole-collection scan, ADR 0003). A slower sweep over the index
 * catches whatever a crash, an outage or a failed send left behind. While the
 * broker is down it backs off and keeps everything in the store.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: Model<OutboxDoc>[] = [];
  readonly locks = new KeyedMutex();
  private ready: ReadyEntries[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private sweepDue = true;
  private lastSweep = 0;
  private stopped = false;
  private failures = 0;
  private sweptPending = 0;
  /** A safety net only: a sweep also runs at start-up, after a failure and on nudge(). */
  readonly sweepMs = 30_000;
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
  async insertOnce(model: Model<never>, doc: object & { _id?: unknown }, events: OutgoingEnvelope[]): Promise<boolean> {
    const fields = outboxOnInsert(events);
    try {
      await (model as unknown as Model<object>).create({ ...doc, ...fields });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    if (events.length) this.publishSoon({ model: model as unknown as Model<OutboxDoc>, id: doc._id, seq: fields.outboxSeq, entries: fields.outbox });
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
      const current = await m.findById(id).lean<T & Partial<WithOutbox>>();
      if (!current) return null;
      const change = decide(current);
      if (!change) return { before: current, after: current, changed: false };
      const events = change.events ?? [];
      const now = new Date();
      await m.updateOne({ _id: id } as never, { $set: change.set, ...(events.length ? outboxOnUpdate(events, now) : {}) } as never);
      if (events.length) {
        // Entries pending from before are either queued ahead of these or, after a failure, left to the
        // sweep, which always runs before queued entries are sent: so clearing on this seq loses none.
        this.publishSoon({ model: model as unknown as Model<OutboxDoc>, id, seq: (current.outboxSeq ?? 0) + events.length, entries: entriesOf(events, now) });
      }
      return { before: current, after: { ...current, ...change.set } as T, changed: true };
    });
  }

  /** Ask for a sweep now (after a write that added outbox entries without this relay). */
  nudge(): void {
    this.sweepDue = true;
    if (!this.running) this.schedule(0);
  }

  /** Documents with entries waiting to be published, as far as this process knows (for health and metrics). */
  get backlog(): number {
    return this.ready.length + this.sweptPending;
  }

  private publishSoon(ready: ReadyEntries): void {
    this.ready.push(ready);
    if (!this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), ms);
    this.timer.unref(); // never the reason a process stays alive
  }

  /** One step: a sweep when due, else what is in memory; then schedule the next. */
  private async pass(): Promise<void> {
    if (this.running || this.stopped) return;
    this.timer = null;
    let delay = this.sweepMs;
    const work = async () => {
      if (this.sweepDue || Date.now() - this.lastSweep >= this.sweepMs) {
        this.sweepDue = false;
        this.lastSweep = Date.now();
        // everything queued is in the store too, and a sweep publishes it oldest first
        this.ready = [];
        const full = await this.sweep();
        if (full) this.sweepDue = true;
        return full;
      }
      if (this.ready.length) return this.publishReady();
      return false;
    };
    this.running = work().then(
      (more) => {
        this.failures = 0;
        delay = more || this.ready.length || this.sweepDue ? 0 : Math.max(0, this.lastSweep + this.sweepMs - Date.now());
      },
      (err: unknown) => {
        this.failures++;
        // a failed send leaves the entries in the store: the next sweep publishes them
        this.sweepDue = true;
        this.sweptPending = Math.max(this.sweptPending, 1);
        delay = Math.min(5_000, 250 * 2 ** Math.min(this.failures, 5));
        if (this.failures === 1 || this.failures % 20 === 0) this.logger.warn(`发件箱投递暂停，将重试：${describeError(err)}`);
      },
    );
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    this.schedule(delay);
  }

  /** Publishes up to a batch of in-memory entries in one send, then clears each outbox by `_id`. */
  private async publishReady(): Promise<boolean> {
    const batch = this.ready.splice(0, this.batchSize);
    try {
      await this.publisher.send(batch.flatMap((r) => r.entries.map(outgoingOf)));
    } catch (err) {
      this.ready = [];
      throw err;
    }
    await Promise.all(batch.map((r) => this.clear(r.model, r.id, r.seq)));
    return this.ready.length > 0;
  }

  /** One sweep over every model's pending index; true when a model had a full batch (more may wait). */
  async sweep(): Promise<boolean> {
    let full = false;
    let pending = 0;
    for (const model of this.models) {
      const n = await this.sweepModel(model);
      pending += n;
      if (n >= this.batchSize) full = true;
    }
    // a sweep that was not full published and cleared all it found
    this.sweptPending = full ? pending : 0;
    return full;
  }

  private async sweepModel(model: Model<OutboxDoc>): Promise<number> {
    const docs = await model
      .find({ outboxPendingSince: { $lte: new Date() } }, { outbox: 1, outboxSeq: 1, outboxPendingSince: 1 })
      .sort({ outboxPendingSince: 1 })
      .limit(this.batchSize)
      .lean<OutboxDoc[]>();
    const withEntries = docs.filter((d) => d.outbox?.length);
    if (withEntries.length) {
      const items = withEntries.flatMap((d) => d.outbox.map(outgoingOf));
      await this.publisher.send(items);
    }
    for (const doc of docs) await this.clear(model, doc._id, doc.outboxSeq);
    return docs.length;
  }

  /**
   * Clears an outbox only if nothing was appended since the entries sent were
   * read (outboxSeq unchanged); otherwise the next pass sends the whole outbox
   * again and consumers drop the repeats by event id. (A conditional $pull
   * would be neater, but FerretDB 1.24 ignores $pull conditions.)
   */
  private clear(model: Model<OutboxDoc>, id: unknown, seq: number) {
    return this.locks.run(String(id), () => model.updateOne({ _id: id, outboxSeq: seq }, { $set: { outbox: [] }, $unset: { outboxPendingSince: 1 } }));
  }
}
