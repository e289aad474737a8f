import { Controller, type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import request from 'supertest';
import { AuthEnv, HttpEnv, KafkaEnv, MongoEnv, RuntimeEnv, validateEnv } from '@pipeline/config';
import { TOPICS, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { configureHttp } from '@pipeline/http';
import { ConsumerStatus, ConsumesEvent, PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { IsolatedInfra, eventually, testDbName, testNamespace } from '@pipeline/testing';
import { serviceInfrastructure } from './service-infrastructure';

class ProbeEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv) {}

@Controller()
class IdleConsumer {
  @ConsumesEvent(TOPICS.complaintReceived)
  onReceived(@Payload() _payload: ComplaintReceivedV1) {
    // subscribing is what matters here
  }
}

function probeModule(ns: string, infra: { kafkaBrokers: string; mongoUri: string }): DynamicModule {
  // probes poll fast here; the per-person rate limit is not under test
  const env = validateEnv(ProbeEnv, {
    KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'probe'), KAFKA_TOPIC_PREFIX: ns, PORT: '1', RATE_LIMIT_PER_MINUTE: '100000',
  });
  @Module({})
  class ProbeModule {}
  return { module: ProbeModule, imports: serviceInfrastructure(env, { name: 'probe', version: '9.9.9', consumes: true }), controllers: [IdleConsumer] };
}

/** Up to the consumer: HTTP answers, the consumer is attached but not started. */
async function probeApp(ns: string, infra: { kafkaBrokers: string; mongoUri: string }): Promise<INestApplication> {
  const app = await NestFactory.create(probeModule(ns, infra), { bodyParser: false, logger: false });
  configureHttp(app, '64kb');
  connectEventConsumer(app, { partitionsConcurrency: 2, dedup: app.get(PROCESSED_EVENT_STORE) });
  await app.init();
  return app;
}

type ReadyBody = { status: string; service: string; version: string; checks: Record<string, { status: string; state?: string; error?: string }> };

const statuses = (body: ReadyBody) => Object.fromEntries(Object.entries(body.checks).map(([name, c]) => [name, c.status]));

/**
 * A broker and a store of this spec's own, which it stops and starts (the
 * shared test infrastructure stays untouched).
 */
describe('/health/live and /health/ready of a consuming service', () => {
  const ns = testNamespace('health');
  let infra: IsolatedInfra;
  let app: INestApplication;
  // no token anywhere: the default-deny guard is in serviceInfrastructure, and probes carry none
  const get = (path: string) => request(app.getHttpServer()).get(path);
  const readyWhere = (expected: Record<string, string>, status: number, timeoutMs = 90_000) =>
    eventually(
      async () => {
        const ready = await get('/health/ready');
        expect({ status: ready.status, checks: statuses(ready.body) }).toEqual({ status, checks: expected });
        return ready.body as ReadyBody;
      },
      { timeoutMs, intervalMs: 250 },
    );

  beforeAll(async () => {
    infra = await IsolatedInfra.create('health');
    await Promise.all([infra.startKafka(), infra.startStore()]);
    app = await probeApp(ns, infra);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await infra?.destroy();
  }, 60_000);

  it('is live at once, and not ready (503) while the consumer is not consuming, naming each check', async () => {
    const live = await get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', service: 'probe', version: '9.9.9' });

    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', service: 'probe', version: '9.9.9' });
    expect(statuses(ready.body)).toEqual({ store: 'up', broker: 'up', consumer: 'down', outbox: 'up' });
    expect(ready.body.checks.consumer.state).toBe('idle');
  });

  it('is ready (200) once the consumer consumes, and /health answers the same', async () => {
    await app.startAllMicroservices();
    const body = await readyWhere({ store: 'up', broker: 'up', consumer: 'up', outbox: 'up' }, 200, 30_000);
    expect(body).toMatchObject({ status: 'ok', service: 'probe', version: '9.9.9' });
    expect(body.checks.consumer.state).toBe('consuming');

    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(statuses(health.body)).toEqual(statuses(body));
  });

  it('is not ready while the consumer shuts down', async () => {
    try {
      // set again on each try: a rebalance on a busy machine may report the consumer's own state meanwhile
      await eventually(async () => {
        app.get(ConsumerStatus).state = 'stopping';
        const ready = await get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.checks.consumer).toMatchObject({ status: 'down', state: 'stopping' });
      });
    } finally {
      app.get(ConsumerStatus).state = 'consuming';
    }
  });

  it('answers 503 naming the store while it is down, stays live, and is ready again once it is back', async () => {
    await infra.stopStore();
    const down = await readyWhere({ store: 'down', broker: 'up', consumer: 'up', outbox: 'up' }, 503);
    expect(down.checks.store.error).toBeTruthy();
    const t0 = Date.now();
    expect((await get('/health/live')).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(500);

    await infra.startStore();
    await readyWhere({ store: 'up', broker: 'up', consumer: 'up', outbox: 'up' }, 200);
  }, 180_000);

  it('answers 503 naming the broker while it is down, stays live, and is ready again once the consumer is back', async () => {
    await infra.stopKafka();
    const body = await eventually(
      async () => {
        const ready = await get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.checks.broker.status).toBe('down');
        return ready.body as ReadyBody;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(body.checks.store.status).toBe('up');
    expect((await get('/health/live')).status).toBe(200);

    await infra.startKafka();
    await readyWhere({ store: 'up', broker: 'up', consumer: 'up', outbox: 'up' }, 200);
  }, 180_000);
});
