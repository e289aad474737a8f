import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { HEADERS, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import { CommandError } from './command-line';

export interface ReplayOptions {
  /** The logical topic whose dead letters to replay. */
  topic: string;
  dryRun: boolean;
  /** At most this many (Infinity: all that wait). */
  limit: number;
  brokers: string[];
  /** KAFKA_TOPIC_PREFIX. */
  prefix: string;
}

/** What the transport adds when it dead-letters a message: not carried back to the source topic. */
const DLQ_HEADERS = new Set<string>([
  HEADERS.dlqReason, HEADERS.dlqOriginalTopic, HEADERS.dlqOriginalPartition, HEADERS.dlqOriginalOffset, HEADERS.dlqConsumerGroup, HEADERS.dlqFailedAt,
]);
const TIMEOUT_MS = 120_000;

const text = (v: unknown) => (v === undefined || v === null ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

function envelopeOf(value: Buffer | null): { eventId?: unknown; type?: unknown; version?: unknown } | undefined {
  try {
    const e = JSON.parse(value?.toString('utf8') ?? '');
    return e && typeof e === 'object' ? e : undefined;
  } catch {
    return undefined;
  }
}

/** The event id of a readable envelope, else undefined. */
function eventIdOf(value: Buffer | null): string | undefined {
  const id = envelopeOf(value)?.eventId;
  return typeof id === 'string' ? id : undefined;
}

function describeEvent(value: Buffer | null): string {
  const e = envelopeOf(value);
  if (!e) return '（无法解析的消息）';
  return e.eventId ? `事件 ${e.eventId}（${e.type ?? '?'} v${e.version ?? '?'}）` : '（无事件 id）';
}

/**
 * Replays what waits in the topic's dead-letter topic now, reporting each step
 * through `say`; returns how many were replayed (or would be, in a dry run).
 */
export async function replayDeadLetters(opts: ReplayOptions, say: (msg: string) => void): Promise<number> {
  const physical = (name: string) => physicalTopicName(name, opts.prefix);
  const dlqTopic = physical(deadLetterTopicName(opts.topic));
  const groupId = physical('dlq-replay');

  const kafka = new Kafka({ clientId: 'dlq-replay', brokers: opts.brokers, logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 300 } });
  const admin = kafka.admin();
  await admin.connect();
  let ends;
  let committed;
  try {
    if (!(await admin.listTopics()).includes(dlqTopic)) {
      throw new CommandError(`死信主题 ${dlqTopic} 不存在（KAFKA_BROKERS=${opts.brokers.join(',')}，KAFKA_TOPIC_PREFIX=${opts.prefix || '（空）'}）`, 1, false);
    }
    ends = await admin.fetchTopicOffsets(dlqTopic);
    committed = new Map(((await admin.fetchOffsets({ groupId, topics: [dlqTopic] }))[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await admin.disconnect();
  }

  // what is waiting now: from the group's position (or the start) to the end seen at this moment;
  // a dead letter written meanwhile (one that fails again after this replay, say) waits for the next run
  const pending = new Map<number, { start: bigint; end: bigint }>();
  for (const p of ends) {
    const position = committed.get(p.partition) ?? -1n;
    const start = position >= 0n ? position : BigInt(p.low);
    if (BigInt(p.high) > start) pending.set(p.partition, { start, end: BigInt(p.high) });
  }
  const waiting = [...pending.values()].reduce((n, p) => n + Number(p.end - p.start), 0);
  if (!waiting) {
    say(`${dlqTopic} 没有待重放的死信（消费组 ${groupId}）。`);
    return 0;
  }
  say(
    `${dlqTopic}：待重放死信 ${waiting} 条${Number.isFinite(opts.limit) ? `，本次最多重放 ${opts.limit} 条` : ''}` +
      `${opts.dryRun ? '；预演模式：不发送消息，也不提交位点' : ''}。`,
  );

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  const seen = new Set<string>();
  let replayed = 0;
  let duplicates = 0;
  let finish = () => undefined as void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const done = () => pending.size === 0 || replayed >= opts.limit;

  await Promise.all([producer.connect(), consumer.connect()]);
  let timer: NodeJS.Timeout | undefined;
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
          const headers: Record<string, string | undefined> = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, text(v)]));
          const origin = headers[HEADERS.dlqOriginalTopic] || opts.topic;
          const from = `${origin} 分区 ${headers[HEADERS.dlqOriginalPartition] ?? '?'} 位点 ${headers[HEADERS.dlqOriginalOffset] ?? '?'}`;
          const where = `分区 ${batch.partition} 位点 ${m.offset}`;
          const group = headers[HEADERS.dlqConsumerGroup] ?? '?';
          // several consumer groups may have dead-lettered the same original message, and a producer's retry may have
          // sent the same event twice: one replay of an event reaches every group, which drop repeats by event id
          const eventId = eventIdOf(m.value);
          const identity = eventId ? `事件 ${eventId}` : from;
          if (seen.has(identity)) {
            duplicates++;
            say(`跳过 ${where}：与本次已重放的一条死信是同一${eventId ? '事件' : '原始消息'}（${identity}，${from}，消费组 ${group}）`);
          } else {
            seen.add(identity);
            if (!opts.dryRun) {
              const kept: IHeaders = Object.fromEntries(Object.entries(m.headers ?? {}).filter(([k]) => !DLQ_HEADERS.has(k)));
              await producer.send({
                topic: physical(origin),
                acks: -1,
                messages: [{ key: m.key, value: m.value, headers: { ...kept, [HEADERS.replayedAt]: new Date().toISOString() } }],
              });
            }
            replayed++;
            say(
              `${opts.dryRun ? '将重放' : '已重放'} ${where} → ${physical(origin)}：键 ${text(m.key) ?? '（无）'}，${describeEvent(m.value)}；` +
                `原因：${headers[HEADERS.dlqReason] ?? '（未记录）'}（消费组 ${group}，${headers[HEADERS.dlqFailedAt] ?? '时间不详'}）`,
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
    const timedOut = new Promise<never>((_, reject) => {
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
  return replayed;
}
