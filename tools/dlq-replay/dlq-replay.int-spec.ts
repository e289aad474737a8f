import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { HEADERS, TOPICS, createEnvelope, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import { REPO_ROOT, TopicReader, eventually, testInfra, testNamespace } from '@pipeline/testing';
import { CommandError, parseCommandLine } from './command-line';
import { replayDeadLetters } from './replay';

const run = promisify(execFile);

describe('the dlq:replay command line', () => {
  it('reads a topic, --dry-run and --limit in both spellings', () => {
    expect(parseCommandLine(['complaints.classified.v1'])).toEqual({ topic: 'complaints.classified.v1', dryRun: false, limit: Infinity });
    expect(parseCommandLine(['complaints.classified.v1.dlq', '--dry-run', '--limit', '3'])).toEqual({ topic: 'complaints.classified.v1', dryRun: true, limit: 3 });
    expect(parseCommandLine(['--limit=2', 'complaints.classified.v1'])).toMatchObject({ limit: 2 });
    expect(parseCommandLine(['-h'])).toBe('help');
  });

  it.each([
    [[], '缺少主题名'],
    [['complaints.classified.v1', '--nope'], '未知选项 --nope'],
    [['complaints.classified.v1', '--limit', '0'], '--limit 须为正整数，收到 "0"'],
    [['complaints.classified.v1', '--limit'], '--limit 须为正整数'],
    [['complaints.classified.v1', 'cases.opened.v1'], '只能指定一个主题，多余的参数：cases.opened.v1'],
    [['Complaints'], '主题名无效'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(CommandError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

/**
 * Dead letters as the transport writes them (original bytes, the x-dlq-*
 * headers), replayed to their source topic once: a second run finds nothing.
 */
describe('npm run dlq:replay on the real broker', () => {
  const ns = testNamespace('dlq-tool');
  const { kafkaBrokers } = testInfra();
  const contract = TOPICS.complaintClassified;
  const source = physicalTopicName(contract.name, ns);
  const dlq = physicalTopicName(deadLetterTopicName(contract.name), ns);
  const kafka = new Kafka({ clientId: 'dlq-tool-test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const said: string[] = [];
  const say = (msg: string) => void said.push(msg);
  const replay = (more: { dryRun?: boolean; limit?: number } = {}) =>
    replayDeadLetters({ topic: contract.name, dryRun: false, limit: Infinity, ...more, brokers: kafkaBrokers.split(','), prefix: ns }, say);
  let admin: Admin;
  let producer: Producer;
  let reader: TopicReader;

  const envelope = (key: string) => createEnvelope({ type: contract.type, version: contract.version, producer: 'test', key, payload: { complaintId: key } });
  const deadLetter = (value: string, key: string, group: string) => ({
    key,
    value,
    headers: {
      [HEADERS.eventType]: contract.type,
      [HEADERS.dlqReason]: 'HANDLER_FAILED: 测试',
      [HEADERS.dlqOriginalTopic]: contract.name,
      [HEADERS.dlqOriginalPartition]: '0',
      [HEADERS.dlqOriginalOffset]: '7',
      [HEADERS.dlqConsumerGroup]: group,
      [HEADERS.dlqFailedAt]: new Date().toISOString(),
    },
  });

  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    // kafkajs' waitForLeaders does not retry "does not host this topic-partition", which a fresh KRaft broker
    // answers for a moment after creating a topic (the services' TopicAdmin waits the same way)
    await admin.createTopics({ waitForLeaders: false, topics: [source, dlq].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })) });
    await eventually(async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [source, dlq] });
      expect(topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))).toBe(true);
    }, { timeoutMs: 30_000 });
    reader = await new TopicReader(kafkaBrokers, [source]).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all([admin?.disconnect(), producer?.disconnect()]);
  });

  it('lists in a dry run, then replays each event once to its source, without the dead-letter headers', async () => {
    const a = envelope('c-a');
    const b = envelope('c-b');
    await producer.send({
      topic: dlq,
      messages: [
        deadLetter(JSON.stringify(a), 'c-a', `${ns}.enforcement-case`),
        deadLetter(JSON.stringify(a), 'c-a', `${ns}.complaint-intake`), // the same event, dead-lettered by a second group
        deadLetter(JSON.stringify(b), 'c-b', `${ns}.enforcement-case`),
      ],
    });

    expect(await replay({ dryRun: true })).toBe(2);
    expect(said.at(-1)).toContain('预演结束：将重放 2 条，跳过同一原始消息的重复死信 1 条');
    expect(await replay()).toBe(2);
    expect(said.at(-1)).toContain('完成：已重放 2 条，跳过同一原始消息的重复死信 1 条');
    expect(await replay()).toBe(0);
    expect(said.at(-1)).toContain('没有待重放的死信');

    // --limit: a run stops after N, the next one goes on from there
    const c = envelope('c-c');
    const d = envelope('c-d');
    await producer.send({ topic: dlq, messages: [deadLetter(JSON.stringify(c), 'c-c', `${ns}.enforcement-case`), deadLetter(JSON.stringify(d), 'c-d', `${ns}.enforcement-case`)] });
    expect(await replay({ limit: 1 })).toBe(1);
    expect(await replay()).toBe(1);
    expect(await replay()).toBe(0);

    const replayed = await eventually(() => {
      const read = reader.messages.filter((m) => m.topic === source);
      expect(read).toHaveLength(4);
      return read;
    });
    expect(replayed.map((m) => m.value)).toEqual([a, b, c, d].map((e) => JSON.stringify(e)));
    for (const m of replayed) {
      expect(Object.keys(m.headers).filter((h) => h.startsWith('x-dlq-'))).toEqual([]);
      expect(m.headers[HEADERS.eventType]).toBe(contract.type);
      expect(m.headers[HEADERS.replayedAt]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('runs as npm runs it (tsx), and says in Chinese what is wrong', async () => {
    const tool = (args: string[]) =>
      run(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--tsconfig', 'tools/dlq-replay/tsconfig.json', 'tools/dlq-replay/dlq-replay.ts', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, KAFKA_BROKERS: kafkaBrokers, KAFKA_TOPIC_PREFIX: ns },
      });
    expect((await tool([contract.name])).stdout).toContain('没有待重放的死信');
    await expect(tool([])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('缺少主题名') });
    await expect(tool(['complaints.nothing.v9'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('不存在') });
  });
});
