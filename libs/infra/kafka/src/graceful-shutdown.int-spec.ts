import { Controller, Inject, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload, type NestMicroservice } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { TOPICS, consumerGroupName, createEnvelope, physicalTopicName, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { eventually, testInfra, testNamespace } from '@pipeline/testing';
import { ConsumerStatus } from './consumer-status';
import { EventContext, ConsumesEvent } from './event-context';
import { EventPublisher } from './event-publisher';
import { KafkaEventsTransport } from './events-transport';
import { KafkaModule, RethrowRpcErrors, connectEventConsumer } from './kafka.module';
import { KAFKA_CLIENT } from './kafka.options';

/**
 * What SIGTERM does to a consumer (enableShutdownHooks turns the signal into
 * app.close(), which is what these tests call): fetching stops, the message
 * in hand finishes and its offset is committed before the group is left, so
 * the next consumer of the group starts after it. A handler that outlives
 * the shutdown timeout does not hold the shutdown up, and its message stays
 * uncommitted for the next owner.
 */
const { kafkaBrokers } = testInfra();
const LABEL = Symbol('LABEL');

interface Seen {
  app: string;
  text: string;
  offset: string;
  partition: number;
  finished: boolean;
}
const seen: Seen[] = [];

/** A promise the test resolves: what a slow handler waits for. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
let slow = gate();

@Controller()
class SlowConsumer {
  constructor(@Inject(LABEL) private readonly app: string) {}

  @ConsumesEvent(TOPICS.complaintReceived)
  async onReceived(@Payload() payload: ComplaintReceivedV1, @Ctx() ctx: EventContext) {
    const entry: Seen = { app: this.app, text: payload.text, offset: ctx.offset, partition: ctx.partition, finished: false };
    seen.push(entry);
    if (payload.text.startsWith('slow')) await slow.opened;
    entry.finished = true;
  }
}

function probeModule(ns: string, app: string): DynamicModule {
  @Module({})
  class ProbeModule {}
  return {
    module: ProbeModule,
    imports: [KafkaModule.forRoot({ serviceName: 'probe', brokers: kafkaBrokers.split(','), topicPrefix: ns, partitions: 3, replicationFactor: 1 })],
    controllers: [SlowConsumer],
    providers: [{ provide: LABEL, useValue: app }],
  };
}

async function consumingApp(ns: string, label: string, connect: (app: INestApplication) => void = (app) => connectEventConsumer(app, { partitionsConcurrency: 2 })) {
  const app = await NestFactory.create(probeModule(ns, label), { logger: ['error'] });
  connect(app);
  await app.init(); // creates the topics
  await app.startAllMicroservices();
  await eventually(() => expect(app.get(ConsumerStatus).state).toBe('consuming'), { timeoutMs: 30_000 });
  return app;
}

describe('consumer shutdown on the real broker', () => {
  let producer: Producer;
  let admin: Admin;
  // apps a failed test may leave running
  const open = new Set<INestApplication>();

  const send = async (ns: string, text: string, partition: number) => {
    const payload: ComplaintReceivedV1 = { complaintId: randomUUID(), channel: 'hotline', text, reportedAt: new Date().toISOString(), receivedAt: new Date().toISOString() };
    const envelope = createEnvelope({ type: TOPICS.complaintReceived.type, version: 1, producer: 'test', key: payload.complaintId, payload });
    const [meta] = await producer.send({ topic: physicalTopicName(TOPICS.complaintReceived.name, ns), messages: [{ key: payload.complaintId, value: JSON.stringify(envelope), partition }] });
    return meta.baseOffset ?? '';
  };
  const committed = async (ns: string, partition: number) => {
    const [topic] = await admin.fetchOffsets({ groupId: consumerGroupName('probe', ns), topics: [physicalTopicName(TOPICS.complaintReceived.name, ns)] });
    return topic.partitions.find((p) => p.partition === partition)?.offset;
  };
  const seenBy = (app: string, text: string) => seen.filter((s) => s.app === app && s.text === text);

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
  });

  afterAll(async () => {
    slow.open(); // lets a handler the timeout test abandoned end
    await Promise.all([...open].map((a) => a.close().catch(() => undefined)));
    await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  });

  it('lets the slow handler in hand finish, commits it, fetches nothing more, and the next consumer starts after it', async () => {
    const ns = testNamespace('shutdown');
    slow = gate();
    const first = await consumingApp(ns, 'first');
    open.add(first);

    const slowOffset = await send(ns, 'slow: in hand at SIGTERM', 0);
    await eventually(() => expect(seenBy('first', 'slow: in hand at SIGTERM')).toHaveLength(1));

    let closed = false;
    const closing = first.close().then(() => (closed = true));
    await eventually(() => expect(first.get(ConsumerStatus).state).toBe('stopping'));
    // arrives while the shutdown drains: on the busy partition and on an idle one
    await send(ns, 'after SIGTERM, same partition', 0);
    await send(ns, 'after SIGTERM, other partition', 1);
    // the shutdown waits for the handler, which waits for the gate
    expect(closed).toBe(false);
    expect(seenBy('first', 'slow: in hand at SIGTERM')[0].finished).toBe(false);

    slow.open();
    await closing;
    open.delete(first);
    expect(seenBy('first', 'slow: in hand at SIGTERM')[0].finished).toBe(true);
    expect(first.get(ConsumerStatus).state).toBe('stopped');
    expect(seen.filter((s) => s.app === 'first').map((s) => s.text)).toEqual(['slow: in hand at SIGTERM']);
    expect(await committed(ns, 0)).toBe(String(BigInt(slowOffset) + 1n));

    // the restarted consumer (same group, no dedup store) begins after the finished message
    const second = await consumingApp(ns, 'second');
    open.add(second);
    await eventually(() => {
      expect(seenBy('second', 'after SIGTERM, same partition')).toHaveLength(1);
      expect(seenBy('second', 'after SIGTERM, other partition')).toHaveLength(1);
    });
    // one partition is delivered in order: had the slow message not been committed, it would have come first
    expect(seenBy('second', 'slow: in hand at SIGTERM')).toHaveLength(0);
  });

  it('does not wait past the shutdown timeout for a handler that does not end, and leaves its message uncommitted', async () => {
    const ns = testNamespace('shutdown-timeout');
    slow = gate();
    const connect = (app: INestApplication) => {
      // connectEventConsumer's wiring, with a short shutdown timeout
      const transport = new KafkaEventsTransport({
        kafka: app.get(KAFKA_CLIENT),
        publisher: app.get(EventPublisher),
        status: app.get(ConsumerStatus),
        groupId: consumerGroupName('probe', ns),
        topicPrefix: ns,
        partitionsConcurrency: 2,
        shutdownTimeoutMs: 1_000,
      });
      const microservice = app.connectMicroservice({ strategy: transport }, { inheritAppConfig: false, deferInitialization: true }) as unknown as NestMicroservice;
      microservice.useGlobalFilters(new RethrowRpcErrors());
      microservice.registerListeners();
      microservice.setIsInitialized(true);
      microservice.setIsInitHookCalled(true);
    };
    const app = await consumingApp(ns, 'stuck', connect);
    open.add(app);

    await send(ns, 'quick: before the stuck one', 2);
    await eventually(() => expect(seenBy('stuck', 'quick: before the stuck one')[0]?.finished).toBe(true));
    const quickCommitted = await eventually(async () => {
      const offset = await committed(ns, 2);
      expect(offset).toBe('1');
      return offset;
    });
    await send(ns, 'slow: never ends', 2);
    await eventually(() => expect(seenBy('stuck', 'slow: never ends')).toHaveLength(1));

    const t0 = Date.now();
    await app.close();
    open.delete(app);
    // 1 s for the batches in hand, up to 2 s more to leave the group, then it gives up
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(seenBy('stuck', 'slow: never ends')[0].finished).toBe(false);
    expect(await committed(ns, 2)).toBe(quickCommitted);
  });
});
