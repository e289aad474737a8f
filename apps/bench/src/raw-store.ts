import { randomUUID } from 'node:crypto';
import { MongoClient, type Collection, type UpdateFilter } from 'mongodb';

/** A complaint- or case-shaped document; the timeline is what updates append to. */
type Doc = { _id: string } & Record<string, unknown>;

// the driver's types do not follow $push into an open record; the update is the services' shape
const classified = (): UpdateFilter<Doc> => ({ $set: { status: 'classified', updatedAt: new Date() }, $push: { timeline: { at: new Date(), kind: 'classified' } } }) as unknown as UpdateFilter<Doc>;

export interface StoreThroughputResult {
  documents: number;
  concurrency: number;
  complaintBytes: number;
  caseBytes: number;
  /** One insertOne per document, `concurrency` at a time: how the services write. */
  insertsPerSec: number;
  /** insertMany in batches of 500: the bulk ceiling. */
  bulkInsertsPerSec: number;
  /** updateOne by _id ($set and $push), `concurrency` at a time. */
  updatesPerSec: number;
  /** Writes the store refused as busy (SQLITE_BUSY) and that were tried again. */
  busyRetries: number;
}

function complaintDoc(i: number): Doc {
  const now = new Date();
  return {
    _id: randomUUID(),
    text: `市民来电反映：中山路步行街第${i}号门前有流动摊贩占道经营，晚上七点以后尤其严重，行人通行困难，请尽快处理。`.repeat(3),
    channel: 'hotline',
    status: 'received',
    reportedAt: now,
    receivedAt: now,
    location: { lat: 36.069, lng: 120.3205 },
    address: '市南区中山路步行街',
    caller: { ciphertext: 'x'.repeat(96), ref: 'r'.repeat(43), masked: '138****1234' },
    timeline: [{ at: now, kind: 'received', note: '已受理' }],
    outbox: [],
    outboxSeq: 1,
  };
}

function caseDoc(i: number): Doc {
  const now = new Date();
  return {
    _id: `CASE-BENCH-${i}-${randomUUID().slice(0, 8)}`,
    complaintIds: [randomUUID()],
    category: 'street_order',
    procedure: 'general',
    state: 'LEAD',
    squadId: 'SQ-SN-01',
    hotspotAreaId: 'HS01',
    district: '市南区',
    history: Array.from({ length: 3 }, (_, k) => ({ at: now, action: `step-${k}`, actor: '执法队员', reason: '现场核查，当事人在场，已告知权利义务。', documents: [`DOC-${i}-${k}`] })),
    deadlines: Array.from({ length: 6 }, (_, k) => ({ code: `D${k + 1}`, due: now, status: 'open' })),
    outbox: [],
    outboxSeq: 1,
  };
}

/** FerretDB's SQLite backend refuses a write with SQLITE_BUSY while another holds the lock: retried, as the services retry store errors. */
async function retryingBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= 20 || !/database is locked|SQLITE_BUSY/.test(String((err as Error).message))) throw err;
      busyRetries++;
      await new Promise((r) => setTimeout(r, 5 * attempt));
    }
  }
}

let busyRetries = 0;

async function inParallel(count: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const startedAt = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}

/** The driver's own write throughput on the store, for documents the size of a complaint and a case. */
export async function storeThroughput(uri: string, dbName: string, opts: { documents: number; concurrency: number }): Promise<StoreThroughputResult> {
  busyRetries = 0;
  const client = await new MongoClient(uri, { maxPoolSize: opts.concurrency + 2 }).connect();
  const db = client.db(dbName);
  try {
    const complaints: Collection<Doc> = db.collection<Doc>('complaints');
    const cases: Collection<Doc> = db.collection<Doc>('cases');
    const n = opts.documents;
    const inserted: string[] = new Array(n);
    const insertSeconds = await inParallel(n, opts.concurrency, async (i) => {
      const doc = i % 2 ? caseDoc(i) : complaintDoc(i);
      await retryingBusy(() => (i % 2 ? cases : complaints).insertOne(doc));
      inserted[i] = doc._id;
    });
    const bulk = Array.from({ length: n }, (_, i) => complaintDoc(i));
    const bulkSeconds = await inParallel(Math.ceil(n / 500), 1, (b) => retryingBusy(() => db.collection<Doc>('complaints_bulk').insertMany(bulk.slice(b * 500, (b + 1) * 500), { ordered: false })));
    const updateSeconds = await inParallel(n, opts.concurrency, (i) =>
      retryingBusy(() => (i % 2 ? cases : complaints).updateOne({ _id: inserted[i] }, classified())),
    );
    return {
      documents: n,
      concurrency: opts.concurrency,
      complaintBytes: Buffer.byteLength(JSON.stringify(complaintDoc(0))),
      caseBytes: Buffer.byteLength(JSON.stringify(caseDoc(0))),
      insertsPerSec: Math.round(n / insertSeconds),
      bulkInsertsPerSec: Math.round(n / bulkSeconds),
      updatesPerSec: Math.round(n / updateSeconds),
      busyRetries,
    };
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}
