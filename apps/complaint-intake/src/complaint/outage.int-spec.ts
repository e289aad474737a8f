import type { INestApplication } from '@nestjs/common';
import { validateEnv } from '@pipeline/config';
import { TOPICS, physicalTopicName, type TopicContract } from '@pipeline/contracts';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, eventually, IsolatedInfra, testDbName, testInfra, testNamespace, TopicReader } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import { IntakeEnv } from '../intake.env';

/** Boots intake against the given broker and store, in a namespace of its own. */
async function bootIntake(ns: string, kafkaBrokers: string, mongoUri: string): Promise<INestApplication> {
  const env = validateEnv(IntakeEnv, { KAFKA_BROKERS: kafkaBrokers, MONGODB_URI: mongoUri, MONGODB_DB: testDbName(ns, 'intake'), KAFKA_TOPIC_PREFIX: ns });
  return startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, bodyLimit: env.HTTP_BODY_LIMIT, logLevel: 'silent' });
}

const complaint = (i: number) => ({ channel: 'hotline', text: `第 ${i} 件：台东步行街有商户占道经营，堆放货物` });

describe('intake while the broker is down', () => {
  const ns = testNamespace('broker-down');
  const shared = testInfra();
  let broker: IsolatedInfra;
  let app: INestApplication;
  let reader: TopicReader;
  const topic = (t: TopicContract) => physicalTopicName(t.name, ns);

  beforeAll(async () => {
    broker = await IsolatedInfra.create('intake-broker');
    await broker.startKafka();
    app = await bootIntake(ns, broker.kafkaBrokers, shared.mongoUri);
    reader = await new TopicReader(broker.kafkaBrokers, [topic(TOPICS.complaintReceived), topic(TOPICS.complaintClosed), topic(TOPICS.complaintCallbackRecorded)]).start();
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
    await broker?.destroy();
  }, 60_000);

  it('accepts every complaint while the broker is down and publishes each event once it is back, in order per complaint', async () => {
    const http = () => apiClient(app.getHttpServer());
    const first = await http().post('/api/v1/complaints').send(complaint(0));
    await eventually(() => expect(reader.messages.some((m) => m.key === first.body.id)).toBe(true));

    await broker.stopKafka();
    const ids: string[] = [];
    for (let i = 1; i <= 50; i++) {
      const res = await http().post('/api/v1/complaints').send(complaint(i));
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    // three events for ten of them: received, closed, callback — all while the broker is down
    for (const id of ids.slice(0, 10)) {
      expect((await http().post(`/api/v1/complaints/${id}/close`).send({ resolution: '商户已清理' })).status).toBe(200);
      expect((await http().post(`/api/v1/complaints/${id}/callback`).send({ resolved: true, satisfaction: 'satisfied' })).status).toBe(200);
    }
    await broker.startKafka();

    const expected = ids.length + 20;
    await eventually(
      () => {
        const mine = reader.messages.filter((m) => ids.includes(m.key ?? ''));
        expect(new Set(mine.map((m) => m.json<{ eventId: string }>().eventId)).size).toBe(expected);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const mine = reader.messages.filter((m) => ids.includes(m.key ?? ''));
    const byEventId = new Map(mine.map((m) => [m.json<{ eventId: string }>().eventId, m]));
    // at-least-once on the wire: after dropping repeats by event id, every event exactly once
    expect(byEventId.size).toBe(expected);
    for (const id of ids) {
      const events = [...byEventId.values()].filter((m) => m.key === id).map((m) => m.json<{ type: string; occurredAt: string }>());
      const types = events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).map((e) => e.type);
      expect(types).toEqual(ids.indexOf(id) < 10 ? ['complaint.received', 'complaint.closed', 'complaint.callback-recorded'] : ['complaint.received']);
    }
    // within the received topic, one partition per key keeps acceptance order (first deliveries: a repeat is dropped by event id)
    const received = reader.messages.filter((m) => m.topic === topic(TOPICS.complaintReceived) && ids.includes(m.key ?? ''));
    const firstDeliveries = received.filter((m, i) => received.findIndex((o) => o.json<{ eventId: string }>().eventId === m.json<{ eventId: string }>().eventId) === i);
    const byPartition = new Map<number, string[]>();
    for (const m of firstDeliveries) byPartition.set(m.partition, [...(byPartition.get(m.partition) ?? []), m.key!]);
    for (const keys of byPartition.values()) expect(keys).toEqual([...keys].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
  }, 180_000); // a broker stop and start, then up to 120 s for the outbox to drain
});

describe('intake while the store is down', () => {
  const ns = testNamespace('store-down');
  const shared = testInfra();
  let store: IsolatedInfra;
  let app: INestApplication;

  beforeAll(async () => {
    store = await IsolatedInfra.create('intake-store');
    await store.startStore();
    app = await bootIntake(ns, shared.kafkaBrokers, store.mongoUri);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.destroy();
  }, 60_000);

  it('answers 503 and keeps nothing while the store is down, and accepts again once it is back', async () => {
    const http = () => apiClient(app.getHttpServer());
    const before = await http().post('/api/v1/complaints').send(complaint(1));
    expect(before.status).toBe(202);

    await store.stopStore();
    const during = await http().post('/api/v1/complaints').send(complaint(2));
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect((await http().get(`/api/v1/complaints/${before.body.id}`)).status).toBe(503);

    await store.startStore();
    const after = await eventually(
      async () => {
        const res = await http().post('/api/v1/complaints').send(complaint(3));
        expect(res.status).toBe(202);
        return res;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const listed = (await http().get('/api/v1/complaints?limit=100')).body.items.map((i: { id: string }) => i.id);
    expect(listed).toEqual([after.body.id, before.body.id]);
  });
});
