import { MongoClient, type Db } from 'mongodb';
import { MIGRATIONS_COLLECTION, runMigrations } from '@pipeline/mongo';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { CASE_MIGRATIONS } from '.';

describe('enforcement_case migrations', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await new MongoClient(testInfra().mongoUri).connect();
    db = client.db(testDbName(testNamespace('case-migrations'), 'case'));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('drops the index the first metric used, keeps the records and the other indexes', async () => {
    const records = db.collection('complaint_records');
    await records.insertMany([{ _id: 'c1' as never, hotspotAreaId: 'HS01', inScope: true, converted: false, outcome: 'CASE' }]);
    await records.createIndex({ hotspotAreaId: 1, inScope: 1, converted: 1 }); // as the old schema declared it
    await records.createIndex({ outcome: 1, flaggedUrgent: -1, receivedAt: 1 });

    expect((await runMigrations(db, CASE_MIGRATIONS)).applied.map((m) => m.version)).toEqual([1]);

    const names = (await records.listIndexes().toArray()).map((i) => i.name);
    expect(names).not.toContain('hotspotAreaId_1_inScope_1_converted_1');
    expect(names).toContain('outcome_1_flaggedUrgent_-1_receivedAt_1');
    expect(await records.countDocuments()).toBe(1);
    expect(await db.collection(MIGRATIONS_COLLECTION).findOne({ _id: 1 as never })).toEqual(expect.objectContaining({ name: CASE_MIGRATIONS[0].name }));
  });

  it('runs on a new store that never had the index', async () => {
    const fresh = client.db(`${db.databaseName}_new`.slice(0, 60));
    try {
      expect((await runMigrations(fresh, CASE_MIGRATIONS)).applied).toHaveLength(1);
    } finally {
      await fresh.dropDatabase();
    }
  });
});
