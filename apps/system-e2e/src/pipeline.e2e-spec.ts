import { Kafka, logLevel, type Producer } from 'kafkajs';
import { HEADERS, TOPICS, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import { RunningSystem, TopicReader, eventually, testInfra, testNamespace, testToken } from '@pipeline/testing';

/**
 * The walking skeleton end to end: every service a real process, talking
 * over the real broker and store, driven only through the gateway.
 */
describe('complaint → classification → case, through the gateway', () => {
  const ns = testNamespace('e2e');
  const infra = testInfra();
  const topic = (logical: string) => physicalTopicName(logical, ns);
  let system: RunningSystem;
  let classified: TopicReader;
  let outcomes: TopicReader;
  let deadLetters: TopicReader;
  let producer: Producer;

  // a token with every role: this suite is about the pipeline; security.e2e-spec.ts is about permissions
  const auth = { authorization: `Bearer ${testToken()}` };
  const post = (path: string, body: unknown) =>
    fetch(`${system.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
  const getJson = async <T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${system.baseUrl}${path}`, { headers: auth });
    return { status: res.status, body: (await res.json()) as T };
  };
  const file = async (body: Record<string, unknown>): Promise<string> => {
    const res = await post('/api/v1/complaints', { channel: 'hotline', ...body });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };
  type MetricRow = { hotspotAreaId: string; complaints: number; converted: number; rate: number | null; met: boolean };
  const metricRow = async (area: string) => {
    const { body } = await getJson<{ rows: MetricRow[] }>('/api/v1/metrics/complaint-to-case?numerator=opened');
    return body.rows.find((r) => r.hotspotAreaId === area);
  };
  const casesIn = async (area: string) => (await getJson<{ items: { _id: string; complaintIds: string[] }[] }>(`/api/v1/cases?hotspotAreaId=${area}`)).body.items;
  const classifiedFor = (complaintId: string) => classified.events((m) => m.key === complaintId);

  beforeAll(async () => {
    // the services create the topics, so the readers subscribe after them (from the beginning)
    system = await RunningSystem.start(ns, infra);
    classified = await new TopicReader(infra.kafkaBrokers, [topic(TOPICS.complaintClassified.name)]).start();
    outcomes = await new TopicReader(infra.kafkaBrokers, [topic(TOPICS.complaintOutcomeDecided.name)]).start();
    deadLetters = await new TopicReader(infra.kafkaBrokers, [topic(deadLetterTopicName(TOPICS.complaintReceived.name))]).start();
    producer = new Kafka({ clientId: 'e2e', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([classified?.stop(), outcomes?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await system?.stop();
  });

  it('answers health for the whole system at the base URL', async () => {
    const { status, body } = await getJson<{ status: string; services: Record<string, { status: string }> }>('/health');
    expect(status).toBe(200);
    expect(Object.values(body.services).map((s) => s.status)).toEqual(['up', 'up', 'up', 'up']);
  });

  it('serves one OpenAPI document for the whole public API at /api/docs', async () => {
    const { status, body } = await getJson<{ paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/complaints',
        '/api/v1/complaints/{id}',
        '/api/v1/complaints/{id}/callback',
        '/api/v1/classify',
        '/api/v1/cases',
        '/api/v1/metrics/complaint-to-case',
        '/api/v1/evaluations/communities',
      ]),
    );
    const ui = await fetch(`${system.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('turns an enforceable complaint in a hotspot area into one case and counts the area at 1 of 2', async () => {
    // 中山路步行街 (HS01): street vending, and an overflowing bin in the same area
    const vending = await file({ text: '中山路步行街有流动摊贩占道经营，推车摆满人行道，行人只能走机动车道', location: { lat: 36.069, lng: 120.3205 } });
    const bins = await file({ text: '中山路步行街的垃圾桶满溢好几天了，清运不及时，气味很大', location: { lat: 36.0692, lng: 120.3203 } });

    for (const id of [vending, bins]) expect((await getJson(`/api/v1/complaints/${id}`)).status).toBe(200);
    await eventually(() => {
      expect(classifiedFor(vending)).toHaveLength(1);
      expect(classifiedFor(bins)).toHaveLength(1);
    });
    const vendingEvent = classifiedFor(vending)[0].payload;
    expect(vendingEvent).toMatchObject({ category: 'street_order', enforceable: true, hotspotAreaId: 'HS01' });
    expect(classifiedFor(bins)[0].payload).toMatchObject({ enforceable: false, hotspotAreaId: 'HS01' });

    await eventually(async () => {
      const cases = await casesIn('HS01');
      expect(cases).toHaveLength(1);
      expect(cases[0].complaintIds).toEqual([vending]);
      expect(await metricRow('HS01')).toMatchObject({ complaints: 2, converted: 1, rate: 0.5, met: true });
    });
    // the operator's view follows the pipeline: classified, turned into a case, with its history
    const view = await eventually(async () => {
      const { body } = await getJson<{ status: string; case: { caseId: string } | null; classification: { categoryName: string; hotspotAreaName: string } | null; timeline: { kind: string }[] }>(`/api/v1/complaints/${vending}`);
      expect(body.status).toBe('case');
      // the timeline entry follows the status update by a moment
      expect(body.timeline.map((t) => t.kind)).toEqual(['received', 'classified', 'outcome']);
      return body;
    });
    expect(view.classification).toMatchObject({ categoryName: '街面秩序', hotspotAreaName: '中山路-劈柴院商圈' });
    expect(view.case?.caseId).toBe((await casesIn('HS01'))[0]._id);
    expect((await getJson<{ status: string }>(`/api/v1/complaints/${bins}`)).body.status).toBe('service_request');

    const { body: report } = await getJson<{ target: number; rows: MetricRow[] }>('/api/v1/metrics/complaint-to-case?numerator=opened');
    expect(report.target).toBe(0.1);
    expect(report.rows).toHaveLength(30);
  });

  it('takes a complaint to an archived case through the simple procedure, and the operator sees it closed', async () => {
    const id = await file({ text: '中山路一家烧烤店在店外占道摆桌经营，油烟很大', location: { lat: 36.0688, lng: 120.3207 } });
    const caseId = await eventually(async () => {
      const found = (await casesIn('HS01')).find((c) => c.complaintIds.includes(id));
      expect(found).toBeDefined();
      return found!._id;
    });
    const officers = [{ id: 'officer-1', certificateNo: '37020001' }, { id: 'officer-2', certificateNo: '37020002' }];
    const step = async (body: Record<string, unknown>) => {
      const res = await post(`/api/v1/cases/${caseId}/transitions`, { actor: 'officer-1', ...body });
      expect(res.status).toBe(200);
      return (await res.json()) as { state: string };
    };
    expect(await step({ action: 'decide_on_spot', officers, partyType: 'citizen', penalty: { legalBasis: '《青岛市城市市容和环境卫生管理条例》', fineFen: 10_000 }, documents: [{ kind: '当场行政处罚决定书', ref: 'E2E-1' }] })).toMatchObject({ state: 'ON_SPOT_DECISION' });
    expect(await step({ action: 'close', executionResult: 'paid_on_spot', documents: [{ kind: '备案记录', ref: 'E2E-2' }] })).toMatchObject({ state: 'CLOSED' });
    expect(await step({ action: 'archive', documents: [{ kind: '归档目录', ref: 'E2E-3' }] })).toMatchObject({ state: 'ARCHIVED' });
    const view = await eventually(async () => {
      const { body } = await getJson<{ status: string; case: { state: string }; timeline: { kind: string }[] }>(`/api/v1/complaints/${id}`);
      expect(body.status).toBe('closed');
      expect(body.case.state).toBe('ARCHIVED');
      return body;
    });
    expect(view.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['case_state', 'closed']));
  });

  it('counts a property-service complaint, its closure and its callback in the community’s evaluation', async () => {
    const opened = await post('/api/v1/evaluations/periods', { period: currentQuarter(), openedBy: '市住建局 E2E' });
    expect(opened.status).toBe(201);
    // 四方路里院小区 (CM001)
    const id = await file({ text: '四方路里院小区物业不作为，楼道灯坏了一个月没人修，多次找物业都推脱', location: { lat: 36.069947, lng: 120.318838 } });
    const record = () => getJson<{ complaints: { facts: Record<string, unknown>; counted: { complaintId: string }[] } }>(`/api/v1/evaluations/periods/${currentQuarter()}/communities/CM001`);
    await eventually(async () => expect((await record()).body.complaints.counted.map((c) => c.complaintId)).toContain(id));
    expect((await post(`/api/v1/complaints/${id}/close`, { resolution: '物业已更换楼道灯' })).status).toBe(200);
    expect((await post(`/api/v1/complaints/${id}/callback`, { resolved: true, satisfaction: 'satisfied' })).status).toBe(200);
    await eventually(async () => expect((await record()).body.complaints.facts).toMatchObject({ complaints: 1, closed: 1, closedInTime: 1, callbacks: { satisfied: 1 } }));
  });

  it('processes a complaint filed while the case service is down exactly once after it restarts', async () => {
    const caseService = system.service('enforcement-case');
    await caseService.stop('SIGTERM');
    // 台东步行街 (HS03): an illegal rooftop extension
    const id = await file({ text: '台东步行街一商户在楼顶私搭乱建加盖彩钢板房，已经快完工了', address: '台东步行街' });
    await eventually(() => expect(classifiedFor(id)).toHaveLength(1));
    await caseService.start();
    const areaId = classifiedFor(id)[0].payload.hotspotAreaId as string;
    expect(areaId).toMatch(/^HS\d{2}$/);
    await eventually(async () => {
      const cases = await casesIn(areaId);
      expect(cases.filter((c) => c.complaintIds.includes(id))).toHaveLength(1);
      expect(outcomes.events((m) => m.key === id)).toHaveLength(1);
    });
    expect((await casesIn(areaId)).filter((c) => c.complaintIds.includes(id))).toHaveLength(1);
  });

  it('dead-letters a malformed event with its reason and keeps processing the next one', async () => {
    await producer.send({ topic: topic(TOPICS.complaintReceived.name), messages: [{ key: 'garbage', value: 'not an envelope at all' }] });
    const id = await file({ text: '劈柴院门口有人摆摊卖烤串，油烟很大', address: '劈柴院' });
    await eventually(() => {
      const dead = deadLetters.messages.find((m) => m.key === 'garbage');
      expect(dead?.headers[HEADERS.dlqReason]).toMatch(/^INVALID_JSON/);
      expect(dead?.value).toBe('not an envelope at all');
      expect(classifiedFor(id)).toHaveLength(1);
    });
  });

  it('takes an Open311 request through the gateway into the same pipeline', async () => {
    const form = new URLSearchParams({
      api_key: 'dev-open311-key-qingdao-0001',
      service_code: 'street_order',
      description: '栈桥景区门口有人占道摆摊卖气球和小吃',
      lat: '36.0605',
      long: '120.3185',
      phone: '13912345678',
    });
    const res = await fetch(`${system.baseUrl}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const [{ service_request_id: id }] = (await res.json()) as { service_request_id: string }[];
    await eventually(() => expect(classifiedFor(id)).toHaveLength(1));
    const xml = await (await fetch(`${system.baseUrl}/open311/v2/requests/${id}.xml`)).text();
    expect(xml).toContain(`<service_request_id>${id}</service_request_id>`);
    expect(xml).not.toContain('13912345678');
    const denied = await fetch(`${system.baseUrl}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ service_code: 'gas', description: '燃气味很重' }) });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual([{ code: 403, description: expect.any(String) }]);
  });

  it('refuses a malformed body through the gateway with 400 naming each bad field', async () => {
    const res = await post('/api/v1/complaints', { text: '短', channel: 'fax', location: { lat: 20, lng: 100 }, unknown: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; errors: { field: string }[]; correlationId: string };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.field).sort()).toEqual(['channel', 'location', 'text', 'unknown']);
    expect(body.correlationId).toBeTruthy();
    const broken = await fetch(`${system.baseUrl}/api/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"text": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe('INVALID_JSON');
  });
});

/** The quarter in Asia/Shanghai now, e.g. `2026Q4`. */
function currentQuarter(): string {
  const local = new Date(Date.now() + 8 * 60 * 60 * 1000);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}
