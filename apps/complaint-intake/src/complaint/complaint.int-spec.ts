import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { validateEnv } from '@pipeline/config';
import { TOPICS, createEnvelope, physicalTopicName, type TopicContract } from '@pipeline/contracts';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, eventually, testDbName, testInfra, testNamespace, TopicReader } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import { IntakeEnv } from '../intake.env';
import { INTAKE_MIGRATIONS } from '../migrations';


const PHONE = '13912345678';
const PHONE_MASKED = '139****5678';

describe('complaint intake on the real broker and store', () => {
  const ns = testNamespace('intake');
  const infra = testInfra();
  /** Every line the service logs, at every level, so the test can search them. */
  const logger = { lines: [] as string[] };
  let app: INestApplication;
  let producer: Producer;
  let received: TopicReader;
  let published: TopicReader;
  const topic = (t: TopicContract) => physicalTopicName(t.name, ns);
  const http = () => apiClient(app.getHttpServer());
  const file = (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    let r = http().post('/api/v1/complaints');
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r.send({ channel: 'hotline', text: '台东三路夜市烧烤摊占道经营，油烟扰民', ...body });
  };
  const count = async () => (await http().get('/api/v1/complaints?limit=100')).body.items.length as number;
  const emit = async <P extends object>(t: TopicContract<P>, key: string, payload: P) => {
    const envelope = createEnvelope({ type: t.type, version: t.version, producer: 'test-producer', key, payload });
    await producer.send({ topic: topic(t), messages: [{ key, value: JSON.stringify(envelope) }] });
    return envelope;
  };

  beforeAll(async () => {
    const env = validateEnv(IntakeEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'intake'), KAFKA_TOPIC_PREFIX: ns });
    app = await startTestService(AppModule.forRoot(env), {
      name: SERVICE_NAME, consumes: true, bodyLimit: env.HTTP_BODY_LIMIT, logLevel: 'trace', logLines: (line) => logger.lines.push(line),
    });
    producer = new Kafka({ clientId: 'test', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    received = await new TopicReader(infra.kafkaBrokers, [topic(TOPICS.complaintReceived)]).start();
    published = await new TopicReader(infra.kafkaBrokers, [topic(TOPICS.complaintClosed), topic(TOPICS.complaintCallbackRecorded)]).start();
  });

  afterAll(async () => {
    await Promise.all([received?.stop(), published?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('applied its schema migrations while starting, before consuming', async () => {
    const db = app.get<Connection>(getConnectionToken()).db!;
    const applied = await db.collection('migrations').find().sort({ _id: 1 }).toArray();
    expect(applied.map((m) => m['_id'])).toEqual(INTAKE_MIGRATIONS.map((m) => m.version));
    expect((await db.collection('complaints').listIndexes().toArray()).map((i) => i.name)).toContain('retention_closure_at');
  });

  describe('validation', () => {
    const bad: [string, unknown, number, string[]][] = [
      ['missing text', { channel: 'hotline' }, 400, ['text']],
      ['blank text', { channel: 'hotline', text: '     ' }, 400, ['text']],
      ['5000-character text', { channel: 'hotline', text: '占'.repeat(5000) }, 400, ['text']],
      ['a time in the future', { channel: 'hotline', text: '路边有人摆摊卖水果', reportedAt: '2099-03-02T08:18:00+08:00' }, 400, ['reportedAt']],
      ['a time without offset', { channel: 'hotline', text: '路边有人摆摊卖水果', reportedAt: '2024-03-02T08:18:00' }, 400, ['reportedAt']],
      ['a location far out at sea', { channel: 'app', text: '海上有人倾倒垃圾', location: { lat: 34.5, lng: 123.8 } }, 400, ['location']],
      ['a malformed phone', { channel: 'hotline', text: '路边有人摆摊卖水果', caller: { phone: '1234567', anonymous: false } }, 400, ['caller.phone']],
      ['an unknown field', { channel: 'hotline', text: '路边有人摆摊卖水果', priority: 'high' }, 400, ['priority']],
      ['an unknown nested field', { channel: 'hotline', text: '路边有人摆摊卖水果', caller: { anonymous: true, idNumber: '370202' } }, 400, ['caller.idNumber']],
      ['wrong types', { channel: 7, text: ['路边有人摆摊'], location: { lat: '36.06', lng: 120.3 }, caller: { anonymous: 'no' } }, 400, ['caller.anonymous', 'channel', 'location.lat', 'text']],
      ['an attachment of a type not accepted', { channel: 'app', text: '路边有人摆摊卖水果', attachments: [{ url: 'https://x.cn/a.exe', contentType: 'application/x-msdownload' }] }, 400, ['attachments[0].contentType']],
      ['a bad work-order number', { channel: 'hotline', text: '路边有人摆摊卖水果', externalRef: '工单 1' }, 400, ['externalRef']],
    ];

    it.each(bad)('refuses %s, naming the field', async (_name, body, status, fields) => {
      const res = await http().post('/api/v1/complaints').send(body as object);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
      for (const e of res.body.errors) expect(e.messages.join('')).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('refuses a body over the size limit with 413 and invalid JSON with 400', async () => {
      const huge = await http().post('/api/v1/complaints').set('content-type', 'application/json').send(JSON.stringify({ channel: 'hotline', text: 'x'.repeat(70_000) }));
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
      const broken = await http().post('/api/v1/complaints').set('content-type', 'application/json').send('{"channel": "hotline", "text": ');
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('INVALID_JSON');
    });

    it('created nothing for any refused request', async () => {
      expect(await count()).toBe(0);
      expect(received.messages).toHaveLength(0);
    });
  });

  describe('idempotency', () => {
    it('creates one complaint for a double submit with the same Idempotency-Key, even concurrently', async () => {
      const body = { text: '香港中路一工地夜间施工噪音很大，凌晨一点还在打桩', channel: 'hotline' };
      const [a, b] = await Promise.all([file(body, { 'Idempotency-Key': 'op-7-20240302-0001' }), file(body, { 'Idempotency-Key': 'op-7-20240302-0001' })]);
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.body.id).toBe(b.body.id);
      const again = await file(body, { 'Idempotency-Key': 'op-7-20240302-0001' });
      expect(again.body).toMatchObject({ id: a.body.id, duplicate: true });
      const other = await file({ ...body, text: '另一件事：路灯不亮了好几天' }, { 'Idempotency-Key': 'op-7-20240302-0001' });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const badKey = await file(body, { 'Idempotency-Key': 'short' });
      expect(badKey.status).toBe(400);
      expect(badKey.body.errors[0].field).toBe('Idempotency-Key');
      await eventually(() => expect(received.events((m) => m.key === a.body.id)).toHaveLength(1));
    });

    it('answers the same channel and work-order number with the first complaint', async () => {
      const first = await file({ externalRef: 'QD2024030200017', text: '延安三路一商户在人行道上堆放货物' });
      const second = await file({ externalRef: 'QD2024030200017', text: '延安三路商户占用人行道（重复推送）' });
      expect(second.status).toBe(202);
      expect(second.body).toMatchObject({ id: first.body.id, duplicate: true });
      // the same number on another channel is another work order
      const web = await file({ externalRef: 'QD2024030200017', channel: 'web', text: '延安三路一商户在人行道上堆放货物' });
      expect(web.body.id).not.toBe(first.body.id);
      const list = await http().get('/api/v1/complaints?externalRef=QD2024030200017');
      expect(list.body.items).toHaveLength(2);
    });
  });

  describe('caller privacy', () => {
    let id: string;

    beforeAll(async () => {
      const res = await file({ text: '李村河边有人私自搭建彩钢房，已经住人了', caller: { name: '王建国', phone: `+86 ${PHONE}`, anonymous: false }, location: { lat: 36.1612, lng: 120.4283 } });
      expect(res.status).toBe(202);
      id = res.body.id;
      await eventually(() => expect(received.messages.some((m) => m.key === id)).toBe(true));
    });

    it('shows the caller masked on the complaint and finds their complaints by phone', async () => {
      const view = await http().get(`/api/v1/complaints/${id}`);
      expect(view.body.caller).toEqual({ name: '王**', phone: PHONE_MASKED, anonymous: false, masked: true, anonymised: false });
      const found = await http().post('/api/v1/complaints/search').send({ callerPhone: PHONE });
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      const none = await http().post('/api/v1/complaints/search').send({ callerPhone: '13900000000' });
      expect(none.body.items).toEqual([]);
    });

    it('never puts the phone or the name in events, lists or logs', async () => {
      const event = received.messages.find((m) => m.key === id)!;
      expect(event.value).not.toContain(PHONE);
      expect(event.value).not.toContain('王建国');
      expect(event.json<{ payload: { callerRef: string } }>().payload.callerRef).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const list = JSON.stringify((await http().get('/api/v1/complaints?limit=100')).body);
      expect(list).not.toContain(PHONE);
      expect(list).not.toContain('王建国');
      expect(list).not.toContain('caller');
      const everyMessage = received.messages.map((m) => m.value).join('\n');
      expect(everyMessage).not.toContain(PHONE);
      expect(logger.lines.some((l) => l.includes(id))).toBe(true); // the logs were captured, and name the complaint
      expect(logger.lines.join('\n')).not.toContain(PHONE);
      expect(logger.lines.join('\n')).not.toContain(PHONE.slice(3));
    });
  });

  describe('status timeline and callback', () => {
    it('moves the status as the other services report, and records a callback that reopens', async () => {
      const res = await file({ text: '山东路一小区垃圾桶满溢，三天没有清运', location: { lat: 36.0913, lng: 120.3914 } });
      const id: string = res.body.id;
      const now = () => new Date().toISOString();
      const status = async () => (await http().get(`/api/v1/complaints/${id}`)).body;

      // an outcome can arrive before the classification: the status must not go backwards
      await emit(TOPICS.complaintOutcomeDecided, id, { complaintId: id, outcome: 'service_request', reason: '服务类诉求，转责任单位办理', caseId: null, ruleVersion: 't', decidedAt: now() });
      await emit(TOPICS.complaintClassified, id, {
        complaintId: id, category: 'household_waste', enforceable: false, urgent: false, confidence: { category: 0.9, enforceable: 0.9, urgent: 0.9 },
        hotspotAreaId: null, communityId: 'CM010', district: '市北区', repeatOf: null, responsibleBody: 'sanitation_department', needsReview: false,
        modelVersion: 't', channel: 'hotline', reportedAt: now(), receivedAt: now(),
      });
      const view = await eventually(async () => {
        const v = await status();
        expect(v.classification?.categoryName).toBe('生活垃圾');
        expect(v.status).toBe('service_request');
        // each timeline entry follows its status update by a moment
        expect(v.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['received', 'classified', 'outcome']));
        return v;
      });
      expect(view.statusLabel).toBe('已转责任单位办理');
      expect(view.deadline).toMatchObject({ kind: 'reply', label: '5 个工作日内答复' });
      // received today, whatever year today is: the calendar holds it, so the reply has a due time
      expect(view.deadline.note).toBeUndefined();
      expect(Date.parse(view.deadline.dueAt)).toBeGreaterThan(Date.now());
      // the outcome arrived before the classification, so it could not yet name the responsible body
      expect(view.timeline.find((t: { kind: string }) => t.kind === 'outcome').title).toBe('转责任单位办理');

      const early = await http().post(`/api/v1/complaints/${id}/callback`).send({ resolved: true, satisfaction: 'satisfied' });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('COMPLAINT_NOT_CLOSED');

      const closed = await http().post(`/api/v1/complaints/${id}/close`).send({ resolution: '环卫已清运并增加清运频次' });
      expect(closed.body).toMatchObject({ status: 'closed', statusLabel: '已办结' });
      expect((await http().post(`/api/v1/complaints/${id}/close`).send({ resolution: '再次办结' })).body.code).toBe('COMPLAINT_ALREADY_CLOSED');

      const cb = await http().post(`/api/v1/complaints/${id}/callback`).send({ resolved: false, satisfaction: 'unsatisfied', notes: '第二天又满了' });
      expect(cb.body).toMatchObject({ status: 'reopened', reopened: true });
      const after = await status();
      expect(after.lastCallback).toMatchObject({ satisfaction: 'unsatisfied', satisfactionLabel: '不满意', resolved: false });
      expect(after.timeline.at(-1)).toMatchObject({ kind: 'reopened', title: '回访：不满意，未解决，重办' });

      await eventually(() => {
        const mine = published.events((m) => m.key === id);
        expect(mine.map((e) => e.type)).toEqual(['complaint.closed', 'complaint.callback-recorded']);
        expect(mine[1].payload).toMatchObject({ satisfaction: 'unsatisfied', reopened: true, communityId: 'CM010', category: 'household_waste' });
      });
    });

    it('closes a complaint when its case closes, once, and refuses operator closure while the case is open', async () => {
      const id: string = (await file({ text: '中山路一饭店在门口违规设置大型广告灯箱', location: { lat: 36.069, lng: 120.3205 } })).body.id;
      await emit(TOPICS.complaintOutcomeDecided, id, { complaintId: id, outcome: 'case', reason: '可执法事项', caseId: 'CASE-T1', ruleVersion: 't', decidedAt: new Date().toISOString() });
      await eventually(async () => expect((await http().get(`/api/v1/complaints/${id}`)).body.status).toBe('case'));
      const refused = await http().post(`/api/v1/complaints/${id}/close`).send({ resolution: '已处理' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('COMPLAINT_NOT_CLOSABLE');

      await emit(TOPICS.caseStateChanged, 'CASE-T1', { caseId: 'CASE-T1', complaintIds: [id], from: 'LEAD', to: 'FILED', reason: null, changedAt: new Date().toISOString() });
      await eventually(async () => expect((await http().get(`/api/v1/complaints/${id}`)).body.case).toEqual({ caseId: 'CASE-T1', state: 'FILED', stateLabel: '已立案' }));
      const closedEvent = await emit(TOPICS.caseClosed, 'CASE-T1', { caseId: 'CASE-T1', complaintIds: [id], result: 'penalty', summary: '责令拆除灯箱并处罚款', closedAt: new Date().toISOString() });
      await emit(TOPICS.caseClosed, 'CASE-T1', { caseId: 'CASE-T1', complaintIds: [id], result: 'penalty', summary: '责令拆除灯箱并处罚款', closedAt: closedEvent.payload.closedAt });
      const v = await eventually(async () => {
        const body = (await http().get(`/api/v1/complaints/${id}`)).body;
        expect(body.status).toBe('closed');
        return body;
      });
      expect(v.closure).toMatchObject({ kind: 'case_closed', resolution: '责令拆除灯箱并处罚款' });
      await eventually(() => expect(published.events((m) => m.key === id)).toHaveLength(1));
      expect(published.events((m) => m.key === id)[0].causationId).toBe(closedEvent.eventId);
    });

    it('shows a clerk\'s correction in place of the classifier\'s verdict, with the reason in the timeline', async () => {
      const id: string = (await file({ text: '南京路一居民楼下有人倾倒装修垃圾，堆了一大堆' })).body.id;
      const classifiedAt = new Date(Date.now() - 1000).toISOString();
      const verdict = {
        complaintId: id, category: 'household_waste' as const, enforceable: false, urgent: false, confidence: { category: 0.55, enforceable: 0.6, urgent: 0.9 },
        hotspotAreaId: null, communityId: null, district: '市北区', repeatOf: null, responsibleBody: 'sanitation_department' as const, needsReview: true,
        modelVersion: 't', channel: 'hotline' as const, reportedAt: classifiedAt, receivedAt: classifiedAt,
      };
      await emit(TOPICS.complaintClassified, id, verdict);
      await eventually(async () => expect((await http().get(`/api/v1/complaints/${id}`)).body.classification?.category).toBe('household_waste'));
      await emit(TOPICS.complaintClassificationCorrected, id, {
        complaintId: id, category: 'construction_waste', enforceable: true, urgent: false, hotspotAreaId: null, communityId: 'CM020', district: '市北区',
        repeatOf: null, responsibleBody: 'district_enforcement_squad', correctedBy: 'clerk-007', reason: '现场为装修垃圾乱倒，属建筑垃圾', correctedAt: new Date().toISOString(),
        reportedAt: classifiedAt, previous: { category: 'household_waste', enforceable: false, urgent: false, hotspotAreaId: null, communityId: null },
      });
      const view = await eventually(async () => {
        const v = (await http().get(`/api/v1/complaints/${id}`)).body;
        expect(v.classification).toMatchObject({ category: 'construction_waste', categoryName: '建筑垃圾', enforceable: true, communityId: 'CM020', needsReview: false });
        expect(v.timeline.at(-1)).toMatchObject({ kind: 'classified', title: '人工更正分类：生活垃圾 → 建筑垃圾', detail: '现场为装修垃圾乱倒，属建筑垃圾' });
        return v;
      });
      expect(view.classification.responsibleBodyName).toBe('区综合行政执法中队');
      // the classifier's verdict coming again (a replay) does not undo the correction
      await emit(TOPICS.complaintClassified, id, verdict);
      const marker = await emit(TOPICS.complaintOutcomeDecided, id, { complaintId: id, outcome: 'candidate', reason: '待确认', caseId: null, ruleVersion: 't', decidedAt: new Date().toISOString() });
      await eventually(async () => expect((await http().get(`/api/v1/complaints/${id}`)).body.timeline.some((t: { kind: string }) => t.kind === 'outcome')).toBe(true));
      expect(marker.eventId).toBeTruthy();
      expect((await http().get(`/api/v1/complaints/${id}`)).body.classification.category).toBe('construction_waste');
    });

    it('dead-letters an event about a complaint intake never received', async () => {
      const dead = await new TopicReader(infra.kafkaBrokers, [`${topic(TOPICS.complaintOutcomeDecided)}.dlq`]).start();
      try {
        await emit(TOPICS.complaintOutcomeDecided, 'no-such-complaint', { complaintId: 'no-such-complaint', outcome: 'forwarded', reason: 'x', caseId: null, ruleVersion: 't', decidedAt: new Date().toISOString() });
        await eventually(() => expect(dead.messages[0]?.headers['x-dlq-reason']).toMatch(/^REJECTED: COMPLAINT_UNKNOWN/));
      } finally {
        await dead.stop();
      }
    });
  });

  describe('listing', () => {
    it('pages newest first with a cursor and filters', async () => {
      const page1 = await http().get('/api/v1/complaints?limit=2');
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.nextCursor).toBe(page1.body.items[1].id);
      const page2 = await http().get(`/api/v1/complaints?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items[0].id < page1.body.items[1].id).toBe(true);
      const byStatus = await http().get('/api/v1/complaints?status=reopened');
      expect(byStatus.body.items.every((i: { status: string }) => i.status === 'reopened')).toBe(true);
      expect(byStatus.body.items.length).toBeGreaterThan(0);
      const byText = await http().get(`/api/v1/complaints?q=${encodeURIComponent('彩钢房')}`);
      expect(byText.body.items).toHaveLength(1);
      const regexAttempt = await http().get(`/api/v1/complaints?q=${encodeURIComponent('.*')}`);
      expect(regexAttempt.body.items).toHaveLength(0);
      const bad = await http().get('/api/v1/complaints?status=lost&limit=500&cursor=zzz');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cursor', 'limit', 'status']);
    });

    it('answers 404 with a stable code for an unknown complaint', async () => {
      for (const path of ['/api/v1/complaints/no-such-id', '/api/v1/complaints/%E4%B8%AD']) {
        const res = await http().get(path);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('COMPLAINT_NOT_FOUND');
      }
      expect((await http().post('/api/v1/complaints/no-such-id/callback').send({ resolved: true, satisfaction: 'satisfied' })).status).toBe(404);
    });
  });
});
