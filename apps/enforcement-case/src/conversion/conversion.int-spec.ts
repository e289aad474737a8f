import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import request from 'supertest';
import { TOPICS, createEnvelope, physicalTopicName, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1 } from '@pipeline/contracts';
import { validateEnv } from '@pipeline/config';
import { configureHttp } from '@pipeline/http';
import { PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { TopicReader, eventually, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { AppModule } from '../app.module';
import { CaseEnv } from '../case.env';

function classified(overrides: Partial<ComplaintClassifiedV1> = {}): ComplaintClassifiedV1 {
  return {
    complaintId: randomUUID(),
    category: 'street_order',
    enforceable: true,
    urgent: false,
    confidence: { category: 0.9, enforceable: 0.9, urgent: 0.95 },
    hotspotAreaId: 'HS05',
    communityId: null,
    district: '市北区',
    repeatOf: null,
    responsibleBody: 'district_enforcement_squad',
    needsReview: false,
    modelVersion: 'test',
    channel: 'hotline',
    reportedAt: '2024-03-02T08:18:00+08:00',
    receivedAt: '2024-03-02T08:19:00.000Z',
    ...overrides,
  };
}

describe('conversion on the real broker and store', () => {
  const ns = testNamespace('case');
  const infra = testInfra();
  let app: INestApplication;
  let producer: Producer;
  let opened: TopicReader;
  let outcomes: TopicReader;

  const publish = async (payload: ComplaintClassifiedV1, eventId?: string) => {
    const envelope = createEnvelope({ type: TOPICS.complaintClassified.type, version: 1, producer: 'test', key: payload.complaintId, payload, eventId });
    await producer.send({ topic: physicalTopicName(TOPICS.complaintClassified.name, ns), messages: [{ key: envelope.key, value: JSON.stringify(envelope) }] });
    return envelope;
  };
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const env = validateEnv(CaseEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'case'), KAFKA_TOPIC_PREFIX: ns });
    app = await NestFactory.create(AppModule.forRoot(env), { bodyParser: false, logger: ['error'] });
    configureHttp(app, env.HTTP_BODY_LIMIT);
    connectEventConsumer(app, { partitionsConcurrency: 2, dedup: app.get(PROCESSED_EVENT_STORE) });
    await app.init();
    await app.startAllMicroservices();
    producer = new Kafka({ clientId: 'test', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    opened = await new TopicReader(infra.kafkaBrokers, [physicalTopicName(TOPICS.caseOpened.name, ns)]).start();
    outcomes = await new TopicReader(infra.kafkaBrokers, [physicalTopicName(TOPICS.complaintOutcomeDecided.name, ns)]).start();
  });

  afterAll(async () => {
    await Promise.all([opened?.stop(), outcomes?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('opens one case for an enforceable complaint, even when the event comes again under another id', async () => {
    const c = classified();
    const first = await publish(c);
    await publish(c); // a producer retry of the same fact: new event id, same complaint
    const marker = classified({ complaintId: c.complaintId + '-marker', hotspotAreaId: 'HS06' });
    await publish(marker);
    await eventually(() => expect(outcomes.messages.some((m) => m.key === marker.complaintId)).toBe(true));

    const cases = (await http().get('/api/v1/cases?hotspotAreaId=HS05')).body.items;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ complaintIds: [c.complaintId], state: 'LEAD', category: 'street_order', procedure: 'general' });
    await eventually(() => expect(opened.messages.filter((m) => m.key === cases[0]._id)).toHaveLength(1));
    const outcome = outcomes.messages.filter((m) => m.key === c.complaintId);
    expect(outcome).toHaveLength(1);
    expect(outcome[0].json<{ causationId: string; payload: { outcome: string; caseId: string } }>()).toMatchObject({
      causationId: first.eventId,
      payload: { outcome: 'case', caseId: cases[0]._id },
    });
    expect((await http().get(`/api/v1/cases/${cases[0]._id}`)).status).toBe(200);
  });

  it('decides service requests, candidates and forwards without opening cases, and counts them in the metric', async () => {
    const bin = classified({ category: 'household_waste', enforceable: false, hotspotAreaId: 'HS07' });
    const unsure = classified({ confidence: { category: 0.6, enforceable: 0.5, urgent: 0.9 }, hotspotAreaId: 'HS07' });
    const neighbour = classified({ category: 'other', enforceable: false, hotspotAreaId: 'HS07' });
    const vending = classified({ hotspotAreaId: 'HS07' });
    for (const c of [bin, unsure, neighbour, vending]) await publish(c);
    await eventually(() => expect(outcomes.messages.filter((m) => [bin, unsure, neighbour, vending].some((c) => c.complaintId === m.key))).toHaveLength(4));
    const outcomeOf = (id: string) => outcomes.messages.find((m) => m.key === id)!.json<{ payload: { outcome: string } }>().payload.outcome;
    expect([bin, unsure, neighbour, vending].map((c) => outcomeOf(c.complaintId))).toEqual(['service_request', 'candidate', 'forwarded', 'case']);

    const report = (await http().get('/api/v1/metrics/complaint-to-case')).body;
    expect(report.rows).toHaveLength(30);
    expect(report.definition).toContain('诉转案率');
    // 'other' is outside the bureau's remit, so HS07 counts 3 complaints, 1 converted
    expect(report.rows.find((r: { hotspotAreaId: string }) => r.hotspotAreaId === 'HS07')).toMatchObject({ complaints: 3, converted: 1, met: true });
    expect(report.rows.find((r: { hotspotAreaId: string }) => r.hotspotAreaId === 'HS30')).toMatchObject({ complaints: 0, converted: 0, rate: null, met: false });
  });

  it('attaches a repeat to the open case of its incident instead of opening a second one', async () => {
    const first = classified({ hotspotAreaId: 'HS08' });
    await publish(first);
    await eventually(() => expect(outcomes.messages.some((m) => m.key === first.complaintId)).toBe(true));
    const again = classified({ hotspotAreaId: 'HS08', repeatOf: first.complaintId });
    await publish(again);
    const orphan = classified({ hotspotAreaId: 'HS08', repeatOf: 'never-seen-complaint' });
    await publish(orphan);
    await eventually(() => expect(outcomes.messages.filter((m) => [again.complaintId, orphan.complaintId].includes(m.key ?? ''))).toHaveLength(2));

    const cases = (await http().get('/api/v1/cases?hotspotAreaId=HS08')).body.items;
    expect(cases).toHaveLength(1);
    expect(cases[0].complaintIds).toEqual([first.complaintId, again.complaintId]);
    const outcomeOf = (id: string) => outcomes.messages.find((m) => m.key === id)!.json<{ payload: { outcome: string; caseId: string | null; reason: string } }>().payload;
    expect(outcomeOf(again.complaintId)).toMatchObject({ outcome: 'case', caseId: cases[0]._id });
    expect(outcomeOf(again.complaintId).reason).toContain('重复件');
    expect(outcomeOf(orphan.complaintId)).toMatchObject({ outcome: 'candidate', caseId: null });
    // only one case was opened for the incident
    expect(opened.messages.filter((m) => m.key === cases[0]._id)).toHaveLength(1);
  });

  it('decides again when a clerk corrects a complaint that has no case, and leaves an opened case alone', async () => {
    const bin = classified({ category: 'household_waste', enforceable: false, hotspotAreaId: 'HS09' });
    const vending = classified({ hotspotAreaId: 'HS09' });
    await publish(bin);
    await publish(vending);
    await eventually(() => expect(outcomes.messages.filter((m) => [bin.complaintId, vending.complaintId].includes(m.key ?? ''))).toHaveLength(2));

    const correct = (c: ComplaintClassifiedV1, to: Partial<ComplaintClassificationCorrectedV1>) => {
      const payload: ComplaintClassificationCorrectedV1 = {
        complaintId: c.complaintId, category: c.category, enforceable: c.enforceable, urgent: c.urgent, hotspotAreaId: c.hotspotAreaId, communityId: null,
        district: c.district, repeatOf: null, responsibleBody: c.responsibleBody, correctedBy: 'clerk-007', reason: '核实后更正', correctedAt: new Date().toISOString(),
        reportedAt: c.reportedAt, previous: { category: c.category, enforceable: c.enforceable, urgent: c.urgent, hotspotAreaId: c.hotspotAreaId, communityId: null }, ...to,
      };
      const envelope = createEnvelope({ type: TOPICS.complaintClassificationCorrected.type, version: 1, producer: 'test', key: c.complaintId, payload });
      return producer.send({ topic: physicalTopicName(TOPICS.complaintClassificationCorrected.name, ns), messages: [{ key: c.complaintId, value: JSON.stringify(envelope) }] });
    };
    // the bin turns out to be a shop dumping renovation waste: enforceable
    await correct(bin, { category: 'construction_waste', enforceable: true, responsibleBody: 'district_enforcement_squad' });
    // the vending complaint was not enforceable after all; its case stays for the officers to decide
    await correct(vending, { enforceable: false });
    await eventually(async () => {
      const cases = (await http().get('/api/v1/cases?hotspotAreaId=HS09')).body.items;
      expect(cases.map((c: { complaintIds: string[] }) => c.complaintIds[0]).sort()).toEqual([bin.complaintId, vending.complaintId].sort());
    });
    const binOutcomes = await eventually(() => {
      const found = outcomes.messages.filter((m) => m.key === bin.complaintId).map((m) => m.json<{ payload: { outcome: string; reason: string } }>().payload);
      expect(found.map((o) => o.outcome)).toEqual(['service_request', 'case']);
      return found;
    });
    expect(binOutcomes[1].reason).toMatch(/^人工更正分类后/);
    expect(outcomes.messages.filter((m) => m.key === vending.complaintId)).toHaveLength(1);
    const row = (await http().get('/api/v1/metrics/complaint-to-case')).body.rows.find((r: { hotspotAreaId: string }) => r.hotspotAreaId === 'HS09');
    expect(row).toMatchObject({ complaints: 2, converted: 2 });
  });

  it('answers 404 for an unknown case and 400 for a bad filter', async () => {
    expect((await http().get('/api/v1/cases/CASE-none')).body.code).toBe('CASE_NOT_FOUND');
    const bad = await http().get('/api/v1/cases?hotspotAreaId=XX&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hotspotAreaId', 'limit']);
  });
});
