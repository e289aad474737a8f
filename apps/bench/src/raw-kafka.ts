import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel, type Consumer, type Message } from 'kafkajs';
import { TOPICS, createEnvelope, type ComplaintReceivedV1 } from '@pipeline/contracts';

export interface KafkaHopsResult {
  messages: number;
  hops: number;
  partitions: number;
  messageBytes: number;
  seconds: number;
  messagesPerSec: number;
}

/** An envelope of the size the pipeline sends: a received complaint with a typical text. */
function sampleMessage(i: number): Message {
  const now = new Date().toISOString();
  const payload: ComplaintReceivedV1 = {
    complaintId: randomUUID(),
    channel: 'hotline',
    text: `市民来电反映：中山路步行街第${i}号门前有流动摊贩占道经营，晚上七点以后尤其严重，行人通行困难，请尽快处理。`.repeat(2),
    reportedAt: now,
    receivedAt: now,
    location: { lat: 36.069, lng: 120.3205 },
    address: '市南区中山路步行街',
  };
  const envelope = createEnvelope({ type: TOPICS.complaintReceived.type, version: 1, producer: 'bench', key: payload.complaintId, payload });
  return { key: payload.complaintId, value: JSON.stringify(envelope) };
}

/**
 * The broker's own limit in the pipeline's shape: messages produced into the
 * first of `hops` topics, relayed topic to topic by consumer groups (read a
 * batch, produce it on, commit), and counted at the end, with the services'
 * producer settings (idempotent, acks from all replicas) and kafkajs batches.
 */
export async function kafkaHops(brokers: string[], prefix: string, opts: { messages: number; hops: number; partitions: number }): Promise<KafkaHopsResult> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: opts.hops }, (_, i) => `${prefix}.bench-raw.hop${i}`);
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: opts.partitions, replicationFactor: 1 })), waitForLeaders: true });
  const producerOf = () => kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumers: Consumer[] = [];
  const producers = [producerOf()];
  let counted = 0;
  let lastAt = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  try {
    await producers[0].connect();
    for (let hop = 0; hop < opts.hops; hop++) {
      const consumer = kafka.consumer({ groupId: `${prefix}.bench-raw.g${hop}`, maxWaitTimeInMs: 50 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: topics[hop], fromBeginning: true });
      const onward = hop + 1 < opts.hops ? producerOf() : null;
      if (onward) {
        producers.push(onward);
        await onward.connect();
      }
      await consumer.run({
        partitionsConsumedConcurrently: opts.partitions,
        eachBatch: async ({ batch }) => {
          if (onward) {
            await onward.send({ topic: topics[hop + 1], messages: batch.messages.map((m) => ({ key: m.key, value: m.value })) });
          } else {
            counted += batch.messages.length;
            lastAt = Date.now();
            if (counted >= opts.messages) finished();
          }
        },
      });
    }
    const messages = Array.from({ length: opts.messages }, (_, i) => sampleMessage(i));
    const messageBytes = Buffer.byteLength(messages[0].value as string);
    const startedAt = Date.now();
    for (let i = 0; i < messages.length; i += 500) await producers[0].send({ topic: topics[0], messages: messages.slice(i, i + 500) });
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('Kafka 基准在 120 秒内未完成')), 120_000).unref())]);
    const seconds = (lastAt - startedAt) / 1000;
    return { messages: opts.messages, hops: opts.hops, partitions: opts.partitions, messageBytes, seconds, messagesPerSec: Math.round(opts.messages / seconds) };
  } finally {
    await Promise.all([...consumers, ...producers].map((c) => c.disconnect().catch(() => undefined)));
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
