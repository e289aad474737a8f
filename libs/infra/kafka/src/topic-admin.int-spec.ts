import { Kafka, logLevel } from 'kafkajs';
import { IsolatedInfra, testNamespace } from '@pipeline/testing';
import { TopicAdmin } from './topic-admin';

/**
 * A freshly started KRaft broker answers "does not host this topic-partition"
 * for a moment after topics are created; services start together on such a
 * broker in CI and on a bureau's first boot. Every service must come up, and
 * the first publish to every topic must succeed.
 */
describe('TopicAdmin on a freshly started broker', () => {
  const ns = testNamespace('topic-admin');
  let broker: IsolatedInfra;
  const clients: Kafka[] = [];
  const kafka = (clientId: string) => {
    const client = new Kafka({ clientId, brokers: [broker.kafkaBrokers], logLevel: logLevel.NOTHING });
    clients.push(client);
    return client;
  };
  const admin = (service: string) =>
    new TopicAdmin(kafka(service), { serviceName: service, brokers: [broker.kafkaBrokers], topicPrefix: ns, partitions: 3, replicationFactor: 1 });

  beforeAll(async () => {
    broker = await IsolatedInfra.create('topic-admin');
    await broker.startKafka();
  }, 120_000);

  afterAll(async () => {
    await broker?.destroy();
  }, 60_000);

  it('lets four services create the same topics at once, each returning only when every partition is led', async () => {
    const services = ['intake', 'classification', 'case', 'evaluation'].map(admin);
    await Promise.all(services.map((s) => s.ensureTopics()));

    const names = services[0].allTopicNames();
    const producer = kafka('first-publisher').producer();
    await producer.connect();
    try {
      for (const topic of names) {
        for (let partition = 0; partition < 3; partition++) {
          await producer.send({ topic, messages: [{ key: topic, value: 'probe', partition }] });
        }
      }
    } finally {
      await producer.disconnect();
    }

    const probe = kafka('probe').admin();
    await probe.connect();
    try {
      const offsets = await Promise.all(names.map((topic) => probe.fetchTopicOffsets(topic)));
      expect(offsets.map((parts) => parts.map((p) => Number(p.high)))).toEqual(names.map(() => [1, 1, 1]));
    } finally {
      await probe.disconnect();
    }
  }, 120_000);

  it('is a no-op the second time, for a service that restarts', async () => {
    const again = admin('intake');
    await expect(again.ensureTopics()).resolves.toBeUndefined();
  }, 60_000);
});
