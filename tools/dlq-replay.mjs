#!/usr/bin/env node
// npm run dlq:replay -- TOPIC [--dry-run] [--limit N]
//
// Re-publishes the dead letters of <TOPIC>.dlq, original key and bytes, to the
// topic each one came from (its x-dlq-original-topic header), once the cause
// has been fixed. The tool reads the dead-letter topic in a consumer group of
// its own and commits after each dead letter it has re-published, so a dead
// letter is replayed once: a second run starts where the first stopped. A
// crash between publishing and committing replays that one again, which the
// consumers drop by event id. Every consumer group of the source topic reads
// the replayed message; groups that had processed it skip it.
//
// KAFKA_BROKERS (default 127.0.0.1:9092) and KAFKA_TOPIC_PREFIX (default
// empty) as for the services; TOPIC is the logical name, e.g.
// complaints.classified.v1.
import { Kafka, logLevel } from 'kafkajs';

// As in libs/contracts/src/topics.ts (HEADERS, physicalTopicName, consumerGroupName); the
// fault-suite's replay spec runs this tool on dead letters written by the real transport.
const DLQ_HEADER = /^x-dlq-/;
const H = {
  reason: 'x-dlq-reason',
  topic: 'x-dlq-original-topic',
  partition: 'x-dlq-original-partition',
  offset: 'x-dlq-original-offset',
  group: 'x-dlq-consumer-group',
  failedAt: 'x-dlq-failed-at',
};
/** Added to a replayed message, so a dead letter that fails again shows it was replayed before. */
const REPLAYED_AT = 'x-replayed-at';
const TIMEOUT_MS = 120_000;

const say = (msg) => process.stdout.write(`[死信重放] ${msg}\n`);
const fail = (msg, code = 1) => {
  process.stderr.write(`[死信重放] ${msg}\n`);
  process.exit(code);
};

function usage() {
  return [
    '用法：npm run dlq:replay -- <主题> [--dry-run] [--limit N]',
    '  <主题>       逻辑主题名，如 complaints.classified.v1（读取其死信主题 <主题>.dlq）',
    '  --dry-run    只列出将要重放的死信，不发送，也不提交位点',
    '  --limit N    本次最多重放 N 条',
    '环境变量：KAFKA_BROKERS（默认 127.0.0.1:9092）、KAFKA_TOPIC_PREFIX（默认为空）',
  ].join('\n');
}

function parseArgs(argv) {
  const opts = { topic: null, dryRun: false, limit: Infinity };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${usage()}\n`);
      process.exit(0);
    } else if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--limit' || a.startsWith('--limit=')) {
      const raw = a === '--limit' ? argv[++i] : a.slice('--limit='.length);
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) fail(`--limit 须为正整数，收到 "${raw ?? ''}"\n${usage()}`, 2);
      opts.limit = n;
    } else if (a.startsWith('-')) fail(`未知选项 ${a}\n${usage()}`, 2);
    else if (opts.topic) fail(`只能指定一个主题，多余的参数：${a}\n${usage()}`, 2);
    else opts.topic = a.replace(/\.dlq$/, '');
  }
  if (!opts.topic) fail(`缺少主题名\n${usage()}`, 2);
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(opts.topic)) fail(`主题名无效："${opts.topic}"（逻辑主题名，如 complaints.classified.v1）`, 2);
  return opts;
}

const text = (v) => (v === undefined || v === null ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/** The event id of a readable envelope, else undefined. */
function eventIdOf(value) {
  try {
    const e = JSON.parse(value?.toString('utf8') ?? '');
    return e && typeof e === 'object' && typeof e.eventId === 'string' ? e.eventId : undefined;
  } catch {
    return undefined;
  }
}

function describeEvent(value) {
  try {
    const e = JSON.parse(value?.toString('utf8') ?? '');
    return e && typeof e === 'object' && e.eventId ? `事件 ${e.eventId}（${e.type ?? '?'} v${e.version ?? '?'}）` : '（无事件 id）';
  } catch {
    return '（无法解析的消息）';
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const physical = (name) => (prefix ? `${prefix}.${name}` : name);
  const dlqTopic = physical(`${opts.topic}.dlq`);
  const groupId = physical('dlq-replay');

  const kafka = new Kafka({ clientId: 'dlq-replay', brokers, logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 300 } });
  const admin = kafka.admin();
  await admin.connect();
  let ends;
  let committed;
  try {
    if (!(await admin.listTopics()).includes(dlqTopic)) fail(`死信主题 ${dlqTopic} 不存在（KAFKA_BROKERS=${brokers.join(',')}，KAFKA_TOPIC_PREFIX=${prefix || '（空）'}）`);
    ends = await admin.fetchTopicOffsets(dlqTopic);
    committed = new Map(((await admin.fetchOffsets({ groupId, topics: [dlqTopic] }))[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await admin.disconnect();
  }

  // what is waiting now: from the group's position (or the start) to the end seen at this moment;
  // a dead letter written meanwhile (one that fails again after this replay, say) waits for the next run
  const pending = new Map();
  for (const p of ends) {
    const position = committed.get(p.partition) ?? -1n;
    const start = position >= 0n ? position : BigInt(p.low);
    if (BigInt(p.high) > start) pending.set(p.partition, { start, end: BigInt(p.high) });
  }
  const waiting = [...pending.values()].reduce((n, p) => n + Number(p.end - p.start), 0);
  if (!waiting) {
    say(`${dlqTopic} 没有待重放的死信（消费组 ${groupId}）。`);
    return;
  }
  say(
    `${dlqTopic}：待重放死信 ${waiting} 条${Number.isFinite(opts.limit) ? `，本次最多重放 ${opts.limit} 条` : ''}` +
      `${opts.dryRun ? '；预演模式：不发送消息，也不提交位点' : ''}。`,
  );

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  const seen = new Set();
  let replayed = 0;
  let duplicates = 0;
  let finish = () => undefined;
  const finished = new Promise((resolve) => (finish = resolve));
  const done = () => pending.size === 0 || replayed >= opts.limit;

  await Promise.all([producer.connect(), consumer.connect()]);
  let timer;
  try {
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const slot = pending.get(batch.partition);
        if (!slot) return;
        for (const m of batch.messages) {
          if (!isRunning() || isStale() || done()) break;
          const offset = BigInt(m.offset);
          if (offset < slot.start) continue;
          if (offset >= slot.end) break;
          const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, text(v)]));
          const origin = headers[H.topic] || opts.topic;
          const from = `${origin} 分区 ${headers[H.partition] ?? '?'} 位点 ${headers[H.offset] ?? '?'}`;
          const where = `分区 ${batch.partition} 位点 ${m.offset}`;
          // several consumer groups may have dead-lettered the same original message, and a producer's retry may have
          // sent the same event twice: one replay of an event reaches every group, which drop repeats by event id
          const eventId = eventIdOf(m.value);
          const identity = eventId ? `事件 ${eventId}` : from;
          if (seen.has(identity)) {
            duplicates++;
            say(`跳过 ${where}：与本次已重放的一条死信是同一${eventId ? '事件' : '原始消息'}（${identity}，${from}，消费组 ${headers[H.group] ?? '?'}）`);
          } else {
            seen.add(identity);
            if (!opts.dryRun) {
              const kept = Object.fromEntries(Object.entries(m.headers ?? {}).filter(([k]) => !DLQ_HEADER.test(k)));
              await producer.send({
                topic: physical(origin),
                acks: -1,
                messages: [{ key: m.key, value: m.value, headers: { ...kept, [REPLAYED_AT]: new Date().toISOString() } }],
              });
            }
            replayed++;
            say(
              `${opts.dryRun ? '将重放' : '已重放'} ${where} → ${physical(origin)}：键 ${text(m.key) ?? '（无）'}，${describeEvent(m.value)}；` +
                `原因：${headers[H.reason] ?? '（未记录）'}（消费组 ${headers[H.group] ?? '?'}，${headers[H.failedAt] ?? '时间不详'}）`,
            );
          }
          resolveOffset(m.offset);
          // committed after each one: a dead letter replayed is never replayed by the next run
          if (!opts.dryRun) await consumer.commitOffsets([{ topic: dlqTopic, partition: batch.partition, offset: String(offset + 1n) }]);
          slot.start = offset + 1n;
          if (slot.start >= slot.end) pending.delete(batch.partition);
          await heartbeat();
          if (done()) break;
        }
        if (done()) finish();
      },
    });
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${TIMEOUT_MS / 1000} 秒内未读完 ${dlqTopic}（已重放 ${replayed} 条）`)), TIMEOUT_MS);
    });
    await Promise.race([finished, timedOut]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  const skippedNote = duplicates ? `，跳过同一原始消息的重复死信 ${duplicates} 条` : '';
  if (opts.dryRun) say(`预演结束：将重放 ${replayed} 条${skippedNote}；未发送任何消息，也未提交位点。`);
  else say(`完成：已重放 ${replayed} 条${skippedNote}；消费组 ${groupId} 的位点已提交，这些死信不会再次重放。`);
}

main().catch((err) => fail(`失败：${err instanceof Error ? err.message : String(err)}`));
