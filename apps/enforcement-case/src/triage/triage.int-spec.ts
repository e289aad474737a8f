import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { TOPICS, createEnvelope, physicalTopicName, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1 } from '@pipeline/contracts';
import { validateEnv } from '@pipeline/config';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, eventually, testDbName, testInfra, testNamespace, TopicReader } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
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

describe('triage on the real broker and store', () => {
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
  const http = () => apiClient(app.getHttpServer());

  beforeAll(async () => {
    const env = validateEnv(CaseEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'case'), KAFKA_TOPIC_PREFIX: ns });
    app = await startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, consumes: true, bodyLimit: env.HTTP_BODY_LIMIT });
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
    await eventually(() => expect(opened.events((m) => m.key === cases[0]._id)).toHaveLength(1));
    const outcome = outcomes.events((m) => m.key === c.complaintId);
    expect(outcome).toHaveLength(1);
    expect(outcome[0]).toMatchObject({
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
    await eventually(() => expect(outcomes.events((m) => [bin, unsure, neighbour, vending].some((c) => c.complaintId === m.key))).toHaveLength(4));
    const outcomeOf = (id: string) => outcomes.messages.find((m) => m.key === id)!.json<{ payload: { outcome: string } }>().payload.outcome;
    expect([bin, unsure, neighbour, vending].map((c) => outcomeOf(c.complaintId))).toEqual(['service_request', 'candidate', 'forwarded', 'case']);

    const report = (await http().get('/api/v1/metrics/complaint-to-case?from=2024-03-01&to=2024-03-31&numerator=opened')).body;
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
    await eventually(() => expect(outcomes.events((m) => [again.complaintId, orphan.complaintId].includes(m.key ?? ''))).toHaveLength(2));

    const cases = (await http().get('/api/v1/cases?hotspotAreaId=HS08')).body.items;
    expect(cases).toHaveLength(1);
    expect(cases[0].complaintIds).toEqual([first.complaintId, again.complaintId]);
    const outcomeOf = (id: string) => outcomes.messages.find((m) => m.key === id)!.json<{ payload: { outcome: string; caseId: string | null; reason: string } }>().payload;
    expect(outcomeOf(again.complaintId)).toMatchObject({ outcome: 'case', caseId: cases[0]._id });
    expect(outcomeOf(again.complaintId).reason).toContain('重复件');
    expect(outcomeOf(orphan.complaintId)).toMatchObject({ outcome: 'candidate', caseId: null });
    // only one case was opened for the incident
    expect(opened.events((m) => m.key === cases[0]._id)).toHaveLength(1);
  });

  it('decides again when a clerk corrects a complaint that has no case, and leaves an opened case alone', async () => {
    const bin = classified({ category: 'household_waste', enforceable: false, hotspotAreaId: 'HS09' });
    const vending = classified({ hotspotAreaId: 'HS09' });
    await publish(bin);
    await publish(vending);
    await eventually(() => expect(outcomes.events((m) => [bin.complaintId, vending.complaintId].includes(m.key ?? ''))).toHaveLength(2));

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
    expect(outcomes.events((m) => m.key === vending.complaintId)).toHaveLength(1);
    const row = (await http().get('/api/v1/metrics/complaint-to-case?from=2024-03-01&to=2024-03-31&numerator=opened')).body.rows.find((r: { hotspotAreaId: string }) => r.hotspotAreaId === 'HS09');
    expect(row).toMatchObject({ complaints: 2, converted: 2 });
  });

  it('queues candidates urgent first for a dispatcher, who accepts one into a case and rejects another with a listed reason', async () => {
    const unsure = classified({ hotspotAreaId: null, communityId: null, district: '李沧区', confidence: { category: 0.8, enforceable: 0.6, urgent: 0.9 } });
    const urgentUnsure = classified({ hotspotAreaId: null, communityId: null, district: '李沧区', urgent: true, confidence: { category: 0.8, enforceable: 0.6, urgent: 0.9 } });
    const third = classified({ hotspotAreaId: null, communityId: null, district: '李沧区', confidence: { category: 0.8, enforceable: 0.6, urgent: 0.9 } });
    for (const c of [unsure, urgentUnsure, third]) await publish(c);
    const ids = [unsure, urgentUnsure, third].map((c) => c.complaintId);
    const queue = await eventually(async () => {
      const items = (await http().get('/api/v1/candidates?limit=200')).body.items.filter((i: { complaintId: string }) => ids.includes(i.complaintId));
      expect(items).toHaveLength(3);
      return items;
    });
    expect(queue[0]).toMatchObject({ complaintId: urgentUnsure.complaintId, urgent: true, categoryName: '街面秩序', ruleVersion: '1' });
    expect(queue[0].ruleExplanation).toContain('规则集第1版');
    expect(queue[0].checkDueAt).toBeTruthy();

    const accepted = await http().post(`/api/v1/candidates/${urgentUnsure.complaintId}/accept`).send({ dispatcher: 'dispatcher-03' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ outcome: 'case' });
    const caseView = (await http().get(`/api/v1/cases/${accepted.body.caseId}`)).body;
    expect(caseView).toMatchObject({ complaintIds: [urgentUnsure.complaintId], state: 'LEAD' });
    expect(caseView.squadId).toMatch(/^SQ-LC-\d{2}$/); // a 李沧区 squad
    expect((await http().post(`/api/v1/candidates/${urgentUnsure.complaintId}/accept`).send({ dispatcher: 'dispatcher-04' })).body.code).toBe('CANDIDATE_ALREADY_DECIDED');

    const noNote = await http().post(`/api/v1/candidates/${unsure.complaintId}/reject`).send({ dispatcher: 'dispatcher-03', reasonCode: 'OTHER' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].field).toBe('note');
    const rejected = await http().post(`/api/v1/candidates/${unsure.complaintId}/reject`).send({ dispatcher: 'dispatcher-03', reasonCode: 'HANDLED_ELSEWHERE', note: '市场监管已处理' });
    expect(rejected.body).toMatchObject({ outcome: 'forwarded' });
    expect((await http().post('/api/v1/candidates/no-such/reject').send({ dispatcher: 'd', reasonCode: 'NOT_A_VIOLATION' })).status).toBe(404);
    const badCode = await http().post(`/api/v1/candidates/${third.complaintId}/reject`).send({ dispatcher: 'd', reasonCode: 'BORED' });
    expect(badCode.status).toBe(400);

    await eventually(() => {
      const decided = (id: string) => outcomes.messages.filter((m) => m.key === id).map((m) => m.json<{ payload: { outcome: string } }>().payload.outcome);
      expect(decided(urgentUnsure.complaintId)).toEqual(['candidate', 'case']);
      expect(decided(unsure.complaintId)).toEqual(['candidate', 'forwarded']);
    });
    const left = (await http().get('/api/v1/candidates?limit=200')).body.items.map((i: { complaintId: string }) => i.complaintId);
    expect(left).toContain(third.complaintId);
    expect(left).not.toContain(unsure.complaintId);
    const squads = (await http().get('/api/v1/squads')).body.items;
    expect(squads.find((q: { squadId: string }) => q.squadId === caseView.squadId).open).toBeGreaterThanOrEqual(1);
  });

  it('lets an administrator read, add and activate rule-set versions, refusing an invalid one field by field', async () => {
    const active = (await http().get('/api/v1/conversion/rule-sets/active')).body;
    expect(active.version).toBe(1);
    const invalid = await http().post('/api/v1/conversion/rule-sets').send({ description: '坏规则', rules: [{ id: 'x', description: 'x', when: { categoryIn: ['parking'] }, then: { outcome: 'fine', reason: 'x' } }], default: { outcome: 'case', reason: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('RULE_SET_INVALID');
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['rules[0].when.categoryIn[0]', 'rules[0].then.outcome', 'default.outcome']));
    // version 2 sends every enforceable complaint to a dispatcher
    const strict = { description: '全部人工确认', rules: [{ id: 'all-to-dispatcher', description: '可执法事项一律人工确认', when: { enforceable: true }, then: { outcome: 'candidate', reason: '规则要求人工确认' } }], default: { outcome: 'service_request', reason: '服务类诉求' } };
    const created = await http().post('/api/v1/conversion/rule-sets').send(strict);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ version: 2, active: false });
    expect((await http().post('/api/v1/conversion/rule-sets/2/activate')).body).toEqual({ version: 2, active: true });
    expect((await http().get('/api/v1/conversion/rule-sets')).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const c = classified({ hotspotAreaId: 'HS12' });
    await publish(c);
    await eventually(() => {
      const o = outcomes.messages.find((m) => m.key === c.complaintId)?.json<{ payload: { outcome: string; ruleVersion: string } }>().payload;
      expect(o).toMatchObject({ outcome: 'candidate', ruleVersion: '2' });
    });
    await http().post('/api/v1/conversion/rule-sets/1/activate');
    expect((await http().get('/api/v1/conversion/rule-sets/9')).status).toBe(404);
  });

  it('answers 404 for an unknown case and 400 for a bad filter', async () => {
    expect((await http().get('/api/v1/cases/CASE-none')).body.code).toBe('CASE_NOT_FOUND');
    const bad = await http().get('/api/v1/cases?hotspotAreaId=XX&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hotspotAreaId', 'limit']);
  });
});
