import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { validateEnv } from '@pipeline/config';
import { type ComplaintClassificationCorrectedV1, TOPICS, createEnvelope, physicalTopicName, type ComplaintClassifiedV1, type EventEnvelope } from '@pipeline/contracts';
import { configureHttp } from '@pipeline/http';
import { PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { community } from '@pipeline/reference-data';
import { eventually, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { AppModule } from '../app.module';
import { EvaluationEnv } from '../evaluation.env';

const ns = testNamespace('evaluation');
const { kafkaBrokers, mongoUri } = testInfra();
const classifiedTopic = physicalTopicName(TOPICS.complaintClassified.name, ns);

function classified(overrides: Partial<ComplaintClassifiedV1> = {}): ComplaintClassifiedV1 {
  return {
    complaintId: randomUUID(),
    category: 'property_service',
    enforceable: false,
    urgent: false,
    confidence: { category: 0.92, enforceable: 0.8, urgent: 0.9 },
    hotspotAreaId: null,
    communityId: 'CM001',
    district: '市南区',
    repeatOf: null,
    responsibleBody: 'property_authority',
    needsReview: false,
    modelVersion: 'test',
    channel: 'hotline',
    reportedAt: '2024-02-10T09:00:00+08:00',
    receivedAt: '2024-02-10T09:01:00+08:00',
    ...overrides,
  };
}

function referenceCommunity(id: string) {
  const c = community(id);
  if (!c) throw new Error(`${id} is not in the reference data`);
  return c;
}

function envelopeOf(payload: ComplaintClassifiedV1, key = payload.complaintId): EventEnvelope<ComplaintClassifiedV1> {
  return createEnvelope({ type: TOPICS.complaintClassified.type, version: TOPICS.complaintClassified.version, producer: 'test', key, payload });
}

describe('community complaints on the real broker and store', () => {
  let app: INestApplication;
  let producer: Producer;

  const publish = (...envelopes: EventEnvelope<ComplaintClassifiedV1>[]) =>
    producer.send({ topic: classifiedTopic, messages: envelopes.map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
  const http = () => request(app.getHttpServer());
  const communityView = async (id: string, period: string) => {
    const res = await http().get(`/api/v1/evaluations/communities/${id}`).query({ period });
    expect(res.status).toBe(200);
    return res.body as { complaints: number; propertyServiceComplaints: number; perHundredHouseholds: number; period: string };
  };

  beforeAll(async () => {
    const env = validateEnv(EvaluationEnv, {
      NODE_ENV: 'test',
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_TOPIC_PREFIX: ns,
      KAFKA_TOPIC_PARTITIONS: '3',
      MONGODB_URI: mongoUri,
      MONGODB_DB: testDbName(ns, 'evaluation'),
    });
    app = await NestFactory.create(AppModule.forRoot(env), { bodyParser: false, logger: ['error', 'warn'] });
    configureHttp(app, '64kb');
    connectEventConsumer(app, { partitionsConcurrency: 2, dedup: app.get(PROCESSED_EVENT_STORE) });
    await app.init();
    await app.startAllMicroservices();
    producer = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it('counts all and property-service complaints of a community, leaving out those without one', async () => {
    await publish(
      envelopeOf(classified({ category: 'property_service' })),
      envelopeOf(classified({ category: 'property_service', repeatOf: 'earlier-ticket' })),
      envelopeOf(classified({ category: 'street_order', enforceable: true, responsibleBody: 'district_enforcement_squad' })),
      envelopeOf(classified({ communityId: null, hotspotAreaId: 'HS01' })),
    );
    const households = referenceCommunity('CM001').households;
    const view = await eventually(async () => {
      const v = await communityView('CM001', '2024Q1');
      expect(v.complaints).toBe(3);
      return v;
    });
    expect(view).toMatchObject({ communityId: 'CM001', period: '2024Q1', households, propertyServiceComplaints: 2 });
    expect(view.perHundredHouseholds).toBeCloseTo((2 * 100) / households, 2);
    // another quarter is untouched
    expect(await communityView('CM001', '2024Q2')).toMatchObject({ complaints: 0, propertyServiceComplaints: 0, perHundredHouseholds: 0 });
  });

  it('counts a complaint once whether its event is redelivered or re-sent under a new event id', async () => {
    const payload = classified({ communityId: 'CM002' });
    const first = envelopeOf(payload);
    await publish(first);
    await eventually(async () => expect((await communityView('CM002', '2024Q1')).complaints).toBe(1));

    const resent = envelopeOf(payload); // same complaint, new event id (e.g. a reclassification)
    // a marker on the same key lands on the same partition after both, so seeing it proves they were read
    const marker = envelopeOf(classified({ communityId: 'CM002', category: 'street_order', responsibleBody: 'district_enforcement_squad' }), first.key);
    await publish(first, resent, marker);
    await eventually(async () => expect((await communityView('CM002', '2024Q1')).complaints).toBe(2));
    expect(await communityView('CM002', '2024Q1')).toMatchObject({ complaints: 2, propertyServiceComplaints: 1 });
  });

  it('follows a clerk\'s correction: the complaint moves community and category, or leaves every community', async () => {
    const moved = classified({ communityId: 'CM004', category: 'street_order', responsibleBody: 'district_enforcement_squad' });
    const removed = classified({ communityId: 'CM004' });
    await publish(envelopeOf(moved), envelopeOf(removed));
    await eventually(async () => expect((await communityView('CM004', '2024Q1')).complaints).toBe(2));

    const correction = (c: ComplaintClassifiedV1, to: Partial<ComplaintClassificationCorrectedV1>): ComplaintClassificationCorrectedV1 => ({
      complaintId: c.complaintId, category: c.category, enforceable: c.enforceable, urgent: c.urgent, hotspotAreaId: null, communityId: c.communityId,
      district: c.district, repeatOf: null, responsibleBody: c.responsibleBody, correctedBy: 'clerk-007', reason: '核实后更正', correctedAt: new Date().toISOString(),
      reportedAt: c.reportedAt, previous: { category: c.category, enforceable: c.enforceable, urgent: c.urgent, hotspotAreaId: null, communityId: c.communityId }, ...to,
    });
    const corrections = [
      correction(moved, { communityId: 'CM005', category: 'property_service', responsibleBody: 'property_authority' }),
      correction(removed, { communityId: null }),
    ].map((p) => createEnvelope({ type: TOPICS.complaintClassificationCorrected.type, version: 1, producer: 'test', key: p.complaintId, payload: p }));
    await producer.send({
      topic: physicalTopicName(TOPICS.complaintClassificationCorrected.name, ns),
      messages: corrections.map((e) => ({ key: e.key, value: JSON.stringify(e) })),
    });
    await eventually(async () => {
      expect(await communityView('CM004', '2024Q1')).toMatchObject({ complaints: 0, propertyServiceComplaints: 0 });
      expect(await communityView('CM005', '2024Q1')).toMatchObject({ complaints: 1, propertyServiceComplaints: 1 });
    });
    // the classifier's verdict arriving again cannot undo the correction
    await publish(envelopeOf(removed));
    const marker = classified({ communityId: 'CM006' });
    await publish(envelopeOf(marker, removed.complaintId));
    await eventually(async () => expect((await communityView('CM006', '2024Q1')).complaints).toBe(1));
    expect((await communityView('CM004', '2024Q1')).complaints).toBe(0);
  });

  it('files a complaint under its quarter in Shanghai time', async () => {
    // 2024-03-31T23:00Z is 1 April 07:00 in Qingdao
    await publish(envelopeOf(classified({ communityId: 'CM003', reportedAt: '2024-03-31T23:00:00Z' })));
    await eventually(async () => expect((await communityView('CM003', '2024Q2')).complaints).toBe(1));
    expect((await communityView('CM003', '2024Q1')).complaints).toBe(0);
  });

  it('lists all 100 communities in id order with their figures', async () => {
    // its own quarter, so the rows do not depend on the other tests
    await publish(envelopeOf(classified({ communityId: 'CM010', reportedAt: '2023-11-20T10:00:00+08:00' })));
    const rows = await eventually(async () => {
      const res = await http().get('/api/v1/evaluations/communities').query({ period: '2023Q4' });
      expect(res.status).toBe(200);
      expect(res.body[9]).toMatchObject({ communityId: 'CM010', complaints: 1 });
      return res.body as { communityId: string; period: string; complaints: number }[];
    });
    expect(rows).toHaveLength(100);
    expect(rows[0].communityId).toBe('CM001');
    expect(rows[99].communityId).toBe('CM100');
    expect(rows.map((r) => r.communityId)).toEqual([...rows.map((r) => r.communityId)].sort());
    expect(rows.every((r) => r.period === '2023Q4')).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.complaints, 0)).toBe(1);
    const cm010 = referenceCommunity('CM010');
    expect(rows[9]).toEqual({
      communityId: 'CM010',
      name: cm010.name,
      district: cm010.district,
      households: cm010.households,
      propertyCompany: { id: cm010.propertyCompany.id, name: cm010.propertyCompany.name },
      hotspotAreaId: cm010.hotspotAreaId,
      period: '2023Q4',
      complaints: 1,
      propertyServiceComplaints: 1,
      perHundredHouseholds: Math.round(10_000 / cm010.households) / 100,
    });
  });

  it('defaults to the current quarter', async () => {
    const res = await http().get('/api/v1/evaluations/communities/CM001');
    expect(res.status).toBe(200);
    expect(res.body.period).toMatch(/^\d{4}Q[1-4]$/);
  });

  it('answers 400 naming period for a malformed period', async () => {
    for (const path of ['/api/v1/evaluations/communities', '/api/v1/evaluations/communities/CM001']) {
      const res = await http().get(path).query({ period: '2024-Q1' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toEqual([{ field: 'period', messages: ['period 须为季度，格式如 2024Q1（年份 + Q + 1–4）'] }]);
    }
  });

  it('answers 404 COMMUNITY_NOT_FOUND for an unknown community', async () => {
    const res = await http().get('/api/v1/evaluations/communities/CM999').query({ period: '2024Q1' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND', message: '小区 CM999 不存在' });
  });
});
