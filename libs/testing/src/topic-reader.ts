import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { randomBytes } from 'node:crypto';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  json<T = Record<string, unknown>>(): T;
}

/** An envelope as read back, loosely typed for assertions. */
export interface ReadEnvelope {
  eventId: string;
  type: string;
  occurredAt: string;
  causationId?: string | null;
  payload: Record<string, unknown>;
}

function toRead(topic: string, partition: number, m: KafkaMessage): ReadMessage {
  const headers = Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']));
  const value = m.value?.toString('utf8') ?? null;
  return { topic, partition, offset: m.offset, key: m.key?.toString() ?? null, value, headers, json: () => JSON.parse(value ?? 'null') };
}

/**
 * A test's own consumer, in a group of its own, that collects every message
 * of the given (physical) topics from the beginning.
 */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer: Consumer | null = null;

  constructor(private readonly brokers: string, private readonly topics: string[]) {}

  async start(): Promise<this> {
    const kafka = new Kafka({ clientId: 'test-reader', brokers: this.brokers.split(','), logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ topic, partition, message }) => void this.messages.push(toRead(topic, partition, message)) });
    return this;
  }

  on(topic: string): ReadMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /**
   * The distinct events among the messages `where` selects, in the order they
   * happened. The outbox publishes at least once, so the same event can be
   * read twice; a count of events is a count of event ids.
   */
  events<E extends { eventId: string; occurredAt: string } = ReadEnvelope>(where: (m: ReadMessage) => boolean = () => true): E[] {
    const byId = new Map<string, E>();
    for (const m of this.messages) {
      if (!where(m)) continue;
      const e = m.json<E>();
      if (!byId.has(e.eventId)) byId.set(e.eventId, e);
    }
    // several topics: Kafka orders within a partition only
    return [...byId.values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
