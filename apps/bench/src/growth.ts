import { randomUUID } from 'node:crypto';
import { localDateOf, quarterOf } from '@pipeline/calendar';
import { MongoClient, type Document } from 'mongodb';
import { summarize, type Percentiles } from './stats';

export interface GrowthPoint {
  /** Complaints stored at intake (and as many records at enforcement-case and property-evaluation). */
  stored: number;
  seedSeconds: number;
  listMs: Timing;
  /** The first metric call after filling: it recounts every day of the period from the records (ADR 0019). */
  metricRecountMs: Timing;
  /** The calls after it, from the days' kept cells. */
  metricMs: Timing;
  rankingMs: Timing;
}

/** Latencies of the calls that answered, and how many did not (with the last reason). */
export type Timing = Percentiles & { failed: number; lastFailure?: string };

/** The current quarter in Asia/Shanghai, as the evaluation names periods (2026Q4). */
export function currentQuarter(now = new Date()): string {
  return quarterOf(localDateOf(now));
}

interface Store {
  db: string;
  collection: string;
  /** Fields a copy must not share with its template (unique keys). */
  fresh: (id: string) => Document;
}

export interface Databases {
  intake: string;
  cases: string;
  evaluation: string;
}

/** The collections a stored complaint occupies, per service, and how a copy gets its own keys. */
export function storesOf(databases: Databases): Store[] {
  return [
    { db: databases.intake, collection: 'complaints', fresh: (id) => ({ dedupeKey: id }) },
    // a copy is the first report of its own incident: the templates' first reports are not copied with them
    { db: databases.cases, collection: 'complaint_records', fresh: (id) => ({ incidentId: id, repeatOf: null }) },
    { db: databases.evaluation, collection: 'community_complaints', fresh: () => ({}) },
  ];
}

/**
 * A stored copy of a real document: its own `_id` (and unique keys), and an
 * empty outbox, so that nothing copied is published again.
 */
export function copyOf(template: Document, store: Store): Document {
  const id = randomUUID();
  const { outbox: _outbox, outboxSeq: _seq, outboxPendingSince: _pending, ...rest } = template;
  return { ...rest, _id: id, ...store.fresh(id), outbox: [], outboxSeq: 0 };
}

/** What a copy is made from: up to 500 documents the pipeline stored in each collection. */
async function templatesOf(client: MongoClient, stores: Store[]): Promise<Document[][]> {
  return Promise.all(stores.map((store) => client.db(store.db).collection(store.collection).find({}).limit(500).toArray()));
}

/** Fills each store up to `target` documents with copies of its templates; seconds taken. */
async function fillTo(client: MongoClient, stores: Store[], templatesByStore: Document[][], target: number): Promise<number> {
  const started = Date.now();
  for (const [i, store] of stores.entries()) {
    const collection = client.db(store.db).collection(store.collection);
    const templates = templatesByStore[i];
    if (!templates.length) continue;
    let count = await collection.estimatedDocumentCount();
    while (count < target) {
      const n = Math.min(2_000, target - count);
      try {
        await collection.insertMany(Array.from({ length: n }, (_, i) => copyOf(templates[(count + i) % templates.length], store)), { ordered: false });
        count += n;
      } catch (err) {
        // the store may answer SQLITE_BUSY to a batch: count what went in and go on
        if (!/database is locked|SQLITE_BUSY/.test(String((err as Error).message))) throw err;
        await new Promise((r) => setTimeout(r, 100));
        count = await collection.countDocuments();
      }
    }
  }
  return (Date.now() - started) / 1000;
}

/**
 * Latency of `samples` calls. An answer other than 200, or none within `timeoutMs` (by default
 * 10 s, fifty times the metric's 200 ms target, which says enough), is counted, not thrown, and
 * ends the endpoint's samples at this size: the next calls would wait as long to fail.
 */
async function timed(url: string, headers: Record<string, string>, samples: number, timeoutMs = 10_000): Promise<Timing> {
  const ms: number[] = [];
  let failed = 0;
  let lastFailure: string | undefined;
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    } catch (err) {
      failed++;
      lastFailure = `${(err as Error).message} after ${Math.round(Number(process.hrtime.bigint() - t0) / 1e6)} ms`;
      break;
    }
  }
  return { ...summarize(ms), failed, ...(lastFailure ? { lastFailure } : {}) };
}

/**
 * How the cost of the read endpoints grows with stored data: the complaint
 * list, the complaint-to-case metric and the evaluation ranking, timed with
 * 1e4, 1e5 … complaints stored (copies of the ones the pipeline stored in
 * `templates`, written into the quiet system's `databases`).
 */
export async function growth(opts: {
  gatewayUrl: string;
  /** enforcement-case itself: the first metric call may take longer than the gateway waits for a service (30 s). */
  caseServiceUrl: string;
  mongoUri: string;
  templates: Databases;
  databases: Databases;
  headers: Record<string, string>;
  sizes: number[];
  samples: number;
  period: string;
  say: (msg: string) => void;
}): Promise<GrowthPoint[]> {
  const client = await new MongoClient(opts.mongoUri).connect();
  const points: GrowthPoint[] = [];
  try {
    const stores = storesOf(opts.databases);
    const templates = await templatesOf(client, storesOf(opts.templates));
    const metricPath = '/api/v1/metrics/complaint-to-case';
    for (const size of opts.sizes) {
      const seedSeconds = await fillTo(client, stores, templates, size);
      // the copies went in around the service, so none of its days' kept cells may stand for them (ADR 0019)
      await client.db(opts.databases.cases).collection('metric_days').deleteMany({});
      opts.say(`  已存 ${size} 件（补足用时 ${Math.round(seedSeconds)} 秒），计时中…`);
      // the metric first: a list call that times out leaves its query running in the store for a while
      const metricRecountMs = await timed(`${opts.caseServiceUrl}${metricPath}`, opts.headers, 1, 300_000);
      const metricMs = await timed(`${opts.gatewayUrl}${metricPath}`, opts.headers, opts.samples);
      points.push({
        stored: size,
        seedSeconds: Math.round(seedSeconds * 10) / 10,
        listMs: await timed(`${opts.gatewayUrl}/api/v1/complaints?limit=50`, opts.headers, opts.samples),
        metricRecountMs,
        metricMs,
        rankingMs: await timed(`${opts.gatewayUrl}/api/v1/evaluations/periods/${opts.period}/ranking`, opts.headers, opts.samples),
      });
    }
    return points;
  } finally {
    await client.close();
  }
}
