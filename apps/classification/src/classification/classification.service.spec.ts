import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, derivedEventId, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { DomainError, ServiceMetrics } from '@pipeline/http';
import { EventPublisher, PermanentEventError } from '@pipeline/kafka';
import { readPublicComplaints } from '@pipeline/reference-data';
import type { Classification, ComplaintClassifier } from '../classifier/complaint-classifier';
import { KeywordClassifier } from '../classifier/keyword-classifier';
import { DEFAULT_REPEAT_LINKER_OPTIONS } from '../repeats/repeat-linker';
import type { RepeatCandidateRepository } from '../repeats/repeat-candidate.repository';
import { InMemoryRepeatCandidates } from '../repeats/repeat-candidate.repository.fake';
import { RepeatService } from '../repeats/repeat.service';
import type { ClassificationRepository } from './classification.repository';
import { InMemoryClassifications } from './classification.repository.fake';
import { ClassificationService, classificationRecord, classifiedPayload } from './classification.service';

const classifiedEventId = (cause: string) => derivedEventId(cause, TOPICS.complaintClassified.name);
const publicSet = new Map(readPublicComplaints().map((c) => [c.id, c]));

const verdict = (overrides: Partial<Classification> = {}): Classification => ({
  category: 'street_order',
  enforceable: true,
  urgent: false,
  confidence: { category: 0.8, enforceable: 0.9, urgent: 0.95 },
  hotspotAreaId: 'HS01',
  communityId: null,
  district: '市南区',
  placeMethod: 'coordinates',
  responsibleBody: 'district_enforcement_squad',
  needsReview: false,
  modelVersion: 'test-1',
  explanation: { category: ['摊贩+3'], enforceable: [], urgent: [], place: ['坐标落在 HS01'] },
  ...overrides,
});

const received = (overrides: Partial<ComplaintReceivedV1> = {}): ComplaintReceivedV1 => ({
  complaintId: randomUUID(),
  channel: 'wechat',
  text: '中山路步行街有流动摊贩占道卖烤鱿鱼',
  address: null,
  location: { lat: 36.069, lng: 120.3205 },
  reportedAt: '2024-03-02T08:18:00+08:00',
  receivedAt: '2024-03-02T00:19:05.120Z',
  callerRef: 'caller-ref-never-forwarded',
  ...overrides,
});

/** A ticket of the public set as intake would publish it, under its own id. */
const receivedTicket = (id: string, overrides: Partial<ComplaintReceivedV1> = {}): ComplaintReceivedV1 => {
  const t = publicSet.get(id);
  if (!t) throw new Error(`no ticket ${id}`);
  return received({ complaintId: t.id, channel: t.channel, text: t.text, address: t.address, location: t.location, reportedAt: t.reportedAt, ...overrides });
};

describe('classifiedPayload', () => {
  it('carries the channel and times over unchanged, and no link without a repeat decision', () => {
    const r = received();
    expect(classifiedPayload(r, verdict())).toEqual({
      complaintId: r.complaintId,
      category: 'street_order',
      enforceable: true,
      urgent: false,
      confidence: { category: 0.8, enforceable: 0.9, urgent: 0.95 },
      hotspotAreaId: 'HS01',
      communityId: null,
      district: '市南区',
      repeatOf: null,
      // where the complaint points, as received: the case service judges whether the spot is identifiable
      location: r.location ?? null,
      address: r.address ?? null,
      responsibleBody: 'district_enforcement_squad',
      needsReview: false,
      modelVersion: 'test-1',
      channel: 'wechat',
      reportedAt: '2024-03-02T08:18:00+08:00',
      receivedAt: '2024-03-02T00:19:05.120Z',
    });
  });

  it('carries the first report of the incident when the linker found one', () => {
    expect(classifiedPayload(received(), verdict(), { repeatOf: 'T00002', reasons: ['同一小区 CM027'] }).repeatOf).toBe('T00002');
  });

  it('routes by the taxonomy, whatever body the model names', () => {
    const payload = classifiedPayload(received(), verdict({ category: 'gas', responsibleBody: 'district_enforcement_squad' }));
    expect(payload.responsibleBody).toBe('gas_company');
  });

  it('forwards neither the text nor the caller', () => {
    const payload = classifiedPayload(received(), verdict());
    expect(JSON.stringify(payload)).not.toMatch(/callerRef|caller-ref|烤鱿鱼/);
  });
});

describe('classificationRecord', () => {
  it("names the district's squad and keeps the linker's reasons beside the model's", () => {
    const payload = classifiedPayload(received(), verdict(), { repeatOf: 'C-1', reasons: ['重复件：与首报 C-1 为同一事件（得分 0.5）'] });
    const record = classificationRecord(payload, verdict(), new Date(), { repeatReasons: ['重复件：与首报 C-1 为同一事件（得分 0.5）'], correlationId: 'corr-1' });
    expect(record).toMatchObject({
      repeatOf: 'C-1',
      routing: { responsibleBody: 'district_enforcement_squad', name: '市南区综合行政执法中队' },
      explanation: { category: ['摊贩+3'], place: ['坐标落在 HS01'], repeat: ['重复件：与首报 C-1 为同一事件（得分 0.5）'] },
      decidedBy: 'model',
      correlationId: 'corr-1',
      correctionCount: 0,
    });
  });
});

describe('ClassificationService', () => {
  // envelope() only builds; the producer never connects in these tests
  const kafka = new Kafka({ clientId: 'unit', brokers: ['127.0.0.1:9'], logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, { serviceName: 'classification', brokers: [], topicPrefix: '', partitions: 1, replicationFactor: 1 });
  /** A service instance over the given stores: two instances over the same stores are two processes of one deployment. */
  const instance = (
    stores: { classifications: InMemoryClassifications; candidates: InMemoryRepeatCandidates },
    classifier: ComplaintClassifier = new KeywordClassifier(),
    metrics = new ServiceMetrics('classification'),
  ) => {
    const repeats = new RepeatService(DEFAULT_REPEAT_LINKER_OPTIONS, stores.candidates as unknown as RepeatCandidateRepository);
    return new ClassificationService(classifier, stores.classifications as unknown as ClassificationRepository, repeats, publisher, metrics);
  };
  const setup = (classifier?: ComplaintClassifier) => {
    const stores = { classifications: new InMemoryClassifications(), candidates: new InMemoryRepeatCandidates() };
    return { ...stores, service: instance(stores, classifier), stores };
  };
  const cause = () => ({ eventId: randomUUID(), correlationId: `corr-${randomUUID()}` });

  it('stores the classification with one classified event derived from the received event', async () => {
    const { classifications, service } = setup();
    const r = received();
    const c = cause();
    await service.classifyReceived(r, c);

    const { record, events } = classifications.storedFor(r.complaintId);
    expect(record).toMatchObject({
      complaintId: r.complaintId,
      category: 'street_order',
      enforceable: true,
      hotspotAreaId: 'HS01',
      decidedBy: 'model',
      repeatOf: null,
      routing: { responsibleBody: 'district_enforcement_squad', name: '市南区综合行政执法中队' },
      correlationId: c.correlationId,
      reportedAt: new Date('2024-03-02T08:18:00+08:00'),
      receivedAt: new Date('2024-03-02T00:19:05.120Z'),
    });
    expect(record.explanation.category.length).toBeGreaterThan(0);
    expect(record.classifiedAt).toBeInstanceOf(Date);

    expect(events).toHaveLength(1);
    expect(events[0].topic).toBe(TOPICS.complaintClassified.name);
    expect(events[0].envelope).toMatchObject({
      eventId: classifiedEventId(c.eventId),
      type: 'complaint.classified',
      version: 1,
      producer: 'classification',
      key: r.complaintId,
      correlationId: c.correlationId,
      causationId: c.eventId,
      occurredAt: record.classifiedAt.toISOString(),
      payload: { complaintId: r.complaintId, category: 'street_order', channel: 'wechat', repeatOf: null },
    });
  });

  it('counts a classified complaint once, by category, however often its event comes', async () => {
    const stores = { classifications: new InMemoryClassifications(), candidates: new InMemoryRepeatCandidates() };
    const metrics = new ServiceMetrics('classification');
    const service = instance(stores, undefined, metrics);
    const r = received();
    await service.classifyReceived(r, cause());
    await service.classifyReceived(r, cause());
    const exposition = await metrics.exposition();
    expect(exposition).toContain('qd_complaints_classified_total{category="street_order",service="classification"} 1\n');
  });

  it('records the complaint as a repeat candidate with its text and place', async () => {
    const { candidates, service } = setup();
    const r = received({ address: '市南区中山路' });
    await service.classifyReceived(r, cause());
    expect(candidates.stored.get(r.complaintId)).toMatchObject({
      channel: 'wechat',
      text: r.text,
      address: '市南区中山路',
      location: { lat: 36.069, lng: 120.3205 },
      category: 'street_order',
      reportedAt: new Date(r.reportedAt),
      hotspotAreaId: 'HS01',
      placeTokens: expect.arrayContaining(['中山路']),
      repeatOf: null,
      repeatReasons: [],
    });
  });

  it('keeps the first classification when the complaint comes again', async () => {
    const { classifications, service } = setup();
    const r = received();
    const first = cause();
    await service.classifyReceived(r, first);
    await service.classifyReceived({ ...r, text: '改了内容：燃气味很浓' }, cause());
    const { record, events } = classifications.storedFor(r.complaintId);
    expect(record.category).toBe('street_order');
    expect(events.map((e) => e.envelope.eventId)).toEqual([classifiedEventId(first.eventId)]);
  });

  it('rejects a verdict that breaks the contract permanently, storing nothing', async () => {
    const broken: ComplaintClassifier = { classify: () => verdict({ confidence: { category: 1.2, enforceable: 0.9, urgent: 0.9 } }) };
    const { classifications, candidates, service } = setup(broken);
    const attempt = service.classifyReceived(received(), cause());
    await expect(attempt).rejects.toBeInstanceOf(PermanentEventError);
    await expect(attempt).rejects.toMatchObject({ code: 'CLASSIFICATION_INVALID', message: expect.stringContaining('confidence.category') });
    expect(classifications.stored.size).toBe(0);
    expect(candidates.stored.size).toBe(0);
  });

  it('answers CLASSIFICATION_NOT_FOUND for a complaint it has not classified', async () => {
    const { service } = setup();
    await expect(service.get('nope')).rejects.toMatchObject({ kind: 'not_found', code: 'CLASSIFICATION_NOT_FOUND' });
    await expect(service.get('nope')).rejects.toBeInstanceOf(DomainError);
  });

  describe('repeats (重复件)', () => {
    it('links a repeat to the first report even when another instance classified the first', async () => {
      const { stores } = setup();
      await instance(stores).classifyReceived(receivedTicket('T00002'), cause());
      await instance(stores).classifyReceived(receivedTicket('T00030'), cause());
      const { record, events } = stores.classifications.storedFor('T00030');
      expect(record.repeatOf).toBe('T00002');
      expect(events[0].envelope.payload).toMatchObject({ repeatOf: 'T00002' });
      expect(record.explanation.repeat).toEqual(
        expect.arrayContaining([expect.stringMatching(/^重复件：与首报 T00002 为同一事件/), '同一小区 CM027', '同一9号楼']),
      );
      expect(stores.candidates.stored.get('T00030')).toMatchObject({ repeatOf: 'T00002' });
    });

    it('points every report of a chain at the first one', async () => {
      const { classifications, service } = setup();
      for (const id of ['T00012', 'T00038', 'T00039']) await service.classifyReceived(receivedTicket(id), cause());
      expect(['T00012', 'T00038', 'T00039'].map((id) => classifications.storedFor(id).record.repeatOf)).toEqual([null, 'T00012', 'T00012']);
    });

    it('does not link another building in the same community', async () => {
      const { classifications, service } = setup();
      await service.classifyReceived(receivedTicket('T00177'), cause());
      await service.classifyReceived(receivedTicket('T00204'), cause());
      expect(classifications.storedFor('T00204').record).toMatchObject({ repeatOf: null, explanation: { repeat: [] } });
    });

    it('compares only inside the window: the same report 40 days later is a new incident', async () => {
      const { classifications, service } = setup();
      await service.classifyReceived(receivedTicket('T00092'), cause());
      const later = new Date(new Date(publicSet.get('T00092')!.reportedAt).getTime() + 40 * 86_400_000).toISOString();
      await service.classifyReceived(receivedTicket('T00095', { reportedAt: later }), cause());
      expect(classifications.storedFor('T00095').record.repeatOf).toBeNull();
    });

    it('completes a classification interrupted after the candidate was written with the decision then taken', async () => {
      const { classifications, candidates, service } = setup();
      await service.classifyReceived(receivedTicket('T00002'), cause());
      await service.classifyReceived(receivedTicket('T00030'), cause());
      // as if the process had died between the two writes, after a clerk moved the link
      classifications.stored.delete('T00030');
      candidates.stored.set('T00030', { ...candidates.stored.get('T00030')!, repeatOf: 'T00001', repeatReasons: ['人工'] });
      await service.classifyReceived(receivedTicket('T00030'), cause());
      expect(classifications.storedFor('T00030').record).toMatchObject({ repeatOf: 'T00001', explanation: { repeat: ['人工'] } });
    });
  });

  describe('preview', () => {
    it('names the route and lists stored complaints it may repeat, storing nothing', async () => {
      const { classifications, candidates, service } = setup();
      const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
      await service.classifyReceived(receivedTicket('T00002', { complaintId: 'C-1', reportedAt: recent }), cause());
      const t = publicSet.get('T00030')!;
      const preview = await service.preview({ text: t.text, address: t.address ?? undefined });
      expect(preview.routing).toEqual({ responsibleBody: 'district_enforcement_squad', name: '市北区综合行政执法中队' });
      expect(preview.possibleRepeats).toEqual([
        {
          id: 'C-1',
          reportedAt: new Date(recent).toISOString(),
          excerpt: publicSet.get('T00002')!.text.slice(0, 79) + (publicSet.get('T00002')!.text.length > 80 ? '…' : ''),
          score: expect.any(Number),
          linked: true,
          repeatOf: 'C-1',
          reasons: expect.arrayContaining(['同一小区 CM027']),
        },
      ]);
      expect(classifications.stored.size).toBe(1);
      expect(candidates.stored.size).toBe(1);
    });

    it('shows at most five, best first', async () => {
      const { service } = setup();
      const base = Date.now() - 10 * 86_400_000;
      for (let i = 0; i < 7; i++) {
        await service.classifyReceived(received({ complaintId: `S-${i}`, reportedAt: new Date(base + i * 3_600_000).toISOString() }), cause());
      }
      const preview = await service.preview({ text: '中山路步行街有流动摊贩占道卖烤鱿鱼', location: { lat: 36.069, lng: 120.3205 } });
      expect(preview.possibleRepeats).toHaveLength(5);
      const scores = preview.possibleRepeats.map((p) => p.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });
  });

  describe('list', () => {
    it('pages the review queue newest first, with the start of each text', async () => {
      const { classifications, stores, service } = setup();
      const unsure: ComplaintClassifier = { classify: () => verdict({ needsReview: true, confidence: { category: 0.4, enforceable: 0.9, urgent: 0.9 } }) };
      const unsureService = instance(stores, unsure);
      for (const id of ['R-1', 'R-2', 'R-3']) {
        await unsureService.classifyReceived(received({ complaintId: id }), cause());
        classifications.stored.get(id)!.classifiedAt = new Date(`2024-03-0${id.slice(2)}T00:00:00Z`);
      }
      await service.classifyReceived(received({ complaintId: 'SURE' }), cause());

      const first = await service.list({ needsReview: true, limit: 2 });
      expect(first.items.map((i) => i.complaintId)).toEqual(['R-3', 'R-2']);
      expect(first.items[0].excerpt).toBe('中山路步行街有流动摊贩占道卖烤鱿鱼');
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await service.list({ needsReview: true, limit: 2, cursor: first.nextCursor! });
      expect(second).toEqual({ items: [expect.objectContaining({ complaintId: 'R-1' })], nextCursor: null });
      expect((await service.list({ decidedBy: 'person' })).items).toEqual([]);
    });

    it('refuses a cursor it did not make', async () => {
      const { service } = setup();
      await expect(service.list({ cursor: 'bm9wZQ' })).rejects.toMatchObject({ kind: 'invalid', errors: [{ field: 'cursor', messages: ['cursor 无效'] }] });
    });
  });
});
