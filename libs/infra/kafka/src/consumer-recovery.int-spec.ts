import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Kafka, KafkaJSError, logLevel, type Consumer, type ConsumerConfig, type ConsumerCrashEvent, type Producer } from 'kafkajs';
import { TOPICS, createEnvelope, physicalTopicName, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { eventually, testInfra, testNamespace } from '@pipeline/testing';
import { ConsumerStatus } from './consumer-status';
import { ConsumesEvent } from './event-context';
import { KafkaModule, connectEventConsumer } from './kafka.module';
import { KAFKA_CLIENT } from './kafka.options';

/**
 * After a broker outage kafkajs can give up on a consumer with an error it
 * deems permanent ("Failed to find group coordinator") and emit CRASH with
 * restart: false; the fault suite saw a service stay up consuming nothing.
 * Here the first consumer is made to crash exactly as kafkajs does it
 * (disconnect, then CRASH with restart: false), and the transport must put a
 * new consumer in its place that picks up what was published meanwhile.
 */
const { kafkaBrokers } = testInfra();
const ns = testNamespace('recovery');
const handled: string[] = [];

@Controller()
class RecordingConsumer {
  @ConsumesEvent(TOPICS.complaintReceived)
  async onReceived(@Payload() payload: ComplaintReceivedV1) {
    handled.push(payload.text);
  }
}

@Module({
  imports: [KafkaModule.forRoot({ serviceName: 'probe', brokers: kafkaBrokers.split(','), topicPrefix: ns, partitions: 2, replicationFactor: 1 })],
  controllers: [RecordingConsumer],
})
class ProbeModule {}

describe('a consumer that kafkajs will not restart', () => {
  let app: INestApplication;
  let producer: Producer;
  const consumers: Consumer[] = [];
  const crashListeners: ((event: ConsumerCrashEvent) => void)[] = [];

  const publish = (text: string) => {
    const now = new Date().toISOString();
    const payload: ComplaintReceivedV1 = { complaintId: randomUUID(), channel: 'hotline', text, reportedAt: now, receivedAt: now };
    const envelope = createEnvelope({ type: TOPICS.complaintReceived.type, version: 1, producer: 'test', key: payload.complaintId, payload });
    return producer.send({ topic: physicalTopicName(TOPICS.complaintReceived.name, ns), messages: [{ key: payload.complaintId, value: JSON.stringify(envelope) }] });
  };

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    const kafka = app.get<Kafka>(KAFKA_CLIENT);
    const createConsumer = kafka.consumer.bind(kafka);
    // every consumer the transport makes is real; its CRASH listener is kept so the test can fire it
    jest.spyOn(kafka, 'consumer').mockImplementation((config: ConsumerConfig) => {
      const consumer = createConsumer(config);
      const on = consumer.on.bind(consumer);
      consumer.on = ((event: string, listener: (e: ConsumerCrashEvent) => void) => {
        if (event === consumer.events.CRASH) crashListeners.push(listener);
        return on(event as typeof consumer.events.CRASH, listener);
      }) as Consumer['on'];
      consumers.push(consumer);
      return consumer;
    });
    connectEventConsumer(app, { partitionsConcurrency: 2 });
    await app.init();
    await app.startAllMicroservices();
    producer = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await eventually(() => expect(app.get(ConsumerStatus).state).toBe('consuming'), { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  it('is replaced by a new consumer that handles what arrived meanwhile', async () => {
    await publish('before the crash');
    await eventually(() => expect(handled).toContain('before the crash'));

    const status = app.get(ConsumerStatus);
    await consumers[0].disconnect();
    const error = Object.assign(new KafkaJSError('Failed to find group coordinator', { retriable: false }), { name: 'KafkaJSGroupCoordinatorNotFound' });
    crashListeners[0]({ type: 'consumer.crash', id: '0', timestamp: Date.now(), payload: { error, groupId: 'g', restart: false } });
    expect(status.state).toBe('crashed');
    expect(status.lastError).toMatch(/group coordinator/);

    await publish('while it was down');
    await eventually(() => expect(handled).toContain('while it was down'), { timeoutMs: 30_000 });
    expect(consumers).toHaveLength(2);
    await eventually(() => expect(status.state).toBe('consuming'));
    expect(status.lastError).toBeNull();
    // nothing handled twice: the new consumer starts from the committed offsets
    expect(handled.filter((t) => t === 'before the crash')).toHaveLength(1);
  });

  it('is not replaced once the service is shutting down', async () => {
    await app.close();
    crashListeners[1]({ type: 'consumer.crash', id: '1', timestamp: Date.now(), payload: { error: new Error('late crash'), groupId: 'g', restart: false } });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(consumers).toHaveLength(2);
    expect(app.get(ConsumerStatus).state).toBe('stopped');
  });
});
