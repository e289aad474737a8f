import { MongoClient, type Db } from 'mongodb';
import { MIGRATION_LOCK_COLLECTION, MIGRATIONS_COLLECTION, runMigrations, type Migration } from '@pipeline/mongo';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { INTAKE_MIGRATIONS } from '.';

/**
 * The intake migrations forward on a store holding documents in their old
 * shape (before corrections and retention existed), run the way a start-up
 * or `npm run migrate` runs them.
 */
describe('complaint_intake migrations', () => {
  let client: MongoClient;
  let db: Db;

  const classification = (extra: Record<string, unknown> = {}) => ({
    category: 'street_order', enforceable: true, urgent: false, hotspotAreaId: 'HS01', communityId: null, district: '市南区',
    repeatOf: null, responsibleBody: 'district_enforcement_squad', needsReview: false, at: new Date('2025-03-01T02:00:00Z'), ...extra,
  });
  const complaint = (id: string, extra: Record<string, unknown>) => ({
    _id: id, dedupeKey: id, channel: 'hotline', text: '中山路有流动摊贩占道经营', status: 'classified',
    receivedAt: new Date('2025-03-01T01:00:00Z'), reportedAt: new Date('2025-03-01T01:00:00Z'), outbox: [], outboxSeq: 0, ...extra,
  });

  beforeAll(async () => {
    client = await new MongoClient(testInfra().mongoUri).connect();
    db = client.db(testDbName(testNamespace('intake-migrations'), 'intake'));
    await db.collection('complaints').insertMany([
      complaint('old-classified', { classification: classification() }), // before correctedBy existed
      complaint('corrected', { classification: classification({ correctedBy: 'clerk-1' }) }),
      complaint('unclassified', { status: 'received', classification: null }),
    ] as never[]);
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('transforms the old documents, creates the index and records each version once; a second run does nothing', async () => {
    const report = await runMigrations(db, INTAKE_MIGRATIONS);
    expect(report.applied.map((m) => m.version)).toEqual([1, 2]);

    const byId = async (id: string) => db.collection('complaints').findOne({ _id: id as never });
    expect((await byId('old-classified'))?.classification).toEqual(expect.objectContaining({ correctedBy: null, category: 'street_order' }));
    expect((await byId('corrected'))?.classification.correctedBy).toBe('clerk-1');
    expect((await byId('unclassified'))?.classification).toBeNull();

    const indexes = await db.collection('complaints').listIndexes().toArray();
    expect(indexes).toContainEqual(expect.objectContaining({ name: 'retention_closure_at', key: { 'closure.at': 1, _id: 1 } }));

    const recorded = await db.collection(MIGRATIONS_COLLECTION).find().sort({ _id: 1 }).toArray();
    expect(recorded.map((r) => [r._id, r.name])).toEqual(INTAKE_MIGRATIONS.map((m) => [m.version, m.name]));
    expect(await db.collection(MIGRATION_LOCK_COLLECTION).countDocuments()).toBe(0);

    const again = await runMigrations(db, INTAKE_MIGRATIONS);
    expect(again).toEqual({ applied: [], alreadyApplied: 2 });
    expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments()).toBe(2);
  });

  it('applies a migration once when several instances start together', async () => {
    let runs = 0;
    const counted: Migration = {
      version: INTAKE_MIGRATIONS.length + 1,
      name: '计数迁移（测试）',
      async up(target) {
        runs++;
        // slow enough that the other runners arrive while it holds the lock
        await target.collection('complaints').updateMany({}, { $inc: { migratedTimes: 1 } });
        await target.collection('complaints').find().toArray();
      },
    };
    const list = [...INTAKE_MIGRATIONS, counted];
    const timing = { pollMs: 20, staleAfterMs: 60_000, waitAtMostMs: 30_000 };
    const reports = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) => runMigrations(db, list, { owner: `instance-${owner}`, lockTiming: timing })),
    );

    expect(runs).toBe(1);
    expect(reports.filter((r) => r.applied.length === 1)).toHaveLength(1);
    const counts = (await db.collection('complaints').find().toArray()).map((c) => c.migratedTimes);
    expect(counts).toEqual([1, 1, 1]);
    expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments()).toBe(3);
  });

  it('takes over the lock of a runner that crashed while holding it', async () => {
    await db.collection(MIGRATION_LOCK_COLLECTION).insertOne({ _id: 'lock' as never, owner: 'crashed', acquiredAt: new Date(Date.now() - 3_600_000) });
    const report = await runMigrations(db, INTAKE_MIGRATIONS, { lockTiming: { pollMs: 20, staleAfterMs: 60_000, waitAtMostMs: 5_000 } });
    expect(report.applied).toEqual([]);
    expect(await db.collection(MIGRATION_LOCK_COLLECTION).countDocuments()).toBe(0);
  });
});
