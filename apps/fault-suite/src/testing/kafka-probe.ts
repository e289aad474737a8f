import { randomBytes } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, type Admin, type IHeaders, type Producer } from 'kafkajs';

/** A message as read back: the raw bytes, so a dead letter can be compared with what was sent. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface OutgoingMessage {
  key: string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(',') : (v?.toString() ?? '')]));
}

/**
 * The suite's view of the broker: consumer lag per group, the topics a group
 * subscribes to, snapshot reads of whole topics, offset resets and raw
 * publishing. The admin client is recreated after a failure, since the
 * broker is stopped and started under it.
 */
export class KafkaProbe {
  private readonly kafka: Kafka;
  private admin: Admin | null = null;
  private producer: Producer | null = null;

  constructor(brokers: string) {
    this.kafka = new Kafka({ clientId: 'fault-suite', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 200 } });
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    try {
      return await work(this.admin);
    } catch (err) {
      const stale = this.admin;
      this.admin = null;
      await stale?.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /** The topics the group's members subscribe to (read from the live group, so a new consumer is covered without editing the suite). */
  async subscriptions(groupId: string): Promise<string[]> {
    const { groups } = await this.withAdmin((a) => a.describeGroups([groupId]));
    const topics = new Set<string>();
    for (const member of groups[0]?.members ?? []) {
      const metadata = AssignerProtocol.MemberMetadata.decode(member.memberMetadata);
      for (const t of metadata?.topics ?? []) topics.add(t);
    }
    return [...topics].sort();
  }

  /** Messages of the group's topics not yet committed: 0 when the group has caught up. */
  async lag(groupId: string, topics: string[]): Promise<number> {
    return this.withAdmin(async (admin) => {
      const committed = await admin.fetchOffsets({ groupId, topics });
      let lag = 0n;
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const done = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
        for (const end of ends) {
          const position = done.get(end.partition) ?? -1n;
          const from = position < 0n ? BigInt(end.low) : position;
          if (BigInt(end.high) > from) lag += BigInt(end.high) - from;
        }
      }
      return Number(lag);
    });
  }

  /**
   * Every message of the topics up to their end offsets at the time of the
   * call, read by a throwaway consumer group. Bounded by time.
   */
  async read(topics: string[], timeoutMs = 30_000): Promise<RawMessage[]> {
    const ends = new Map<string, bigint>();
    await this.withAdmin(async (admin) => {
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
      }
    });
    if (!ends.size) return [];
    const pending = new Set(ends.keys());
    const seen = new Set<string>();
    const out: RawMessage[] = [];
    const groupId = `fault-suite-reader-${randomBytes(4).toString('hex')}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 3 } });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const slot = `${batch.topic}:${batch.partition}`;
          const end = ends.get(slot);
          for (const m of batch.messages) {
            if (end === undefined || BigInt(m.offset) >= end) break;
            const id = `${slot}:${m.offset}`;
            if (seen.has(id)) continue;
            seen.add(id);
            out.push({ topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? null, value: m.value, headers: headersOf(m.headers) });
            if (BigInt(m.offset) + 1n >= end && pending.delete(slot) && pending.size === 0) finish();
          }
        },
      });
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`read of ${topics.length} topics incomplete after ${timeoutMs} ms (${pending.size} partitions pending)`)), timeoutMs);
      });
      await Promise.race([finished, timedOut]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect().catch(() => undefined);
      await this.withAdmin((a) => a.deleteGroups([groupId])).catch(() => undefined);
    }
    return out;
  }

  /** Rewinds a group to the start of each topic. The group must have no members (its service stopped). */
  async rewind(groupId: string, topics: string[]): Promise<void> {
    await this.withAdmin(async (admin) => {
      for (const topic of topics) await admin.resetOffsets({ groupId, topic, earliest: true });
    });
  }

  /** Raw bytes to a (physical) topic, as a misbehaving producer or an operator would send them. */
  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (!messages.length) return;
    if (!this.producer) {
      // patient: a busy KRaft broker answers "not the leader" for a moment after topics are created
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1, retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 3_000 } });
      await producer.connect();
      this.producer = producer;
    }
    await this.producer.send({ topic, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
  }

  async close(): Promise<void> {
    await Promise.all([this.admin?.disconnect(), this.producer?.disconnect()].map((p) => p?.catch(() => undefined)));
    this.admin = null;
    this.producer = null;
  }
}
