import mongoose, { Schema, type Connection } from 'mongoose';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { isDuplicateKeyError } from './errors';

/**
 * Every kind of store call the services make, against the real store the
 * tests run on (FerretDB here, MongoDB in production), so a gap in what the
 * two share shows up as a failing test rather than a production surprise.
 */
const outcome = (p: Promise<unknown>) => p.then(() => 'created', (e: unknown) => (isDuplicateKeyError(e) ? 'duplicate' : e));

describe('store smoke suite', () => {
  let conn: Connection;

  interface Item {
    _id: string;
    tenant: string;
    code: string;
    n: number;
    tags: string[];
    area?: string | null;
    at?: Date | null;
    list: { id: string; v: number }[];
  }

  const ItemSchema = new Schema<Item>(
    {
      _id: String,
      tenant: { type: String, required: true },
      code: { type: String, required: true, unique: true },
      n: { type: Number, default: 0 },
      tags: { type: [String], default: [] },
      area: { type: String, default: null },
      at: { type: Date },
      list: { type: [{ id: String, v: Number, _id: false }], default: [] },
    },
    { versionKey: false },
  );
  ItemSchema.index({ tenant: 1, n: -1 });
  ItemSchema.index({ tenant: 1, area: 1 }, { unique: true, name: 'tenant_area_unique' });
  ItemSchema.index({ at: 1 });

  let Item: mongoose.Model<Item>;

  beforeAll(async () => {
    conn = await mongoose.createConnection(testInfra().mongoUri, { dbName: testDbName(testNamespace('smoke'), 'smoke'), retryWrites: false }).asPromise();
    Item = conn.model<Item>('Item', ItemSchema);
    await Item.init(); // builds the indexes
  });

  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('builds single, compound and unique indexes', async () => {
    const names = (await Item.collection.indexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['_id_', 'code_1', 'tenant_1_n_-1', 'tenant_area_unique']));
  });

  it('rejects a duplicate on a unique index with E11000, and on _id', async () => {
    await Item.create({ _id: 'a', tenant: 't1', code: 'C1', area: 'x' });
    expect(await outcome(Item.create({ _id: 'b', tenant: 't1', code: 'C1', area: 'y' }))).toBe('duplicate');
    expect(await outcome(Item.create({ _id: 'a', tenant: 't1', code: 'C2', area: 'z' }))).toBe('duplicate');
    // compound unique: same tenant+area again
    expect(await outcome(Item.create({ _id: 'c', tenant: 't1', code: 'C3', area: 'x' }))).toBe('duplicate');
  });

  it('upserts with findOneAndUpdate and returns the new document', async () => {
    const doc = await Item.findOneAndUpdate(
      { _id: 'u1' },
      { $setOnInsert: { tenant: 't2', code: 'U1' }, $inc: { n: 1 } },
      { upsert: true, new: true, lean: true },
    );
    expect(doc).toMatchObject({ _id: 'u1', tenant: 't2', n: 1 });
    const again = await Item.findOneAndUpdate({ _id: 'u1' }, { $setOnInsert: { code: 'IGNORED' }, $inc: { n: 1 } }, { upsert: true, new: true, lean: true });
    expect(again).toMatchObject({ code: 'U1', n: 2 });
  });

  it('applies $inc, $push with $each, $addToSet, $pullAll, $min, $set and $unset', async () => {
    await Item.create({ _id: 'm1', tenant: 't3', code: 'M1' });
    await Item.updateOne({ _id: 'm1' }, { $inc: { n: 5 }, $push: { list: { $each: [{ id: 'e1', v: 1 }, { id: 'e2', v: 2 }] } }, $addToSet: { tags: 'a' } });
    await Item.updateOne({ _id: 'm1' }, { $addToSet: { tags: 'a' }, $min: { at: new Date('2024-01-02T00:00:00Z') } });
    // whole-element $pullAll only: FerretDB 1.24 ignores conditions inside $pull
    await Item.updateOne({ _id: 'm1' }, { $pullAll: { list: [{ id: 'e1', v: 1 }] }, $set: { area: 'HS01' } });
    await Item.updateOne({ _id: 'm1' }, { $min: { at: new Date('2024-01-01T00:00:00Z') } });
    const doc = await Item.findById('m1').lean();
    expect(doc).toMatchObject({ n: 5, tags: ['a'], list: [{ id: 'e2', v: 2 }], area: 'HS01' });
    expect(doc?.at?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    await Item.updateOne({ _id: 'm1', list: { $size: 1 } }, { $unset: { at: 1, area: 1 } });
    const cleared = await Item.findById('m1').lean();
    expect(cleared).not.toHaveProperty('at');
    expect(cleared).not.toHaveProperty('area');
    // $min never replaces a null: null sorts below every date (in MongoDB and FerretDB alike),
    // which is why "pending since" markers are unset, never null
    await Item.updateOne({ _id: 'm1' }, { $set: { at: null } });
    await Item.updateOne({ _id: 'm1' }, { $min: { at: new Date('2024-01-01T00:00:00Z') } });
    expect((await Item.findById('m1').lean())?.at).toBeNull();
    // a guarded update does nothing when the guard no longer holds
    expect((await Item.updateOne({ _id: 'm1', n: 4 }, { $set: { n: 0 } })).modifiedCount).toBe(0);
  });

  it('matches dates by range but never nulls, and arrays by size', async () => {
    await Item.create([
      { _id: 'd1', tenant: 't4', code: 'D1', at: new Date('2024-03-01T00:00:00Z'), area: 'a' },
      { _id: 'd2', tenant: 't4', code: 'D2', at: null, area: 'b' },
      { _id: 'd3', tenant: 't4', code: 'D3', area: 'c' },
    ]);
    const found = await Item.find({ tenant: 't4', at: { $lte: new Date() } }).lean();
    expect(found.map((d) => d._id)).toEqual(['d1']);
    expect(await Item.countDocuments({ tenant: 't4', list: { $size: 0 } })).toBe(3);
  });

  it('inserts unordered batches, keeping the good documents and reporting duplicates', async () => {
    await Item.create({ _id: 'i1', tenant: 't5', code: 'I1', area: 'a' });
    const err = await Item.insertMany(
      [
        { _id: 'i2', tenant: 't5', code: 'I2', area: 'b' },
        { _id: 'i1', tenant: 't5', code: 'I1dup', area: 'c' },
        { _id: 'i3', tenant: 't5', code: 'I3', area: 'd' },
      ],
      { ordered: false },
    ).catch((e: unknown) => e);
    expect(isDuplicateKeyError(err)).toBe(true);
    expect((await Item.find({ tenant: 't5' }).sort({ _id: 1 }).lean()).map((d) => d._id)).toEqual(['i1', 'i2', 'i3']);
  });

  it('counts, finds distinct values, sorts, skips and limits', async () => {
    await Item.create([
      { _id: 'c1', tenant: 't6', code: 'K1', n: 3, area: 'HS01', tags: ['x', 'y'] },
      { _id: 'c2', tenant: 't6', code: 'K2', n: 1, area: 'HS02', tags: ['x'] },
      { _id: 'c3', tenant: 't6', code: 'K3', n: 2, area: 'HS03' },
    ]);
    expect(await Item.countDocuments({ tenant: 't6' })).toBe(3);
    expect((await Item.distinct('area', { tenant: 't6' })).sort()).toEqual(['HS01', 'HS02', 'HS03']);
    const page = await Item.find({ tenant: 't6' }).sort({ n: -1 }).skip(1).limit(1).lean();
    expect(page.map((d) => d._id)).toEqual(['c3']);
    const cursorPage = await Item.find({ tenant: 't6', _id: { $lt: 'c3' } }).sort({ _id: -1 }).limit(5).lean();
    expect(cursorPage.map((d) => d._id)).toEqual(['c2', 'c1']);
  });

  it('aggregates with $match, $group ($sum), $sort, $project, $unwind, $count, $skip and $limit', async () => {
    await Item.create([
      { _id: 'g1', tenant: 't7', code: 'G1', n: 2, area: 'A', tags: ['p', 'q'] },
      { _id: 'g2', tenant: 't7', code: 'G2', n: 3, area: 'B', tags: ['p'] },
      { _id: 'g3', tenant: 't7', code: 'G3', n: 5, area: 'C', tags: [] },
    ]);
    // FerretDB 1.24 computes only the first accumulator of a $group (and $sum of a field
    // after $unwind is 0), so our aggregations use one $sum per stage and compound keys.
    const byTag = await Item.aggregate<{ _id: string; count: number }>([
      { $match: { tenant: 't7' } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags', count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(byTag).toEqual([
      { _id: 'p', count: 2 },
      { _id: 'q', count: 1 },
    ]);
    const byKey = await Item.aggregate<{ _id: { area: string; big: boolean }; n: number }>([
      { $match: { tenant: 't7' } },
      { $group: { _id: { area: '$area', n: '$n' }, n: { $sum: 1 } } },
      { $sort: { '_id.area': 1 } },
    ]);
    expect(byKey.map((r) => [r._id, r.n])).toEqual([[{ area: 'A', n: 2 }, 1], [{ area: 'B', n: 3 }, 1], [{ area: 'C', n: 5 }, 1]]);
    const total = await Item.aggregate([{ $match: { tenant: 't7' } }, { $group: { _id: null, total: { $sum: '$n' } } }]);
    expect(total).toEqual([{ _id: null, total: 10 }]);
    const projected = await Item.aggregate([{ $match: { tenant: 't7' } }, { $sort: { n: -1 } }, { $skip: 1 }, { $limit: 1 }, { $project: { _id: 0, code: 1 } }]);
    expect(projected).toEqual([{ code: 'G2' }]);
    const counted = await Item.aggregate([{ $match: { tenant: 't7', n: { $gte: 3 } } }, { $count: 'n' }]);
    expect(counted).toEqual([{ n: 2 }]);
  });

  it('deletes by filter', async () => {
    await Item.create([{ _id: 'x1', tenant: 't8', code: 'X1', area: 'a' }, { _id: 'x2', tenant: 't8', code: 'X2', area: 'b' }]);
    expect((await Item.deleteMany({ tenant: 't8', code: 'X1' })).deletedCount).toBe(1);
    expect(await Item.countDocuments({ tenant: 't8' })).toBe(1);
  });

  it('matches by _id and the other conditions together, whatever the store narrows by', async () => {
    await Item.create({ _id: 'id1', tenant: 't9', code: 'BY-ID-1', n: 1, area: 'start' });
    expect((await Item.updateOne({ _id: 'id1', n: 2 }, { $set: { area: 'no' } })).matchedCount).toBe(0);
    expect((await Item.updateOne({ _id: 'id1', n: 1 }, { $set: { area: 'yes' } })).modifiedCount).toBe(1);
    expect(await Item.findOneAndUpdate({ _id: 'id1', area: 'no' }, { $inc: { n: 1 } })).toBeNull();
    expect(await Item.findOne({ _id: 'id1', n: { $lt: 1 } }).lean()).toBeNull();
    expect(await Item.countDocuments({ _id: 'id1', $or: [{ n: 1 }, { n: 5 }] })).toBe(1);
    expect(await Item.aggregate([{ $match: { _id: 'id1', tenant: 't0' } }])).toEqual([]);
    expect((await Item.deleteOne({ _id: 'id1', code: 'BY-ID-2' })).deletedCount).toBe(0);
    expect(await Item.findById('id1').lean()).toMatchObject({ n: 1, area: 'yes' });
  });

  it('reads one document by _id through the _id index, even when the filter says more', async () => {
    const explained = (filter: Record<string, unknown>) => conn.db!.command({ explain: { find: Item.collection.name, filter } }).then((r) => JSON.stringify(r));
    const { ferretdbVersion } = (await conn.db!.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: string };
    // FerretDB 1.24 scans the table for these unless built with the project's patches (tools/infra/ferretdb.mjs, ADR 0015)
    const usesIdIndex = ferretdbVersion ? /USING INDEX \S+__id_ /: /IDHACK|"indexName":"_id_"/;
    expect(await explained({ _id: 'id1' })).toMatch(usesIdIndex);
    expect(await explained({ _id: 'id1', n: 1 })).toMatch(usesIdIndex);
  });

  describe('filters the store may narrow by an index (FerretDB build patch, ADR 0015)', () => {
    const d = (iso: string) => new Date(iso);
    // written past the schema so one field holds strings, arrays, numbers, nulls and escaped text side by side
    const docs = [
      { _id: 'p1', tenant: 'pd', code: 'PD-1', area: 'x', at: d('2026-03-01T00:00:00Z') },
      { _id: 'p2', tenant: 'pd', code: 'PD-2', area: ['y', 'x'], at: [d('2020-01-01T00:00:00Z'), d('2026-03-02T00:00:00Z')] },
      { _id: 'p3', tenant: 'pd', code: 'PD-3', area: 'z', at: d('1990-06-01T00:00:00Z') },
      { _id: 'p4', tenant: 'pd', code: 'PD-4', area: null, at: '2026-03-01T12:00:00Z' },
      { _id: 'p5', tenant: 'pd', code: 'PD-5', area: 5, at: d('2026-03-31T23:59:59.999Z') },
      { _id: 'p6', tenant: 'pd', code: 'PD-6', area: 'a<b & "c"', at: d('2026-04-01T00:00:00Z') },
      { _id: 'p7', tenant: 'pd', code: 'PD-7', area: '市南区', tags: ['x'] },
    ];
    const ids = async (filter: Record<string, unknown>) => (await Item.collection.find({ tenant: 'pd', ...filter }).toArray()).map((doc) => doc._id).sort();

    beforeAll(async () => {
      await Item.collection.insertMany(docs as never[]);
    });

    it('matches a string equality in strings and in arrays, never in other types', async () => {
      expect(await ids({ area: 'x' })).toEqual(['p1', 'p2']);
      expect(await ids({ area: '市南区' })).toEqual(['p7']);
      expect(await ids({ area: 'a<b & "c"' })).toEqual(['p6']);
      expect(await ids({ tags: 'x' })).toEqual(['p7']);
      expect(await ids({ area: 'nowhere' })).toEqual([]);
    });

    it('matches $in lists of strings the same way', async () => {
      expect(await ids({ area: { $in: ['x', 'z'] } })).toEqual(['p1', 'p2', 'p3']);
      expect(await ids({ area: { $in: ['y', null] } })).toEqual(['p2', 'p4']);
      expect(await ids({ area: { $in: ['z'], $ne: 'z' } })).toEqual([]);
      expect(await ids({ _id: { $in: ['p1', 'p3', 'nope'] }, area: 'x' })).toEqual(['p1']);
      // longer than SQLite binds in one statement (32,766 values)
      const many = Array.from({ length: 40_000 }, (_, i) => `none-${i}`);
      expect(await ids({ _id: { $in: [...many, 'p1'] }, area: { $in: [...many, 'x'] } })).toEqual(['p1']);
    });

    it('matches date ranges on dates and arrays of dates only, whatever the bounds', async () => {
      const march = { $gte: d('2026-03-01T00:00:00Z'), $lt: d('2026-04-01T00:00:00Z') };
      expect(await ids({ at: march })).toEqual(['p1', 'p2', 'p5']);
      expect(await ids({ at: { $gt: d('2026-03-01T00:00:00Z'), $lte: d('2026-04-01T00:00:00Z') } })).toEqual(['p2', 'p5', 'p6']);
      expect(await ids({ at: { $gte: d('1980-01-01T00:00:00Z'), $lt: d('2000-01-01T00:00:00Z') } })).toEqual(['p3']);
      expect(await ids({ at: { $gte: d('2026-03-01T00:00:00Z') } })).toEqual(['p1', 'p2', 'p5', 'p6']);
      expect(await ids({ at: march, area: { $in: ['x'] } })).toEqual(['p1', 'p2']);
    });

    it('counts, updates and deletes by the same filters', async () => {
      expect(await Item.collection.countDocuments({ tenant: 'pd', area: 'x' })).toBe(2);
      expect(await Item.collection.aggregate([{ $match: { tenant: 'pd', area: { $in: ['x'] } } }, { $count: 'n' }]).toArray()).toEqual([{ n: 2 }]);
      expect((await Item.collection.updateMany({ area: 'x', at: { $gte: d('2026-03-02T00:00:00Z'), $lte: d('2026-03-02T00:00:00Z') } }, { $set: { n: 7 } })).modifiedCount).toBe(1);
      expect(await ids({ n: 7 })).toEqual(['p2']);
      expect((await Item.collection.deleteMany({ tenant: 'pd', area: 'z' })).deletedCount).toBe(1);
      expect(await ids({})).toEqual(['p1', 'p2', 'p4', 'p5', 'p6', 'p7']);
    });

    it('reads through the field indexes', async () => {
      const plan = (filter: Record<string, unknown>) => conn.db!.command({ explain: { find: Item.collection.name, filter } }).then((r) => JSON.stringify(r));
      const { ferretdbVersion } = (await conn.db!.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: string };
      const uses = (index: string) => (ferretdbVersion ? new RegExp(`USING INDEX \\S+_${index}`) : new RegExp(`"indexName":"${index}"`));
      // either index that leads with tenant will do
      expect(await plan({ tenant: 'pd' })).toMatch(uses('tenant_(1_n_-1|area_unique)'));
      expect(await plan({ tenant: { $in: ['pd', 'pe'] } })).toMatch(uses('tenant_(1_n_-1|area_unique)'));
      expect(await plan({ at: { $gte: d('2026-03-01T00:00:00Z'), $lt: d('2026-04-01T00:00:00Z') } })).toMatch(uses('at_1'));
      expect(await plan({ _id: { $in: ['p1', 'p2'] } })).toMatch(ferretdbVersion ? /USING INDEX \S+__id_ / : /IDHACK|"indexName":"_id_"/);
    });
  });
});
