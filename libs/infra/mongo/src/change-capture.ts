import { AsyncLocalStorage } from 'node:async_hooks';
import type { Document, MongooseQueryMiddleware, Query, Schema } from 'mongoose';

/** A document as it was before a change; `before` is null for a document the change created. */
export interface PriorState {
  collection: string;
  id: unknown;
  before: unknown;
}

/** Pre-images are bounded: a change touching more documents keeps the first ones and says so. */
const MAX_STATES = 20;
/** The outbox is how events leave, not part of what a person changed. */
const OMITTED = ['outbox', 'outboxSeq', 'outboxPendingSince'];
const NOT_CAPTURED = new Set(['audit_log']);

const QUERY_CHANGES: MongooseQueryMiddleware[] = ['findOneAndUpdate', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'];

/** The documents one person's change is touching, collected while it runs. */
export class ChangeCapture {
  private readonly states: PriorState[] = [];
  private readonly seen = new Set<string>();
  private closed = false;
  truncated = false;

  private static readonly storage = new AsyncLocalStorage<ChangeCapture>();

  /** The capture of the change running now, if any (none for event handlers and timers). */
  static current(): ChangeCapture | undefined {
    const capture = ChangeCapture.storage.getStore();
    return capture && !capture.closed ? capture : undefined;
  }

  /** Runs `work` so that every write it makes through mongoose records the document's prior state here. */
  run<T>(work: () => T): T {
    return ChangeCapture.storage.run(this, work);
  }

  /** The prior states, each document once (its state before the first write); later writes are not added. */
  close(): PriorState[] {
    this.closed = true;
    return this.states;
  }

  add(collection: string, id: unknown, before: unknown): void {
    if (this.closed || NOT_CAPTURED.has(collection)) return;
    const key = `${collection}/${JSON.stringify(id)}`;
    if (this.seen.has(key)) return;
    if (this.states.length >= MAX_STATES) {
      this.truncated = true;
      return;
    }
    this.seen.add(key);
    this.states.push({ collection, id, before: before === null ? null : withoutOutbox(before as Record<string, unknown>) });
  }
}

function withoutOutbox(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const key of OMITTED) delete copy[key];
  return copy;
}

/**
 * A mongoose plugin: while a ChangeCapture is running, each write records the
 * state of the documents it is about to change (one extra read, made only for
 * a person's changes, never in the event pipeline). The audit log keeps these
 * as the "before" of the change.
 */
export function captureBeforeImages(schema: Schema): void {
  const marked = schema as Schema & { $capturesBeforeImages?: boolean };
  if (marked.$capturesBeforeImages) return;
  marked.$capturesBeforeImages = true;

  schema.pre(QUERY_CHANGES, { document: false, query: true }, async function (this: Query<unknown, unknown>) {
    const capture = ChangeCapture.current();
    if (!capture) return;
    const model = this.model;
    const docs = await model.find(this.getFilter()).limit(MAX_STATES).lean<Record<string, unknown>[]>();
    for (const doc of docs) capture.add(model.collection.collectionName, doc._id, doc);
  });

  schema.pre('save', async function (this: Document) {
    const capture = ChangeCapture.current();
    // embedded documents run save hooks too; their parent is the document that changes
    if (!capture || (this as Document & { $isSubdocument?: boolean }).$isSubdocument) return;
    const model = this.constructor as unknown as { collection: { collectionName: string }; findById(id: unknown): { lean(): Promise<unknown> } };
    const before = this.isNew ? null : await model.findById(this._id).lean();
    capture.add(model.collection.collectionName, this._id, before ?? null);
  });
}
