import mongoose, { type Connection, type Model } from 'mongoose';
import type { Db } from 'mongodb';
import type { CommandIo } from '@pipeline/mongo';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { Complaint, ComplaintSchema } from '../complaint/complaint.schema';
import { RETENTION_RUNS_COLLECTION, runCallerRetention, runScheduledCallerRetention } from './caller-retention';
import { runRetentionCommand } from './retention.command';
import { retentionDay } from './retention.rules';

/**
 * The retention pass on a store seeded with complaints closed long ago and
 * recently, through the service's own model: only identities past the
 * period go, statistics stay, and repeating the pass (or a dry run) changes
 * nothing.
 */
describe('caller retention', () => {
  const PERIOD_DAYS = 365;
  // the command reads the clock, so the seeded ages are relative to it
  const now = new Date();
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const dbName = testDbName(testNamespace('retention'), 'intake');
  let conn: Connection;
  let complaints: Model<Complaint>;
  let db: Db;

  const identity = (n: number) => ({ ref: `ref-${n}`, nameCipher: `v1.a.b.name${n}`, phoneCipher: `v1.a.b.phone${n}`, anonymous: false });
  let seq = 0;
  const seed = (label: string, fields: { closedDaysAgo?: number; status?: string; caller?: Complaint['caller']; callbackDaysAgo?: number }) => {
    const id = `0190${String(++seq).padStart(4, '0')}-0000-7000-8000-${label.padEnd(12, '0').slice(0, 12)}`;
    const closedAt = fields.closedDaysAgo === undefined ? null : daysAgo(fields.closedDaysAgo);
    return complaints.create({
      _id: id, dedupeKey: id, channel: 'hotline', text: `${label}：小区门口占道经营`, address: '市南区中山路 1 号', location: { lat: 36.07, lng: 120.32 },
      reportedAt: daysAgo(800), receivedAt: daysAgo(800), caller: fields.caller === undefined ? identity(seq) : fields.caller,
      status: fields.status ?? (closedAt ? 'closed' : 'classified'),
      classification: { category: 'street_order', enforceable: true, urgent: false, hotspotAreaId: 'HS01', communityId: 'CM001', district: '市南区', repeatOf: null, responsibleBody: 'district_enforcement_squad', needsReview: false, correctedBy: null, at: daysAgo(799) },
      closure: closedAt ? { kind: 'handled', resolution: '已劝离', at: closedAt } : null,
      lastCallback: fields.callbackDaysAgo === undefined ? null : { resolved: false, satisfaction: 'unsatisfied', notes: null, at: daysAgo(fields.callbackDaysAgo) },
      correlationId: `corr-${seq}`, updatedAt: daysAgo(1),
    });
  };
  const all = async () => (await db.collection('complaints').find().sort({ _id: 1 }).toArray()).map((c) => ({ ...c }));
  const byLabel = async (label: string) => (await all()).find((c) => (c['text'] as string).startsWith(`${label}：`))!;
  const lines: string[] = [];
  const io: CommandIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
  const command = (...argv: string[]) =>
    runRetentionCommand(argv, () => ({ MONGODB_URI: testInfra().mongoUri, MONGODB_DB: dbName, MIGRATE_ON_START: true, CALLER_RETENTION_DAYS: PERIOD_DAYS }), io);

  beforeAll(async () => {
    conn = await mongoose.createConnection(testInfra().mongoUri, { dbName, retryWrites: false }).asPromise();
    complaints = conn.model(Complaint.name, ComplaintSchema);
    await complaints.init();
    db = conn.db as unknown as Db;
    // past the period: their identity goes
    for (let i = 0; i < 7; i++) await seed(`old${i}`, { closedDaysAgo: 366 + i * 30 });
    await seed('oldnameonly', { closedDaysAgo: 400, caller: { ref: null, nameCipher: 'v1.a.b.n', phoneCipher: null, anonymous: false } });
    // kept: within the period, reopened after an unsatisfied callback, never closed, nothing to erase
    await seed('recent', { closedDaysAgo: 364 });
    await seed('reopened', { closedDaysAgo: 500, status: 'reopened', callbackDaysAgo: 490 });
    await seed('open', {});
    await seed('anonymous', { closedDaysAgo: 600, caller: { ref: null, nameCipher: null, phoneCipher: null, anonymous: true } });
    await seed('nocaller', { closedDaysAgo: 600, caller: null });
  });

  afterAll(async () => {
    await db.dropDatabase();
    await conn.close();
  });

  it('a dry run counts what is due and changes nothing', async () => {
    const before = await all();
    lines.length = 0;
    expect(await command('--dry-run')).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^试运行：.*共 8 件，未做任何修改/)]);
    expect(await all()).toEqual(before);
    const run = await db.collection(RETENTION_RUNS_COLLECTION).findOne({ dryRun: true });
    expect(run).toEqual(expect.objectContaining({ trigger: 'command', due: 8, anonymised: 0, periodDays: PERIOD_DAYS, finishedAt: expect.any(Date) }));
  });

  it('anonymises callers of complaints closed before the period, resumably, keeping everything else', async () => {
    const before = await all();
    // a pass that stops after three complaints (a crash, a shutdown) …
    let allowed = 3;
    const interrupted = runCallerRetention(db, {
      periodDays: PERIOD_DAYS, now, batchSize: 2,
      withDocumentLock: (_id, work) => {
        if (allowed-- <= 0) throw new Error('stopped');
        return work();
      },
    });
    await expect(interrupted).rejects.toThrow('stopped');
    expect((await all()).filter((c) => c['caller']?.anonymisedAt)).toHaveLength(3);

    // … and the next one finishes the rest
    const report = await runCallerRetention(db, { periodDays: PERIOD_DAYS, now, batchSize: 2 });
    expect(report).toEqual(expect.objectContaining({ due: 5, anonymised: 5 }));

    const after = await all();
    const erased = after.filter((c) => c['caller']?.anonymisedAt);
    expect(erased.map((c) => (c['text'] as string).split('：')[0]).sort()).toEqual(['old0', 'old1', 'old2', 'old3', 'old4', 'old5', 'old6', 'oldnameonly']);
    for (const c of erased) {
      expect(c['caller']).toEqual({ ref: null, nameCipher: null, phoneCipher: null, anonymous: false, anonymisedAt: expect.any(Date) });
      // statistics and the complaint itself stay exactly as they were
      const { caller: _erased, ...rest } = c;
      const { caller: _original, ...original } = before.find((b) => b['_id'] === c['_id'])!;
      expect(rest).toEqual(original);
    }
    for (const label of ['recent', 'reopened', 'open', 'anonymous', 'nocaller']) {
      expect(await byLabel(label)).toEqual(before.find((b) => (b['text'] as string).startsWith(`${label}：`)));
    }
  });

  it('a second pass changes nothing', async () => {
    const before = await all();
    lines.length = 0;
    expect(await command()).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/中，0 件的来电人信息已匿名化/)]);
    expect(await all()).toEqual(before);
  });

  it('runs the scheduled pass on one instance a day', async () => {
    const options = { periodDays: PERIOD_DAYS, now };
    const reports = await Promise.all([runScheduledCallerRetention(db, options), runScheduledCallerRetention(db, options), runScheduledCallerRetention(db, options)]);
    expect(reports.filter((r) => r !== null)).toHaveLength(1);
    expect(await db.collection(RETENTION_RUNS_COLLECTION).countDocuments({ _id: `schedule:${retentionDay(now)}` as never })).toBe(1);
    expect(await runScheduledCallerRetention(db, { periodDays: PERIOD_DAYS, now: new Date(now.getTime() + 86_400_000) })).toEqual(expect.objectContaining({ anonymised: 0 }));
  });

  it('answers bad arguments with a Chinese message and exit code 2', async () => {
    lines.length = 0;
    expect(await command('--dryrun')).toBe(2);
    expect(await command('now')).toBe(2);
    expect(lines).toEqual([expect.stringContaining('未知参数 --dryrun'), expect.stringContaining('多余的参数：now')]);
  });
});
