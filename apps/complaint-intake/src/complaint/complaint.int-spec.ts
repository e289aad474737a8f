import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { TOPICS, physicalTopicName } from '@pipeline/contracts';
import { validateEnv } from '@pipeline/config';
import { configureHttp } from '@pipeline/http';
import { TopicReader, eventually, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { AppModule } from '../app.module';
import { IntakeEnv } from '../intake.env';

describe('complaint intake on the real broker and store', () => {
  const ns = testNamespace('intake');
  const infra = testInfra();
  let app: INestApplication;
  let received: TopicReader;

  beforeAll(async () => {
    const env = validateEnv(IntakeEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'intake'), KAFKA_TOPIC_PREFIX: ns });
    app = await NestFactory.create(AppModule.forRoot(env), { bodyParser: false, logger: ['error'] });
    configureHttp(app, env.HTTP_BODY_LIMIT);
    await app.init();
    received = await new TopicReader(infra.kafkaBrokers, [physicalTopicName(TOPICS.complaintReceived.name, ns)]).start();
  });

  afterAll(async () => {
    await received?.stop();
    await app?.close();
  });

  it('accepts a complaint with 202, stores it and publishes complaint-received with no caller data', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/complaints')
      .set('x-correlation-id', 'corr-intake-0001')
      .send({ text: '  台东三路夜市烧烤摊占道经营，油烟扰民  ', channel: 'hotline', address: '台东三路', reportedAt: '2024-03-02T20:11:00+08:00', externalRef: 'QD12345-0001' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'received' });
    const id: string = res.body.id;

    const stored = await request(app.getHttpServer()).get(`/api/v1/complaints/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ _id: id, text: '台东三路夜市烧烤摊占道经营，油烟扰民', channel: 'hotline', externalRef: 'QD12345-0001' });
    expect(stored.body).not.toHaveProperty('outbox');

    const message = await eventually(() => {
      const m = received.messages.find((x) => x.key === id);
      expect(m).toBeDefined();
      return m!;
    });
    const envelope = message.json<{ type: string; correlationId: string; producer: string; payload: Record<string, unknown> }>();
    expect(envelope).toMatchObject({ type: 'complaint.received', producer: 'complaint-intake', correlationId: 'corr-intake-0001' });
    expect(envelope.payload).toMatchObject({ complaintId: id, reportedAt: '2024-03-02T12:11:00.000Z', address: '台东三路' });
  });

  it('refuses invalid input without storing anything', async () => {
    const before = received.messages.length;
    const res = await request(app.getHttpServer()).post('/api/v1/complaints').send({ text: 'x', channel: 'hotline', reportedAt: '2099-01-01T00:00:00+08:00' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reportedAt', 'text']);
    const marker = await request(app.getHttpServer()).post('/api/v1/complaints').send({ text: '标记投诉，用于确认前一条没有发布', channel: 'web' });
    await eventually(() => expect(received.messages.some((m) => m.key === marker.body.id)).toBe(true));
    expect(received.messages.length).toBe(before + 1);
  });

  it('answers 404 with a stable code for an unknown complaint', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/complaints/no-such-id');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('COMPLAINT_NOT_FOUND');
  });
});
