import { Controller, HttpCode, Logger, Module, Post, Req, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Public } from '@pipeline/auth';
import { AuthEnv, HttpEnv, KafkaEnv, MongoEnv, RuntimeEnv, validateEnv } from '@pipeline/config';
import { TOPICS, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { correlationIdOf } from '@pipeline/http';
import { ConsumesEvent, EventPublisher } from '@pipeline/kafka';
import { IsolatedInfra, eventually, testDbName, testNamespace } from '@pipeline/testing';
import { createService } from './bootstrap';
import { serviceInfrastructure } from './service-infrastructure';

class ProbeEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv) {}

/** Files a complaint the way intake does: the event carries the request's correlation id. */
@Public()
@Controller('probe')
class ProbeController {
  private readonly logger = new Logger('ProbeController');

  constructor(private readonly events: EventPublisher) {}

  @Post('complaints')
  @HttpCode(202)
  async file(@Req() req: Request) {
    const complaintId = randomUUID();
    this.logger.log(`受理投诉 ${complaintId}`);
    const now = new Date().toISOString();
    await this.events.publish(TOPICS.complaintReceived, {
      key: complaintId,
      payload: { complaintId, channel: 'hotline', text: '台东三路夜市烧烤摊占道经营', reportedAt: now, receivedAt: now },
      correlationId: correlationIdOf(req),
    });
    return { complaintId };
  }
}

@Controller()
class ProbeConsumer {
  private readonly logger = new Logger('ProbeConsumer');

  @ConsumesEvent(TOPICS.complaintReceived)
  async onReceived(@Payload() payload: ComplaintReceivedV1) {
    // past an await, as real handlers log after their reads and writes
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log(`处理投诉 ${payload.complaintId}`);
  }
}

function probeModule(ns: string, infra: IsolatedInfra): DynamicModule {
  const env = validateEnv(ProbeEnv, {
    KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'probe'), KAFKA_TOPIC_PREFIX: ns, PORT: '1',
  });
  @Module({})
  class ProbeModule {}
  return { module: ProbeModule, imports: serviceInfrastructure(env, { name: 'probe-svc', version: '1.0.0', consumes: true }), controllers: [ProbeController, ProbeConsumer] };
}

type Line = { level: string; time: string; service: string; msg?: string; context?: string; correlationId?: string; eventId?: string; topic?: string; req?: { method: string; url: string }; res?: { statusCode: number } };

/**
 * The service's real logging set-up (createService, as startService uses it)
 * writing into a stream of the test's own: one complaint's correlation id
 * from its HTTP request into the consumer that handles its event.
 */
describe('structured logs', () => {
  const ns = testNamespace('logging');
  const raw: string[] = [];
  const lines = () => raw.map((l) => JSON.parse(l) as Line);
  let infra: IsolatedInfra;
  let app: INestApplication;

  beforeAll(async () => {
    infra = await IsolatedInfra.create('logging');
    await Promise.all([infra.startKafka(), infra.startStore()]);
    app = await createService(probeModule(ns, infra), {
      name: 'probe-svc',
      title: '探针服务',
      description: '日志测试',
      bodyLimit: '64kb',
      consumer: { partitionsConcurrency: 2 },
      logLevel: 'info',
      logDestination: { write: (chunk: string) => void raw.push(...chunk.split('\n').filter(Boolean)) },
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await infra?.destroy();
  }, 60_000);

  const file = (headers: Record<string, string> = {}) => {
    let r = request(app.getHttpServer()).post('/probe/complaints');
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r;
  };

  it('writes JSON lines with level, time, service and message, Nest’s own start-up lines included', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(0);
    for (const line of all) {
      expect(line).toMatchObject({ level: expect.any(String), service: 'probe-svc' });
      expect(new Date(line.time).toISOString()).toBe(line.time);
    }
    expect(all.some((l) => l.context === 'RoutesResolver' && typeof l.msg === 'string')).toBe(true);
  });

  it('carries the correlation id of each HTTP request into the consumer handler its event reaches', async () => {
    // two at once: each handler's lines must name its own request's id
    const ids = ['corr-log-alpha-0001', 'corr-log-bravo-0002'];
    const filed = await Promise.all(ids.map((id) => file({ 'x-correlation-id': id })));
    const complaintOf = Object.fromEntries(filed.map((res, i) => [ids[i], res.body.complaintId as string]));
    for (const res of filed) expect(res.status).toBe(202);

    await eventually(() => {
      for (const id of ids) {
        const handled = lines().filter((l) => l.context === 'ProbeConsumer' && l.msg === `处理投诉 ${complaintOf[id]}`);
        expect(handled).toEqual([expect.objectContaining({ level: 'info', service: 'probe-svc', correlationId: id, topic: TOPICS.complaintReceived.name })]);
      }
    });
    // the controller's line, the request line, the consumer's line and the transport's "handled" line (written after the dedup record)
    await eventually(() => {
      for (const id of ids) {
        expect(lines().filter((l) => l.correlationId === id)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ context: 'ProbeController', msg: `受理投诉 ${complaintOf[id]}` }),
            expect.objectContaining({ req: { method: 'POST', url: '/probe/complaints' }, res: { statusCode: 202 } }),
            expect.objectContaining({ context: 'ProbeConsumer' }),
            expect.objectContaining({ context: 'KafkaEventsTransport', eventId: expect.any(String), msg: expect.stringContaining('已处理 complaints.received.v1') }),
          ]),
        );
      }
    });
    // no line about the other request's complaint carries this id
    for (const id of ids) {
      const other = complaintOf[ids.find((o) => o !== id)!];
      expect(lines().filter((l) => l.correlationId === id).some((l) => l.msg?.includes(other))).toBe(false);
    }
  });

  it('gives a request without a correlation id one of its own, in the response header and the logs', async () => {
    const res = await file();
    const id = res.headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => expect(lines().some((l) => l.context === 'ProbeConsumer' && l.correlationId === id && l.msg === `处理投诉 ${res.body.complaintId}`)).toBe(true));
  });

  it('keeps request headers (tokens included) and query strings out of the logs', async () => {
    const secret = `Bearer not-a-real-token-${randomUUID()}`;
    const res = await request(app.getHttpServer())
      .post('/probe/complaints?q=13912345678')
      .set({ authorization: secret, 'x-correlation-id': 'corr-log-token-0003' });
    expect(res.status).toBe(202);
    await eventually(() => expect(lines().some((l) => l.context === 'ProbeConsumer' && l.msg === `处理投诉 ${res.body.complaintId}`)).toBe(true));
    expect(raw.filter((l) => l.includes('not-a-real-token') || l.includes('13912345678'))).toEqual([]);
    const requestLines = lines().filter((l) => l.correlationId === 'corr-log-token-0003' && l.req);
    expect(requestLines.map((l) => l.req)).toEqual([{ method: 'POST', url: '/probe/complaints' }]);
    // the request line names its id once (its own field, not also the context's)
    expect(raw.filter((l) => l.includes('corr-log-token-0003') && l.includes('"req"')).map((l) => l.match(/"correlationId"/g)?.length)).toEqual([1]);
  });
});
