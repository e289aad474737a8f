import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { validateEnv } from '@pipeline/config';
import {
  TOPICS, createEnvelope, derivedEventId, physicalTopicName,
  type ComplaintClassifiedV1, type ComplaintReceivedV1, type EventEnvelope,
} from '@pipeline/contracts';
import { configureHttp } from '@pipeline/http';
import { ConsumerStatus, PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { TopicReader, eventually, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { AppModule } from '../app.module';
import { ClassificationEnv } from '../classification.env';

const ns = testNamespace('classification');
const { kafkaBrokers, mongoUri } = testInfra();
const receivedTopic = physicalTopicName(TOPICS.complaintReceived.name, ns);
const classifiedTopic = physicalTopicName(TOPICS.complaintClassified.name, ns);

function receivedEnvelope(payload: Partial<ComplaintReceivedV1> = {}): EventEnvelope<ComplaintReceivedV1> {
  const now = new Date().toISOString();
  const complaint: ComplaintReceivedV1 = { complaintId: randomUUID(), channel: 'app', text: '投诉内容', reportedAt: now, receivedAt: now, ...payload };
  return createEnvelope({
    type: TOPICS.complaintReceived.type,
    version: TOPICS.complaintReceived.version,
    producer: 'complaint-intake',
    key: complaint.complaintId,
    correlationId: `corr-${randomUUID()}`,
    payload: complaint,
  });
}

describe('classification service on the real broker and store', () => {
  const env = validateEnv(ClassificationEnv, {
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: ns,
    KAFKA_TOPIC_PARTITIONS: '3',
    MONGODB_URI: mongoUri,
    MONGODB_DB: testDbName(ns, 'classification'),
    PORT: '3902', // unused: supertest serves the app on an ephemeral port
  });
  let app: INestApplication;
  let producer: Producer;
  let admin: Admin;
  let classified: TopicReader;
  let sent = 0;

  const send = async (envelope: EventEnvelope<ComplaintReceivedV1>) => {
    await producer.send({ topic: receivedTopic, messages: [{ key: envelope.key, value: JSON.stringify(envelope) }] });
    sent++;
  };
  const classifiedFor = (complaintId: string) =>
    classified.messages.filter((m) => m.key === complaintId).map((m) => m.json<EventEnvelope<ComplaintClassifiedV1>>());

  /**
   * Waits until everything sent so far has had all its effects: each received
   * event handled (or skipped as a duplicate), every outbox entry relayed,
   * and the reader caught up with the classified topic's end. Only then does
   * "no second event" mean something.
   */
  const settled = async () => {
    const counters = app.get(ConsumerStatus).counters(TOPICS.complaintReceived.name);
    await eventually(() => expect(counters.consumed + counters.skippedDuplicates + counters.deadLettered).toBe(sent));
    const classifications = app.get<Connection>(getConnectionToken()).collection('classifications');
    await eventually(async () => expect(await classifications.countDocuments({ outboxPendingSince: { $exists: true } })).toBe(0));
    const ends = await admin.fetchTopicOffsets(classifiedTopic);
    await eventually(() => {
      for (const { partition, high } of ends) {
        const read = classified.messages.filter((m) => m.partition === partition).length;
        expect({ partition, read }).toEqual({ partition, read: Number(high) });
      }
    });
  };

  beforeAll(async () => {
    app = await NestFactory.create(AppModule.forRoot(env), { logger: ['error'], bodyParser: false });
    configureHttp(app, '64kb');
    // the group main.ts subscribes under, prefixed with this file's namespace
    connectEventConsumer(app, { partitionsConcurrency: 2, dedup: app.get(PROCESSED_EVENT_STORE) });
    await app.init(); // creates the namespace's topics
    await app.startAllMicroservices();
    const kafka = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    classified = await new TopicReader(kafkaBrokers, [classifiedTopic]).start();
  });

  afterAll(async () => {
    await Promise.all([classified?.stop(), producer?.disconnect(), admin?.disconnect()]);
    await app?.close();
  });

  describe('a street-vending complaint on 中山路', () => {
    const first = receivedEnvelope({
      text: '中山路步行街每天晚上有流动摊贩占道卖烤鱿鱼，行人都过不去',
      location: { lat: 36.069, lng: 120.3205 },
      callerRef: 'caller-7f3a',
    });
    const complaintId = first.payload.complaintId;

    it('is classified once, as enforceable street order in HS01', async () => {
      await send(first);
      await settled();
      const events = classifiedFor(complaintId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        eventId: derivedEventId(first.eventId, TOPICS.complaintClassified.name),
        type: 'complaint.classified',
        version: 1,
        producer: 'classification',
        key: complaintId,
        correlationId: first.correlationId,
        causationId: first.eventId,
        payload: {
          complaintId,
          category: 'street_order',
          enforceable: true,
          hotspotAreaId: 'HS01',
          district: '市南区',
          responsibleBody: 'district_enforcement_squad',
          repeatOf: null,
          modelVersion: expect.stringMatching(/^ensemble-1\./),
          channel: 'app',
          reportedAt: first.payload.reportedAt,
          receivedAt: first.payload.receivedAt,
        },
      });
      // the caller reference stays in intake (personal information minimisation)
      expect(classified.messages.filter((m) => m.key === complaintId).map((m) => m.value)).toEqual([expect.not.stringContaining('caller-7f3a')]);
    });

    it('stores the classification with its explanation', async () => {
      const res = await request(app.getHttpServer()).get(`/api/v1/classifications/${complaintId}`).expect(200);
      expect(res.body).toMatchObject({
        complaintId,
        category: 'street_order',
        enforceable: true,
        hotspotAreaId: 'HS01',
        decidedBy: 'model',
        reportedAt: new Date(first.payload.reportedAt).toISOString(),
        explanation: { place: ['坐标落在 HS01'] },
      });
      expect(res.body.explanation.category.length).toBeGreaterThan(0);
      expect(res.body).not.toHaveProperty('outbox');
      expect(res.body).not.toHaveProperty('_id');
    });

    it('produces no second event when the same received event is delivered again', async () => {
      await send(first);
      await settled();
      expect(classifiedFor(complaintId)).toHaveLength(1);
    });

    it('produces no second event when the complaint comes again under a new event id', async () => {
      // what intake's producer retry or an operator's replay looks like: same complaint, new envelope
      const again = { ...receivedEnvelope(first.payload), eventId: randomUUID() };
      expect(again.payload.complaintId).toBe(complaintId);
      await send(again);
      await settled();
      const events = classifiedFor(complaintId);
      expect(events).toHaveLength(1);
      expect(events[0].causationId).toBe(first.eventId);
    });
  });

  describe('POST /api/v1/classify', () => {
    it('returns the classification and its reasons, storing and publishing nothing', async () => {
      const classifications = app.get<Connection>(getConnectionToken()).collection('classifications');
      const stored = await classifications.countDocuments();
      const before = classified.messages.length;
      const res = await request(app.getHttpServer())
        .post('/api/v1/classify')
        .send({ text: '  劈柴院门口有人摆摊卖烤串，油烟很大  ', location: { lat: 36.069, lng: 120.3205 } })
        .expect(200);
      expect(res.body).toMatchObject({
        category: 'street_order',
        enforceable: true,
        hotspotAreaId: 'HS01',
        placeMethod: 'coordinates',
        responsibleBody: 'district_enforcement_squad',
        modelVersion: expect.stringMatching(/^ensemble-1\./),
        explanation: { place: ['坐标落在 HS01'] },
      });
      expect(res.body.explanation.category.length).toBeGreaterThan(0);
      await settled();
      expect(await classifications.countDocuments()).toBe(stored);
      expect(classified.messages).toHaveLength(before);
    });

    it('answers 400 naming text when the trimmed text is too short', async () => {
      const res = await request(app.getHttpServer()).post('/api/v1/classify').send({ text: '  摆摊  ' }).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'text', messages: ['text 长度须在 5–2000 字之间'] }],
      });
    });

    it('refuses fields it does not know and a malformed location', async () => {
      const res = await request(app.getHttpServer())
        .post('/api/v1/classify')
        .send({ text: '路边有人占道经营', location: { lat: 'north', lng: 120.3 }, channel: 'app' })
        .expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'channel', messages: ['不允许的字段'] },
          { field: 'location.lat', messages: expect.arrayContaining(['lat 须为数字']) },
        ]),
      );
    });
  });

  it('answers 404 CLASSIFICATION_NOT_FOUND for a complaint it has not classified', async () => {
    const id = randomUUID();
    const res = await request(app.getHttpServer()).get(`/api/v1/classifications/${id}`).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'CLASSIFICATION_NOT_FOUND', message: `投诉 ${id} 尚无分类结果` });
  });
});
