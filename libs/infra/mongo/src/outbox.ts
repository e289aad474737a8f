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

/** A document as repositories see it: everything but the outbox fields. */
export type WithoutOutbox<T> = Omit<T, keyof WithOutbox>;

/** What `decide` returns for a change: the fields to set and the events the change causes. */
export interface OutboxChange<T> {
  set: Partial<WithoutOutbox<T>>;
  events?: OutgoingEnvelope[];
}

type Decide<T> = (current: WithoutOutbox<T>) => OutboxChange<T> | null;

interface Updated<T> {
  before: WithoutOutbox<T>;
  after: WithoutOutbox<T>;
  changed: boolean;
}

/** One model's writes through the relay, typed by its documents (OutboxRelay.for). */
export interface OutboxModel<T extends { _id: unknown }> {
  /**
   * Inserts a document together with the events its creation causes. False
   * when a document with that _id exists already: nothing is written, and the
   * first write's events are (or were) relayed, so a repeat adds no event.
   */
  insertOnce(doc: WithoutOutbox<T>, events: OutgoingEnvelope[]): Promise<boolean>;
  /**
   * Changes one document with the events the change causes, in one write,
   * under the document's lock. `decide` sees the current document (at run
   * time with its outbox fields) and returns the fields to set, or null to
   * leave it as it is. Null when no document has that id.
   */
  updateOne(id: string, decide: Decide<T>): Promise<Updated<T> | null>;
}

function refuseEventsWithoutOutbox(model: Model<OutboxDoc>, withOutbox: boolean, events: OutgoingEnvelope[]): void {
  // the store would drop the entries silently (the schema has no such path): fail loudly instead
  if (events.length && !withOutbox) throw new Error(`model ${model.modelName} has no outbox (addOutbox): its writes cannot carry events`);
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
  private readonly handles = new Map<Model<OutboxDoc>, OutboxModel<OutboxDoc>>();
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

  /**
   * The typed handle through which a repository writes one model's documents
   * (one per model; asking again returns the same). A model whose schema has
   * the outbox (addOutbox) is swept; one without takes only the per-document
   * lock, and a change of it that carries events is refused.
   */
  for<T extends { _id: unknown }>(model: Model<T>): OutboxModel<T> {
    // the relay itself reads and writes only `_id` and the fields addOutbox put on the schema
    const m = model as unknown as Model<OutboxDoc>;
    let handle = this.handles.get(m);
    if (!handle) {
      const withOutbox = m.schema.path('outboxSeq') !== undefined;
      if (withOutbox) this.models.push(m);
      handle = {
        insertOnce: (doc, events) => this.insertOnce(m, withOutbox, doc, events),
        updateOne: (id, decide) => this.updateOne(m, withOutbox, id, decide as Decide<OutboxDoc>),
      } satisfies OutboxModel<OutboxDoc>;
      this.handles.set(m, handle);
    }
    return handle as unknown as OutboxModel<T>;
  }

  /** OutboxModel.insertOnce. */
  private async insertOnce(model: Model<OutboxDoc>, withOutbox: boolean, doc: { _id?: unknown }, events: OutgoingEnvelope[]): Promise<boolean> {
    refuseEventsWithoutOutbox(model, withOutbox, events);
    const fields = withOutbox ? outboxOnInsert(events) : null;
    try {
      await model.create({ ...doc, ...fields });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    if (fields && events.length) this.publishSoon({ model, id: doc._id, seq: fields.outboxSeq, entries: fields.outbox });
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
   * OutboxModel.updateOne. The document's lock keeps the relay and every other
   * writer in this process from interleaving (FerretDB updates are unlocked
   * read-modify-write; ADR 0006).
   */
  private async updateOne(model: Model<OutboxDoc>, withOutbox: boolean, id: string, decide: Decide<OutboxDoc>): Promise<Updated<OutboxDoc> | null> {
    return this.locks.run(id, async () => {
      const current = await model.findById(id).lean<OutboxDoc>();
      if (!current) return null;
      const change = decide(current);
      if (!change) return { before: current, after: current, changed: false };
      const events = change.events ?? [];
      refuseEventsWithoutOutbox(model, withOutbox, events);
      const now = new Date();
      await model.updateOne({ _id: id }, { $set: change.set, ...(events.length ? outboxOnUpdate(events, now) : {}) });
      if (events.length) {
        // Entries pending from before are either queued ahead of these or, after a failure, left to the
        // sweep, which always runs before queued entries are sent: so clearing on this seq loses none.
        this.publishSoon({ model, id, seq: (current.outboxSeq ?? 0) + events.length, entries: entriesOf(events, now) });
      }
      return { before: current, after: { ...current, ...change.set }, changed: true };
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
