import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { HEADERS, TOPICS, createEnvelope, deadLetterTopicName, physicalTopicName, type TopicContract } from '@pipeline/contracts';
import { REPO_ROOT, RunningSystem, eventually, testInfra, testNamespace } from '@pipeline/testing';
import { KafkaProbe } from './testing/kafka-probe';

const run = promisify(execFile);
/** `npm run dlq:replay` without npm: tsx running the tool's TypeScript. */
const TOOL = [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--tsconfig', join(REPO_ROOT, 'tools', 'dlq-replay', 'tsconfig.json'), join(REPO_ROOT, 'tools', 'dlq-replay', 'dlq-replay.ts')];

/**
 * `npm run dlq:replay` on dead letters written by the real consumer
 * pipeline: a clerk's correction that reaches enforcement-case before the
 * complaint's classification is retried, then dead-lettered; once the
 * classification has arrived (the fix), replaying the dead letters gets the
 * corrections processed, each once.
 */
describe('npm run dlq:replay', () => {
  const ns = testNamespace('dlq-replay');
  const infra = testInfra();
  const topic = (t: TopicContract) => physicalTopicName(t.name, ns);
  const corrected = TOPICS.complaintClassificationCorrected;
  let system: RunningSystem;
  let probe: KafkaProbe;
  let mongo: MongoClient;

  const replay = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [...TOOL, corrected.name, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, KAFKA_TOPIC_PREFIX: ns },
    });
    return stdout;
  };
  const records = () => mongo.db(system.database('enforcement-case')).collection<{ _id: string; category: string; enforceable: boolean }>('complaint_records');
  const categoryOf = async (id: string) => (await records().findOne({ _id: id }))?.category ?? null;
  const now = () => new Date().toISOString();

  const correction = (complaintId: string) =>
    createEnvelope({
      type: corrected.type,
      version: corrected.version,
      producer: 'classification',
      key: complaintId,
      payload: {
        complaintId, category: 'street_order', enforceable: true, urgent: false, hotspotAreaId: 'HS01', communityId: null, district: '市南区', repeatOf: null,
        responsibleBody: 'district_enforcement_squad', previous: { category: 'sanitation', enforceable: false, urgent: false, hotspotAreaId: 'HS01' },
        reportedAt: now(), correctedBy: 'clerk-7', reason: '现场核实为占道经营', correctedAt: now(),
      },
    });
  const classification = (complaintId: string) =>
    createEnvelope({
      type: TOPICS.complaintClassified.type,
      version: TOPICS.complaintClassified.version,
      producer: 'classification',
      key: complaintId,
      payload: {
        complaintId, category: 'sanitation', enforceable: false, urgent: false, confidence: { category: 0.8, enforceable: 0.8, urgent: 0.9 },
        hotspotAreaId: 'HS01', communityId: null, district: '市南区', repeatOf: null, location: { lat: 36.069, lng: 120.3205 }, address: '中山路步行街',
        responsibleBody: 'sanitation_department', needsReview: false, modelVersion: 'dlq-replay-spec', channel: 'hotline', reportedAt: now(), receivedAt: now(),
      },
    });

  beforeAll(async () => {
    system = await RunningSystem.start(ns, infra, { only: ['enforcement-case'] });
    probe = new KafkaProbe(infra.kafkaBrokers);
    mongo = await new MongoClient(infra.mongoUri).connect();
  }, 120_000);

  afterAll(async () => {
    await probe?.close();
    await mongo?.close();
    await system?.stop();
  });

  it('replays fixed dead letters to their source topic once, honouring --dry-run and --limit', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const corrections = [correction(first), correction(second)];
    await probe.send(topic(corrected), corrections.map((e) => ({ key: e.key, value: JSON.stringify(e) })));

    // enforcement-case has not decided these complaints: a few attempts, then the dead-letter topic
    const dlq = physicalTopicName(deadLetterTopicName(corrected.name), ns);
    const dead = await eventually(
      async () => {
        const letters = await probe.read([dlq]);
        expect(letters.map((m) => m.key).sort()).toEqual([first, second].sort());
        return letters;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    for (const m of dead) {
      expect(m.headers[HEADERS.dlqReason]).toMatch(/^HANDLER_FAILED after \d+ attempts/);
      expect(m.headers[HEADERS.dlqConsumerGroup]).toBe(system.consumerGroup('enforcement-case'));
      expect(m.headers[HEADERS.dlqOriginalTopic]).toBe(corrected.name);
    }

    // the fix: the classifications arrive and the complaints are decided
    await probe.send(topic(TOPICS.complaintClassified), [first, second].map((id) => classification(id)).map((e) => ({ key: e.key, value: JSON.stringify(e) })));
    await eventually(async () => expect([await categoryOf(first), await categoryOf(second)]).toEqual(['sanitation', 'sanitation']), { timeoutMs: 30_000 });

    const preview = await replay('--dry-run');
    expect(preview.match(/将重放 分区/g)).toHaveLength(2);
    expect(preview).toContain('预演结束：将重放 2 条');
    expect((await probe.read([topic(corrected)])).length).toBe(2);

    const one = await replay('--limit', '1');
    expect(one.match(/已重放 分区/g)).toHaveLength(1);
    expect(one).toContain('完成：已重放 1 条');
    const replayedFirst = dead.find((m) => one.includes(`键 ${m.key}`));
    expect(replayedFirst).toBeDefined();
    await eventually(async () => expect(await categoryOf(replayedFirst!.key!)).toBe('street_order'), { timeoutMs: 30_000 });
    expect(await categoryOf(replayedFirst!.key === first ? second : first)).toBe('sanitation');

    const rest = await replay();
    expect(rest).toContain('完成：已重放 1 条');
    await eventually(async () => expect([await categoryOf(first), await categoryOf(second)]).toEqual(['street_order', 'street_order']), { timeoutMs: 30_000 });

    // the same bytes and key went back to the source topic, without the dead-letter headers
    const source = await probe.read([topic(corrected)]);
    expect(source).toHaveLength(4);
    for (const e of corrections) {
      const copies = source.filter((m) => m.key === e.key);
      expect(copies.map((m) => m.value?.toString('utf8'))).toEqual([JSON.stringify(e), JSON.stringify(e)]);
      expect(Object.keys(copies[1].headers).filter((h) => h.startsWith('x-dlq-'))).toEqual([]);
      expect(copies[1].headers['x-replayed-at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }

    // replayed once: the tool's group has committed past both, and the corrections did not fail again
    expect(await replay()).toContain('没有待重放的死信');
    expect((await probe.read([dlq])).length).toBe(2);
  });

  it('refuses a missing topic name and an unknown dead-letter topic, in Chinese', async () => {
    await expect(run(process.execPath, TOOL, { cwd: REPO_ROOT })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('缺少主题名') });
    await expect(
      run(process.execPath, [...TOOL, 'complaints.nothing.v9'], {
        cwd: REPO_ROOT,
        env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, KAFKA_TOPIC_PREFIX: ns },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('不存在') });
  });
});
