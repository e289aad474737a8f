import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  HEADERS, TOPICS, createEnvelope, deadLetterTopicName, physicalTopicName,
  type ComplaintReceivedV1,
} from '@pipeline/contracts';
import { TopicReader, eventually, testInfra, testNamespace } from '@pipeline/testing';
import { EventContext, ConsumesEvent } from './event-context';
import { PermanentEventError } from './errors';
import { KafkaModule, connectEventConsumer } from './kafka.module';

const ns = testNamespace('transport');
const { kafkaBrokers } = testInfra();
const topic = (logical: string) => physicalTopicName(logical, ns);

const seen: { payload: ComplaintReceivedV1; eventId: string; isInstance: boolean }[] = [];

@Controller()
class ProbeConsumer {
  @ConsumesEvent(TOPICS.complaintReceived)
  async onReceived(@Payload() payload: ComplaintReceivedV1, @Ctx() ctx: EventContext) {
    if (payload.text === 'reject me') throw new PermanentEventError('COMPLAINT_RULE', 'breaks a business rule');
    if (payload.text === 'always fails') throw new Error('handler bug');
    seen.push({ payload, eventId: ctx.envelope.eventId, isInstance: payload.constructor.name === 'ComplaintReceivedV1' });
  }
}

@Module({
  imports: [KafkaModule.forRoot({ serviceName: 'probe', brokers: kafkaBrokers.split(','), topicPrefix: ns, partitions: 3, replicationFactor: 1 })],
  controllers: [ProbeConsumer],
})
class ProbeModule {}

function received(text: string, complaintId: string = randomUUID()): ComplaintReceivedV1 {
  const now = new Date().toISOString();
  return { complaintId, channel: 'hotline', text, reportedAt: now, receivedAt: now };
}

describe('KafkaEventsTransport on the real broker', () => {
  let app: INestApplication;
  let producer: Producer;
  let dlq: TopicReader;

  const sendRaw = (value: string | Buffer, key = 'k') => producer.send({ topic: topic(TOPICS.complaintReceived.name), messages: [{ key, value }] });
  const sendEvent = (payload: ComplaintReceivedV1, overrides: Record<string, unknown> = {}) => {
    const envelope = { ...createEnvelope({ type: TOPICS.complaintReceived.type, version: 1, producer: 'test', key: payload.complaintId, payload }), ...overrides };
    return sendRaw(JSON.stringify(envelope), payload.complaintId).then(() => envelope);
  };
  const seenText = (text: string) => seen.filter((s) => s.payload.text === text);

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: ['error'] });
    app.enableShutdownHooks();
    connectEventConsumer(app, { partitionsConcurrency: 2 });
    await app.init(); // creates the topics
    await app.startAllMicroservices();
    producer = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    dlq = await new TopicReader(kafkaBrokers, [topic(deadLetterTopicName(TOPICS.complaintReceived.name))]).start();
  });

  afterAll(async () => {
    await Promise.all([dlq?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('hands a valid event to its handler as a validated payload instance', async () => {
    const envelope = await sendEvent(received('路边占道经营'));
    const got = await eventually(() => {
      const match = seen.find((s) => s.eventId === envelope.eventId);
      expect(match).toBeDefined();
      return match!;
    });
    expect(got.isInstance).toBe(true);
    expect(got.payload.channel).toBe('hotline');
  });

  it('dead-letters malformed messages with their reason and keeps consuming', async () => {
    await sendRaw('{ this is not json', 'bad-json');
    await sendEvent(received('wrong version'), { version: 2 });
    await sendEvent(received('wrong type'), { type: 'case.opened' });
    await sendEvent({ ...received('bad payload'), channel: 'fax' as never, reportedAt: 'yesterday' });
    await sendRaw(JSON.stringify({ hello: 'world' }), 'no-envelope');
    await sendEvent(received('reject me'));
    const after = await sendEvent(received('still flowing'));

    const reasons = await eventually(() => {
      const r = dlq.messages.map((m) => m.headers[HEADERS.dlqReason]);
      expect(r).toHaveLength(6);
      return r;
    });
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^INVALID_JSON/),
        expect.stringMatching(/^UNSUPPORTED_EVENT: complaint\.received v2/),
        expect.stringMatching(/^UNSUPPORTED_EVENT: case\.opened v1/),
        expect.stringMatching(/^INVALID_PAYLOAD: .*channel.*reportedAt|^INVALID_PAYLOAD: .*reportedAt.*channel/),
        expect.stringMatching(/^INVALID_ENVELOPE/),
        'REJECTED: COMPLAINT_RULE: breaks a business rule',
      ]),
    );
    // the original bytes are kept, with where they came from (dead letters of different keys may come in any order)
    const badJson = dlq.messages.find((m) => /^INVALID_JSON/.test(m.headers[HEADERS.dlqReason] ?? ''));
    expect(badJson?.value).toBe('{ this is not json');
    expect(badJson?.headers[HEADERS.dlqOriginalTopic]).toBe(TOPICS.complaintReceived.name);
    expect(badJson?.headers[HEADERS.dlqConsumerGroup]).toBe(`${ns}.probe`);
    await eventually(() => expect(seen.some((s) => s.eventId === after.eventId)).toBe(true));
    expect(seenText('reject me')).toHaveLength(0);
  });

  it('retries a failing handler a bounded number of times, then dead-letters it', async () => {
    const envelope = await sendEvent(received('always fails'));
    const message = await eventually(
      () => {
        const m = dlq.messages.find((d) => d.value?.includes(envelope.eventId));
        expect(m).toBeDefined();
        return m!;
      },
      { timeoutMs: 30_000 },
    );
    expect(message.headers[HEADERS.dlqReason]).toBe('HANDLER_FAILED after 5 attempts: Error: handler bug');
  });
});
