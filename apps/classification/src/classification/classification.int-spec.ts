import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { validateEnv } from '@pipeline/config';
import {
  TOPICS, createEnvelope, derivedEventId, physicalTopicName,
  type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1, type ComplaintReceivedV1, type EventEnvelope,
} from '@pipeline/contracts';
import { ConsumerStatus } from '@pipeline/kafka';
import { readPublicComplaints } from '@pipeline/reference-data';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, eventually, testDbName, testInfra, testNamespace, TopicReader } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import { ClassificationEnv } from '../classification.env';

const ns = testNamespace('classification');
const { kafkaBrokers, mongoUri } = testInfra();
const receivedTopic = physicalTopicName(TOPICS.complaintReceived.name, ns);
const classifiedTopic = physicalTopicName(TOPICS.complaintClassified.name, ns);
const correctedTopic = physicalTopicName(TOPICS.complaintClassificationCorrected.name, ns);
const publicSet = new Map(readPublicComplaints().map((c) => [c.id, c]));

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

/** A ticket of the public set as intake publishes it, under its own id. */
function receivedTicket(id: string, overrides: Partial<ComplaintReceivedV1> = {}): EventEnvelope<ComplaintReceivedV1> {
  const t = publicSet.get(id);
  if (!t) throw new Error(`no ticket ${id}`);
  return receivedEnvelope({ complaintId: t.id, channel: t.channel, text: t.text, address: t.address, location: t.location, reportedAt: t.reportedAt, ...overrides });
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
    classified.events<EventEnvelope<ComplaintClassifiedV1>>((m) => m.topic === classifiedTopic && m.key === complaintId);
  const correctedFor = (complaintId: string) =>
    classified.events<EventEnvelope<ComplaintClassificationCorrectedV1>>((m) => m.topic === correctedTopic && m.key === complaintId);

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
    for (const topic of [classifiedTopic, correctedTopic]) {
      const ends = await admin.fetchTopicOffsets(topic);
      await eventually(() => {
        for (const { partition, high } of ends) {
          const read = classified.on(topic).filter((m) => m.partition === partition).length;
          expect({ topic, partition, read }).toEqual({ topic, partition, read: Number(high) });
        }
      });
    }
  };

  beforeAll(async () => {
    // subscribes under the group main.ts does, prefixed with this file's namespace
    app = await startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, consumes: true });
    const kafka = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    classified = await new TopicReader(kafkaBrokers, [classifiedTopic, correctedTopic]).start();
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
      expect(classified.events((m) => m.key === complaintId).map((e) => JSON.stringify(e))).toEqual([expect.not.stringContaining('caller-7f3a')]);
    });

    it('stores the classification with its explanation', async () => {
      const res = await apiClient(app.getHttpServer()).get(`/api/v1/classifications/${complaintId}`).expect(200);
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
      const res = await apiClient(app.getHttpServer())
        .post('/api/v1/classify')
        .send({ text: '  劈柴院门口有人摆摊卖烤串，油烟很大  ', location: { lat: 36.069, lng: 120.3205 } })
        .expect(200);
      expect(res.body).toMatchObject({
        category: 'street_order',
        enforceable: true,
        hotspotAreaId: 'HS01',
        placeMethod: 'coordinates',
        responsibleBody: 'district_enforcement_squad',
        routing: { responsibleBody: 'district_enforcement_squad', name: '市南区综合行政执法中队' },
        modelVersion: expect.stringMatching(/^ensemble-1\./),
        explanation: { place: ['坐标落在 HS01'] },
        possibleRepeats: expect.any(Array),
      });
      expect(res.body.explanation.category.length).toBeGreaterThan(0);
      await settled();
      expect(await classifications.countDocuments()).toBe(stored);
      expect(classified.messages).toHaveLength(before);
    });

    it('answers 400 naming text when the trimmed text is too short', async () => {
      const res = await apiClient(app.getHttpServer()).post('/api/v1/classify').send({ text: '  摆摊  ' }).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'text', messages: ['text 长度须在 5–2000 字之间'] }],
      });
    });

    it('refuses fields it does not know and a malformed location', async () => {
      const res = await apiClient(app.getHttpServer())
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

  describe('repeats (重复件) across every stored complaint', () => {
    // Each report is sent once the one before it is classified: the service
    // links to what is stored, and two reports handled at the same moment on
    // two partitions would not see each other.
    const classifyInOrder = async (...envelopes: EventEnvelope<ComplaintReceivedV1>[]) => {
      for (const e of envelopes) {
        await send(e);
        await settled();
      }
    };

    const repeat = receivedTicket('T00030');

    it('links a repeat reported 14 days later to the first report, with the reasons', async () => {
      await classifyInOrder(receivedTicket('T00002'), repeat);
      expect(classifiedFor('T00002').map((e) => e.payload.repeatOf)).toEqual([null]);
      const [again] = classifiedFor('T00030');
      expect(again.payload).toMatchObject({ complaintId: 'T00030', category: 'flyposting', communityId: 'CM027', repeatOf: 'T00002' });
      const res = await apiClient(app.getHttpServer()).get('/api/v1/classifications/T00030').expect(200);
      expect(res.body).toMatchObject({ repeatOf: 'T00002', routing: { responsibleBody: 'district_enforcement_squad', name: '市北区综合行政执法中队' } });
      expect(res.body.explanation.repeat).toEqual(expect.arrayContaining([expect.stringMatching(/^重复件：与首报 T00002 为同一事件/), '同一小区 CM027', '同一9号楼']));
    });

    it('links by a road named in both when neither report lies in a known area', async () => {
      await classifyInOrder(receivedTicket('T00054'), receivedTicket('T00069'));
      expect(classifiedFor('T00069')[0].payload).toMatchObject({ hotspotAreaId: null, communityId: null, repeatOf: 'T00054' });
    });

    it('does not link a near miss: another building in the same community', async () => {
      await classifyInOrder(receivedTicket('T00177'), receivedTicket('T00204'));
      expect(classifiedFor('T00204')[0].payload).toMatchObject({ category: 'illegal_construction', communityId: 'CM009', repeatOf: null });
    });

    it('gives a redelivered repeat, or the same complaint under a new event id, no second event and keeps its link', async () => {
      await classifyInOrder(repeat, { ...repeat, eventId: randomUUID() });
      expect(classifiedFor('T00030').map((e) => e.payload.repeatOf)).toEqual(['T00002']);
    });

    it('shows a stored complaint to the operator filing a repeat of it, storing nothing', async () => {
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const first = receivedTicket('T00425', { complaintId: `heat-${randomUUID()}`, reportedAt: twoDaysAgo });
      await classifyInOrder(first);
      const candidates = app.get<Connection>(getConnectionToken()).collection('repeat_candidates');
      const stored = await candidates.countDocuments();
      const t = publicSet.get('T00458')!;
      const res = await apiClient(app.getHttpServer()).post('/api/v1/classify').send({ text: t.text, address: t.address ?? undefined }).expect(200);
      expect(res.body).toMatchObject({ category: 'heating', communityId: 'CM032', routing: { responsibleBody: 'heating_company', name: '供热公司' } });
      expect(res.body.possibleRepeats[0]).toEqual({
        id: first.payload.complaintId,
        reportedAt: new Date(twoDaysAgo).toISOString(),
        excerpt: expect.any(String),
        score: expect.any(Number),
        linked: true,
        repeatOf: first.payload.complaintId,
        reasons: expect.arrayContaining(['同一小区 CM032']),
      });
      expect(Array.from(res.body.possibleRepeats[0].excerpt as string).length).toBeLessThanOrEqual(80);
      expect(first.payload.text.startsWith(res.body.possibleRepeats[0].excerpt.replace(/…$/, ''))).toBe(true);
      expect(await candidates.countDocuments()).toBe(stored);
    });
  });

  describe('review and correction by a clerk', () => {
    const unsure = receivedEnvelope({ text: '你好，请问一下这个事情应该找哪里反映', reportedAt: new Date(Date.now() - 3_600_000).toISOString() });
    const unsureId = unsure.payload.complaintId;
    const correction = {
      category: 'street_order',
      enforceable: true,
      urgent: false,
      communityId: 'CM001',
      reason: '回访核实：四方路里院小区门口占道摆摊',
      correctedBy: 'clerk-017',
    };
    const correct = (id: string, body: object) => apiClient(app.getHttpServer()).post(`/api/v1/complaints/${id}/classification`).send(body);

    it('lists a low-confidence result in the review queue, newest first', async () => {
      await send(unsure);
      await settled();
      const res = await apiClient(app.getHttpServer()).get('/api/v1/classifications').query({ needsReview: 'true', limit: 50 }).expect(200);
      expect(res.body.items[0]).toMatchObject({ complaintId: unsureId, needsReview: true, decidedBy: 'model', category: 'other', excerpt: unsure.payload.text });
      expect(res.body.items.every((i: { needsReview: boolean }) => i.needsReview)).toBe(true);
      expect(res.body.items[0]).not.toHaveProperty('outbox');
      const times = res.body.items.map((i: { classifiedAt: string }) => i.classifiedAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('pages with the cursor and filters by who decided', async () => {
      const first = await apiClient(app.getHttpServer()).get('/api/v1/classifications').query({ limit: 2 }).expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await apiClient(app.getHttpServer()).get('/api/v1/classifications').query({ limit: 2, cursor: first.body.nextCursor }).expect(200);
      const ids = [...first.body.items, ...second.body.items].map((i: { complaintId: string }) => i.complaintId);
      expect(new Set(ids).size).toBe(ids.length);
      const byPerson = await apiClient(app.getHttpServer()).get('/api/v1/classifications').query({ decidedBy: 'person' }).expect(200);
      expect(byPerson.body).toEqual({ items: [], nextCursor: null });
      const bad = await apiClient(app.getHttpServer()).get('/api/v1/classifications').query({ needsReview: 'maybe', limit: 0 }).expect(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'needsReview', messages: ['needsReview 须为 true 或 false'] },
          { field: 'limit', messages: ['limit 至少为 1'] },
        ]),
      );
    });

    it('applies a correction: the record changes and exactly one classification-corrected event says what it replaced', async () => {
      const res = await correct(unsureId, correction).expect(200);
      expect(res.body).toMatchObject({
        complaintId: unsureId,
        category: 'street_order',
        enforceable: true,
        hotspotAreaId: 'HS01',
        communityId: 'CM001',
        district: '市南区',
        decidedBy: 'person',
        needsReview: false,
        routing: { responsibleBody: 'district_enforcement_squad', name: '市南区综合行政执法中队' },
        modelJudgement: { category: 'other', hotspotAreaId: null, communityId: null },
        lastCorrection: { correctedBy: 'clerk-017', reason: correction.reason },
      });
      await settled();
      const events = correctedFor(unsureId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'complaint.classification-corrected',
        version: 1,
        producer: 'classification',
        key: unsureId,
        correlationId: unsure.correlationId,
        payload: {
          complaintId: unsureId,
          category: 'street_order',
          enforceable: true,
          urgent: false,
          hotspotAreaId: 'HS01',
          communityId: 'CM001',
          district: '市南区',
          repeatOf: null,
          responsibleBody: 'district_enforcement_squad',
          previous: { category: 'other', enforceable: false, urgent: false, hotspotAreaId: null, communityId: null },
          reportedAt: new Date(unsure.payload.reportedAt).toISOString(),
          correctedBy: 'clerk-017',
          reason: correction.reason,
        },
      });
      const stored = await apiClient(app.getHttpServer()).get(`/api/v1/classifications/${unsureId}`).expect(200);
      expect(stored.body).toMatchObject({ category: 'street_order', decidedBy: 'person', correctionCount: 1 });
      const history = await apiClient(app.getHttpServer()).get(`/api/v1/complaints/${unsureId}/classification/corrections`).expect(200);
      expect(history.body).toEqual([expect.objectContaining({ correctionId: events[0].eventId, previous: expect.objectContaining({ category: 'other' }) })]);
      const queue = await apiClient(app.getHttpServer()).get('/api/v1/classifications').query({ needsReview: 'true', limit: 100 }).expect(200);
      expect(queue.body.items.map((i: { complaintId: string }) => i.complaintId)).not.toContain(unsureId);
    });

    it('uses the corrected facts for later repeats', async () => {
      const res = await apiClient(app.getHttpServer()).post('/api/v1/classify').send({ text: '四方路里院小区门口又有人摆摊占道经营，还是那几个摊位' }).expect(200);
      expect(res.body).toMatchObject({ category: 'street_order', communityId: 'CM001' });
      expect(res.body.possibleRepeats.map((p: { id: string }) => p.id)).toContain(unsureId);
    });

    it('answers 409 when the correction changes nothing, publishing nothing more', async () => {
      const res = await correct(unsureId, correction).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'CLASSIFICATION_UNCHANGED', message: '更正内容与当前分类相同，未作更改' });
      await settled();
      expect(correctedFor(unsureId)).toHaveLength(1);
    });

    it('answers 400 naming an unknown category and an unknown area', async () => {
      const res = await correct(unsureId, { ...correction, category: 'parking', hotspotAreaId: 'HS99' }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'category', messages: ['category 须为十三类投诉代码之一'] },
          { field: 'hotspotAreaId', messages: ['hotspotAreaId 须为已登记的热点区域编号（如 HS01）'] },
        ]),
      );
    });

    it('answers 400 for a missing reason, an unknown field and a link to a complaint it does not know', async () => {
      const { reason: _reason, ...withoutReason } = correction;
      const res = await correct(unsureId, { ...withoutReason, confidence: 1 }).expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'reason', messages: expect.arrayContaining(['reason 长度须在 2–500 字之间']) },
          { field: 'confidence', messages: ['不允许的字段'] },
        ]),
      );
      const link = await correct(unsureId, { ...correction, repeatOf: 'T99999' }).expect(400);
      expect(link.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'repeatOf', messages: ['repeatOf：投诉 T99999 不存在或尚未分类'] }] });
    });

    it('answers 404 for a complaint it never classified', async () => {
      const id = randomUUID();
      const res = await correct(id, correction).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'CLASSIFICATION_NOT_FOUND', message: `投诉 ${id} 尚无分类结果` });
    });

    it('links and unlinks a repeat by hand', async () => {
      const res = await correct('T00204', { category: 'illegal_construction', enforceable: true, urgent: false, repeatOf: 'T00177', reason: '同一违建，现场核实', correctedBy: 'clerk-017' }).expect(200);
      expect(res.body).toMatchObject({ repeatOf: 'T00177', decidedBy: 'person' });
      await correct('T00204', { category: 'illegal_construction', enforceable: true, urgent: false, repeatOf: null, reason: '复核：两处违建', correctedBy: 'clerk-018' }).expect(200);
      await settled();
      expect(correctedFor('T00204').map((e) => [e.payload.repeatOf, e.payload.correctedBy])).toEqual([
        ['T00177', 'clerk-017'],
        [null, 'clerk-018'],
      ]);
    });

    it('exports the corrected complaints in the shape of complaints.public.jsonl', async () => {
      const res = await apiClient(app.getHttpServer()).get('/api/v1/classifications/corrections/export').buffer(true).parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => done(null, text));
      }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = (res.body as string).split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
      expect(lines.map((l) => l.id).sort()).toEqual([unsureId, 'T00204'].sort());
      const line = lines.find((l) => l.id === unsureId);
      expect(Object.keys(line)).toEqual(['id', 'channel', 'reportedAt', 'text', 'address', 'location', 'caller', 'externalRef', 'labels']);
      expect(line).toEqual({
        id: unsureId,
        channel: 'app',
        reportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00$/),
        text: unsure.payload.text,
        address: null,
        location: null,
        caller: null,
        externalRef: null,
        labels: { category: 'street_order', enforceable: true, urgent: false, hotspotAreaId: 'HS01', communityId: 'CM001', repeatOf: null },
      });
      expect(new Date(line.reportedAt).toISOString()).toBe(new Date(unsure.payload.reportedAt).toISOString());
    });
  });

  it('answers 404 CLASSIFICATION_NOT_FOUND for a complaint it has not classified', async () => {
    const id = randomUUID();
    const res = await apiClient(app.getHttpServer()).get(`/api/v1/classifications/${id}`).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'CLASSIFICATION_NOT_FOUND', message: `投诉 ${id} 尚无分类结果` });
  });
});
