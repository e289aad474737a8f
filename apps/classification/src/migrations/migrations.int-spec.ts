import { MongoClient, type Db } from 'mongodb';
import { runMigrations } from '@pipeline/mongo';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { CLASSIFICATION_MIGRATIONS } from '.';

describe('classification migrations', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await new MongoClient(testInfra().mongoUri).connect();
    db = client.db(testDbName(testNamespace('classification-migrations'), 'classification'));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('gives classifications stored before corrections a count of 0 and leaves counted ones alone', async () => {
    const classifications = db.collection<{ _id: string; decidedBy: string; correctionCount?: number }>('classifications');
    await classifications.insertMany([
      { _id: 'before-corrections', decidedBy: 'model' },
      { _id: 'corrected-twice', decidedBy: 'person', correctionCount: 2 },
    ]);

    expect((await runMigrations(db, CLASSIFICATION_MIGRATIONS)).applied.map((m) => m.version)).toEqual([1]);

    expect(await classifications.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'before-corrections', decidedBy: 'model', correctionCount: 0 },
      { _id: 'corrected-twice', decidedBy: 'person', correctionCount: 2 },
    ]);
    expect((await runMigrations(db, CLASSIFICATION_MIGRATIONS)).applied).toEqual([]);
  });
});
