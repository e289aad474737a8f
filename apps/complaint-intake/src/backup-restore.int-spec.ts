import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { Long, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { MIGRATION_LOCK_COLLECTION, runDataCommand, type CommandIo } from '@pipeline/mongo';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { Complaint, ComplaintSchema } from './complaint/complaint.schema';
import { IdempotencyKey, IdempotencyKeySchema } from './idempotency/idempotency.schema';
import { TimelineEntry, TimelineEntrySchema } from './timeline/timeline.schema';
import { INTAKE_MIGRATIONS } from './migrations';

/**
 * `npm run backup` and `npm run restore` of complaint_intake: a store filled
 * through the service's own models (and a collection of every BSON type we
 * might meet) is dumped, dropped, restored and compared document by document.
 */
describe('backup and restore of a service database', () => {
  const ns = testNamespace('backup');
  const dbName = testDbName(ns, 'intake');
  let conn: Connection;
  let client: MongoClient;
  let db: Db;
  let dir: string;
  const lines: string[] = [];
  const io: CommandIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
  const spec = { service: 'complaint-intake', loadEnv: () => ({ MONGODB_URI: testInfra().mongoUri, MONGODB_DB: dbName, MIGRATE_ON_START: true }), migrations: INTAKE_MIGRATIONS };
  const command = (...argv: string[]) => runDataCommand(spec, argv, io);

  const snapshot = async (): Promise<Record<string, { docs: Document[]; indexes: Document[] }>> => {
    // the migration lock's (empty) collection is transient and not part of a backup
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => n !== MIGRATION_LOCK_COLLECTION).sort();
    const result: Record<string, { docs: Document[]; indexes: Document[] }> = {};
    for (const name of names) {
      const indexes = (await db.collection(name).listIndexes().toArray()).map(({ name: n, key, unique }) => ({ name: n, key, unique: unique ?? false }));
      result[name] = { docs: await db.collection(name).find().sort({ _id: 1 }).toArray(), indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)) };
    }
    return result;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-backup-'));
    conn = await mongoose.createConnection(testInfra().mongoUri, { dbName, retryWrites: false }).asPromise();
    client = await new MongoClient(testInfra().mongoUri).connect();
    db = client.db(dbName);

    const complaints = conn.model(Complaint.name, ComplaintSchema);
    const timeline = conn.model(TimelineEntry.name, TimelineEntrySchema);
    const keys = conn.model(IdempotencyKey.name, IdempotencyKeySchema);
    await Promise.all([complaints.init(), timeline.init(), keys.init()]);
    const at = new Date('2025-06-01T08:30:00.123Z');
    for (let i = 0; i < 30; i++) {
      const id = `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`;
      await complaints.create({
        _id: id, dedupeKey: id, channel: i % 2 ? 'hotline' : 'app', text: `第 ${i} 件：中山路有流动摊贩占道经营`, address: i % 3 ? '市南区中山路' : null,
        location: i % 4 ? { lat: 36.069 + i / 1000, lng: 120.3205 } : null, reportedAt: at, receivedAt: new Date(at.getTime() + i * 60_000),
        caller: i % 5 ? { ref: `ref-${i}`, nameCipher: `v1.iv.tag.name${i}`, phoneCipher: `v1.iv.tag.phone${i}`, anonymous: false } : null,
        status: i % 7 ? 'classified' : 'closed', closure: i % 7 ? null : { kind: 'handled', resolution: '已劝离', at },
        attachments: i % 6 ? [] : [{ url: 'https://example.org/a.jpg', contentType: 'image/jpeg' }], correlationId: `corr-${i}`, updatedAt: at,
      });
      await timeline.create({ _id: `evt-${i}`, complaintId: id, at, kind: 'received', title: '已受理', source: 'complaint-intake' });
    }
    await keys.create({ _id: 'key-1', requestHash: 'abc', complaintId: 'x', createdAt: at });
    // the BSON types JSON would lose; Decimal128 is left out: FerretDB 1.24 drops the connection on it (backup-format.spec covers it)
    await db.collection('bson_types').insertMany([
      { _id: new ObjectId(), long: Long.fromString('9007199254740993'), int: 7, double: 7.5,
        date: new Date('2024-02-29T23:59:59.999Z'), nested: { list: [1, 'two', null, { three: true }] }, binary: Buffer.from('二进制'), empty: {} },
    ]);
    await runDataCommand(spec, ['migrate'], io);
  });

  afterAll(async () => {
    await db.dropDatabase();
    await Promise.all([conn.close(), client.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('restores every document with its exact types and every index, after the database was dropped', async () => {
    const before = await snapshot();
    expect(before['complaints'].docs).toHaveLength(30);
    expect(before['migrations'].docs).toHaveLength(INTAKE_MIGRATIONS.length);

    const out = join(dir, 'round-trip');
    expect(await command('backup', '--out', out)).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.collections['complaints']).toEqual(expect.objectContaining({ count: 30, file: 'complaints.jsonl' }));
    expect(manifest.collections['complaint_timeline'].count).toBe(30);

    await db.dropDatabase();
    expect(await db.listCollections().toArray()).toEqual([]);
    expect(await command('restore', out)).toBe(0);

    const after = await snapshot();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) expect({ name, ...after[name] }).toEqual({ name, ...before[name] });
    const types = after['bson_types'].docs[0];
    expect(types['binary'].buffer).toEqual(Buffer.from('二进制'));
    expect(types['long']).toEqual(Long.fromString('9007199254740993'));
    expect(types['date']).toEqual(new Date('2024-02-29T23:59:59.999Z'));
    expect(types['_id']).toBeInstanceOf(ObjectId);
    expect(after['complaints'].indexes).toContainEqual({ name: 'dedupeKey_1', key: { dedupeKey: 1 }, unique: true });
  });

  it('refuses a target that holds data unless --drop is given, and then replaces it', async () => {
    const out = join(dir, 'refuse');
    expect(await command('backup', '--out', out)).toBe(0);
    await db.collection('complaints').deleteMany({ status: 'closed' });
    await db.collection('stray').insertOne({ _id: 'left-over' as never });

    lines.length = 0;
    expect(await command('restore', out)).toBe(2);
    expect(lines.join('\n')).toMatch(/目标数据库 .* 不为空.*--drop/);
    expect(await db.collection('stray').countDocuments()).toBe(1);

    expect(await command('restore', out, '--drop')).toBe(0);
    expect(await db.collection('complaints').countDocuments()).toBe(30);
    expect(await db.listCollections({ name: 'stray' }).toArray()).toEqual([]);
  });

  it('refuses a damaged backup before touching the target', async () => {
    const out = join(dir, 'damaged');
    expect(await command('backup', '--out', out)).toBe(0);
    const file = join(out, 'complaint_timeline.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('已受理', '已删除'));

    lines.length = 0;
    expect(await command('restore', out, '--drop')).toBe(2);
    expect(lines.join('\n')).toContain('complaint_timeline.jsonl 的校验和与清单不符');
    expect(await db.collection('complaint_timeline').countDocuments()).toBe(30);
  });

  it('answers bad input with a Chinese message and exit code 2', async () => {
    lines.length = 0;
    expect(await command('backup')).toBe(2);
    expect(await command('restore')).toBe(2);
    expect(await command('restore', join(dir, 'missing'))).toBe(2);
    expect(await command('backup', '--out', join(dir, 'round-trip'))).toBe(2); // not empty
    expect(await command('frobnicate')).toBe(2);
    expect(lines.join('\n')).not.toMatch(/\bat \S+ \(/); // no stack trace
    expect(lines).toEqual(expect.arrayContaining([expect.stringContaining('缺少 --out'), expect.stringContaining('缺少 manifest.json'), expect.stringContaining('不为空，请指定新目录')]));
  });
});

