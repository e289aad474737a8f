import type { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Model } from 'mongoose';
import { validateEnv } from '@pipeline/config';
import { METRICS, TOPICS, createEnvelope, physicalTopicName, type ComplaintClassifiedV1 } from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/observability';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, eventually, testDbName, testInfra, testNamespace, TopicReader } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import { CaseEnv } from '../case.env';
import { ComplaintRecord } from '../complaint-records/complaint-record.schema';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { newCaseSnapshot } from './procedure/case-state-machine';

const officers = [
  { id: 'officer-11', certificateNo: '37020011' },
  { id: 'officer-12', certificateNo: '37020012' },
];

describe('the case procedure through HTTP, on the real broker and store', () => {
  const ns = testNamespace('procedure');
  const infra = testInfra();
  let app: INestApplication;
  let producer: Producer;
  let caseEvents: TopicReader;
  const http = () => apiClient(app.getHttpServer());
  const step = (caseId: string, body: Record<string, unknown>) => http().post(`/api/v1/cases/${caseId}/transitions`).send({ actor: 'officer-11', ...body });

  /** Files an enforceable complaint in a hotspot area; the rules open a case (a lead) for it. */
  async function openCase(): Promise<{ caseId: string; complaintId: string }> {
    const complaintId = randomUUID();
    const payload: ComplaintClassifiedV1 = {
      complaintId, category: 'street_order', enforceable: true, urgent: false, confidence: { category: 0.95, enforceable: 0.95, urgent: 0.95 },
      hotspotAreaId: 'HS01', communityId: null, district: '市南区', repeatOf: null, responsibleBody: 'district_enforcement_squad', needsReview: false,
      modelVersion: 'test', channel: 'hotline', reportedAt: new Date().toISOString(), receivedAt: new Date().toISOString(),
    };
    const envelope = createEnvelope({ type: TOPICS.complaintClassified.type, version: 1, producer: 'test', key: complaintId, payload });
    await producer.send({ topic: physicalTopicName(TOPICS.complaintClassified.name, ns), messages: [{ key: complaintId, value: JSON.stringify(envelope) }] });
    const caseId = await eventually(async () => {
      const items = (await http().get('/api/v1/cases?hotspotAreaId=HS01&limit=200')).body.items as { _id: string; complaintIds: string[] }[];
      const found = items.find((c) => c.complaintIds.includes(complaintId));
      expect(found).toBeDefined();
      return found!._id;
    });
    return { caseId, complaintId };
  }

  beforeAll(async () => {
    const env = validateEnv(CaseEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'case'), KAFKA_TOPIC_PREFIX: ns });
    app = await startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, consumes: true, bodyLimit: env.HTTP_BODY_LIMIT });
    producer = new Kafka({ clientId: 'test', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    caseEvents = await new TopicReader(infra.kafkaBrokers, [physicalTopicName(TOPICS.caseStateChanged.name, ns), physicalTopicName(TOPICS.caseClosed.name, ns)]).start();
  });

  afterAll(async () => {
    await Promise.all([caseEvents?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('offers the lead\'s next steps with its deadlines, and refuses illegal or incomplete steps', async () => {
    const { caseId, complaintId } = await openCase();
    const view = (await http().get(`/api/v1/cases/${caseId}`)).body;
    expect(view).toMatchObject({ state: 'LEAD', stateLabel: '线索待核查' });
    expect(view.squadId).toMatch(/^SQ-SN-\d{2}$/);
    expect(view.allowedActions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['file', 'not_file', 'transfer', 'decide_on_spot']));
    expect(view.deadlines.map((d: { id: string }) => d.id)).toContain('D1');
    // opened today, whatever year today is: D1 has a due date
    const d1 = view.deadlines.find((d: { id: string }) => d.id === 'D1');
    expect(d1).toMatchObject({ dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: expect.stringMatching(/^(running|due_soon)$/) });

    const illegal = await step(caseId, { action: 'decide_penalty', penalty: { legalBasis: '《青岛市城市市容和环境卫生管理条例》', fineFen: 50_000 } });
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('ILLEGAL_TRANSITION');
    expect(illegal.body.details.allowed.map((a: { action: string }) => a.action)).toContain('file');
    const noReason = await step(caseId, { action: 'not_file', documents: [{ kind: '不予立案审批表', ref: 'N-1' }] });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('MISSING_REASON');

    expect((await step(caseId, { action: 'file', documents: [{ kind: '立案审批表', ref: '青城执立〔2024〕1号' }] })).body).toMatchObject({ state: 'FILED', stateLabel: '已立案' });
    const oneOfficer = await step(caseId, { action: 'start_investigation', officers: officers.slice(0, 1) });
    expect(oneOfficer.status).toBe(422);
    expect(oneOfficer.body.code).toBe('NEEDS_TWO_OFFICERS');
    expect((await step(caseId, { action: 'start_investigation', officers })).body.state).toBe('INVESTIGATING');

    const history = (await http().get(`/api/v1/cases/${caseId}`)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['file', 'start_investigation']);
    expect(history[1].officers).toHaveLength(2);
    // the complaint record learns its case was filed (立案): the metric counts it
    const records = app.get<Model<ComplaintRecord>>(getModelToken(ComplaintRecord.name));
    await eventually(async () => expect((await records.findById(complaintId).lean())?.caseFiledAt).toBeInstanceOf(Date));
    await eventually(() => {
      const changes = new Map(caseEvents.messages.filter((m) => m.key === caseId && m.topic.endsWith('state-changed.v1')).map((m) => [m.json<{ eventId: string }>().eventId, m.json<{ payload: { to: string } }>().payload.to]));
      expect([...changes.values()]).toEqual(['FILED', 'INVESTIGATING']);
    });
  });

  /** One metric's samples as exposed (only its own collect runs, so the 30 s cached gauges are not read early). */
  const metricText = (name: string) => app.get(ServiceMetrics).registry.getSingleMetricAsString(name);
  const closedCount = async () => Number(/qd_cases_closed_total\{category="street_order"[^}]*\} (\d+)/.exec(await metricText(METRICS.casesClosed.name))?.[1] ?? 0);

  it('takes the simple procedure from lead to archive within the legal limits', async () => {
    const closedBefore = await closedCount();
    const { caseId, complaintId } = await openCase();
    const onSpot = (fineFen: number) => ({ action: 'decide_on_spot', officers, partyType: 'citizen', penalty: { legalBasis: '《青岛市城市市容和环境卫生管理条例》第三十条', fineFen }, documents: [{ kind: '当场行政处罚决定书', ref: 'D-1' }] });
    const tooMuch = await step(caseId, onSpot(30_000));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('OVER_SIMPLE_THRESHOLD');
    expect((await step(caseId, onSpot(5_000))).body.state).toBe('ON_SPOT_DECISION');
    expect((await step(caseId, { action: 'close', executionResult: 'paid_on_spot', documents: [{ kind: '备案记录', ref: 'B-1' }] })).body.state).toBe('CLOSED');
    expect((await step(caseId, { action: 'archive', documents: [{ kind: '归档目录', ref: 'A-1' }] })).body).toMatchObject({ state: 'ARCHIVED', allowedActions: [] });
    const after = await step(caseId, { action: 'file', documents: [{ kind: '立案审批表', ref: 'X' }] });
    expect(after.status).toBe(409);
    // closed once, counted once (archiving is not another close)
    expect(await closedCount()).toBe(closedBefore + 1);

    // at-least-once on the wire (ADR 0006): one closure, possibly sent twice under one event id
    await eventually(() => {
      const closed = caseEvents.messages.filter((m) => m.key === caseId && m.topic.endsWith('cases.closed.v1'));
      expect(new Set(closed.map((m) => m.json<{ eventId: string }>().eventId)).size).toBe(1);
    });
    const records = app.get<Model<ComplaintRecord>>(getModelToken(ComplaintRecord.name));
    await eventually(async () => expect((await records.findById(complaintId).lean())).toMatchObject({ simpleProcedure: true, caseFiledAt: null }));
    expect((await http().get('/api/v1/cases/overdue')).status).toBe(200);
  });

  it('reassigns a case to another squad with a reason, refusing the same squad', async () => {
    const { caseId } = await openCase();
    const current = (await http().get(`/api/v1/cases/${caseId}`)).body.squadId as string;
    const other = current === 'SQ-SN-01' ? 'SQ-SN-02' : 'SQ-SN-01';
    expect((await http().post(`/api/v1/cases/${caseId}/assign`).send({ squadId: current, reason: '原中队', dispatcher: 'd-1' })).status).toBe(422);
    expect((await http().post(`/api/v1/cases/${caseId}/assign`).send({ squadId: 'SQ-XX-99', reason: '不存在', dispatcher: 'd-1' })).status).toBe(400);
    const moved = await http().post(`/api/v1/cases/${caseId}/assign`).send({ squadId: other, reason: '原中队人手不足', dispatcher: 'd-1' });
    expect(moved.body).toEqual({ caseId, squadId: other });
    expect((await http().get(`/api/v1/cases/${caseId}`)).body.squadId).toBe(other);
    // a squad's own list (an officer's 我的案件) follows the case
    const ids = async (squadId: string) => ((await http().get(`/api/v1/cases?squadId=${squadId}&limit=200`)).body.items as { _id: string }[]).map((c) => c._id);
    expect(await ids(other)).toContain(caseId);
    expect(await ids(current)).not.toContain(caseId);
    expect((await http().get('/api/v1/cases?squadId=nobody')).status).toBe(400);
  });

  it('announces a missed deadline once, and lists the case as overdue', async () => {
    // a lead opened in March 2024 and never checked: D1 (15 days) ran out long ago
    const openedAt = new Date('2024-03-01T09:00:00+08:00');
    const caseId = `CASE-old-${randomUUID()}`;
    await app.get(CaseRepository).insertIfAbsent(
      { _id: caseId, complaintIds: ['old-complaint'], category: 'street_order', procedure: 'general', state: 'LEAD', hotspotAreaId: 'HS01', communityId: null, district: '市南区', urgent: false, squadId: 'SQ-SN-01', openedAt, snapshot: newCaseSnapshot(openedAt), history: [], breachedDeadlines: [], extensions: [] },
      [],
    );
    const breaches = new TopicReader(infra.kafkaBrokers, [physicalTopicName(TOPICS.caseDeadlineBreached.name, ns)]);
    await breaches.start();
    try {
      expect(await app.get(CaseService).reportBreaches()).toBeGreaterThanOrEqual(1);
      expect(await app.get(CaseService).reportBreaches()).toBe(0);
      await eventually(() => {
        const mine = breaches.messages.filter((m) => m.key === caseId).map((m) => m.json<{ eventId: string; payload: { deadline: string; dueAt: string } }>());
        expect(mine.map((e) => e.payload.deadline)).toContain('D1');
        // two scans, yet each deadline was announced under one event id
        const idsByDeadline = new Map<string, Set<string>>();
        for (const e of mine) idsByDeadline.set(e.payload.deadline, (idsByDeadline.get(e.payload.deadline) ?? new Set()).add(e.eventId));
        for (const ids of idsByDeadline.values()) expect(ids.size).toBe(1);
      });
      const overdue = (await http().get('/api/v1/cases/overdue')).body.items.find((i: { caseId: string }) => i.caseId === caseId);
      expect(overdue.overdue.map((d: { id: string }) => d.id)).toContain('D1');
      // and Prometheus sees as many overdue cases as the list has (open to a scraper, no token)
      const listed = (await http().get('/api/v1/cases/overdue')).body.items.length as number;
      const scraped = await http().get('/metrics');
      expect(scraped.status).toBe(200);
      expect(scraped.text).toMatch(new RegExp(`^qd_cases_overdue\\{service="enforcement-case"\\} ${listed}$`, 'm'));
      const squad = (await http().get('/api/v1/squads')).body.items.find((q: { squadId: string }) => q.squadId === 'SQ-SN-01');
      expect(squad.overdue).toBeGreaterThanOrEqual(1);
      // too late to extend a deadline that has run out; not a clock that is not running; an approval record is required
      const extend = (body: Record<string, unknown>) => http().post(`/api/v1/cases/${caseId}/extensions`).send(body);
      const late = await extend({ deadline: 'D1', days: 10, approvedBy: '大队长', approvalRef: '延审〔2024〕1号' });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('EXTENSION_AFTER_DUE');
      expect((await extend({ deadline: 'D3', days: 10, approvedBy: '大队长', approvalRef: '延审〔2024〕2号' })).body.code).toBe('DEADLINE_NOT_RUNNING');
      const noApproval = await extend({ deadline: 'D1', days: 10 });
      expect(noApproval.status).toBe(400);
      expect(noApproval.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['approvalRef', 'approvedBy']);
    } finally {
      await breaches.stop();
    }
  });

  it('refuses a malformed step with 400 naming the fields', async () => {
    const { caseId } = await openCase();
    const bad = await step(caseId, { action: 'fly', officers: [{ id: '' }], penalty: { fineFen: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['action', 'officers[0].id', 'officers[0].certificateNo', 'penalty.legalBasis', 'penalty.fineFen']));
    expect((await step('CASE-none', { action: 'file' })).status).toBe(404);
  });
});
