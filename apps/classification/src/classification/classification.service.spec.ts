import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, derivedEventId, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import { EventPublisher, PermanentEventError, type OutgoingEnvelope } from '@pipeline/kafka';
import type { Classification, ComplaintClassifier } from '../classifier/complaint-classifier';
import { KeywordClassifier } from '../classifier/keyword-classifier';
import type { ClassificationRecord, ClassificationRepository } from './classification.repository';
import { ClassificationService, classifiedPayload } from './classification.service';

const classifiedEventId = (cause: string) => derivedEventId(cause, TOPICS.complaintClassified.name);

/** The repository's contract, in memory: one classification per complaint. */
class FakeRepository {
  readonly stored = new Map<string, { record: ClassificationRecord; events: OutgoingEnvelope[] }>();

  async insertIfAbsent(record: ClassificationRecord, events: OutgoingEnvelope[]): Promise<boolean> {
    if (this.stored.has(record.complaintId)) return false;
    this.stored.set(record.complaintId, { record, events });
    return true;
  }

  /** What was stored for a complaint; fails the test when nothing was. */
  storedFor(complaintId: string): { record: ClassificationRecord; events: OutgoingEnvelope[] } {
    const entry = this.stored.get(complaintId);
    if (!entry) throw new Error(`nothing stored for ${complaintId}`);
    return entry;
  }

  async findByComplaintId(complaintId: string): Promise<ClassificationRecord | null> {
    return this.stored.get(complaintId)?.record ?? null;
  }
}

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

describe('classifiedPayload', () => {
  it('carries the channel and times over unchanged and marks nothing as a repeat yet', () => {
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
      responsibleBody: 'district_enforcement_squad',
      needsReview: false,
      modelVersion: 'test-1',
      channel: 'wechat',
      reportedAt: '2024-03-02T08:18:00+08:00',
      receivedAt: '2024-03-02T00:19:05.120Z',
    });
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

describe('ClassificationService', () => {
  // envelope() only builds; the producer never connects in these tests
  const kafka = new Kafka({ clientId: 'unit', brokers: ['127.0.0.1:9'], logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, { serviceName: 'classification', brokers: [], topicPrefix: '', partitions: 1, replicationFactor: 1 });
  const setup = (classifier: ComplaintClassifier = new KeywordClassifier()) => {
    const repository = new FakeRepository();
    const service = new ClassificationService(classifier, repository as unknown as ClassificationRepository, publisher);
    return { repository, service };
  };
  const cause = () => ({ eventId: randomUUID(), correlationId: `corr-${randomUUID()}` });

  it('stores the classification with one classified event derived from the received event', async () => {
    const { repository, service } = setup();
    const r = received();
    const c = cause();
    await service.classifyReceived(r, c);

    const { record, events } = repository.storedFor(r.complaintId);
    expect(record).toMatchObject({
      complaintId: r.complaintId,
      category: 'street_order',
      enforceable: true,
      hotspotAreaId: 'HS01',
      decidedBy: 'model',
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
      payload: { complaintId: r.complaintId, category: 'street_order', channel: 'wechat' },
    });
  });

  it('keeps the first classification when the complaint comes again', async () => {
    const { repository, service } = setup();
    const r = received();
    const first = cause();
    await service.classifyReceived(r, first);
    await service.classifyReceived({ ...r, text: '改了内容：燃气味很浓' }, cause());
    const { record, events } = repository.storedFor(r.complaintId);
    expect(record.category).toBe('street_order');
    expect(events.map((e) => e.envelope.eventId)).toEqual([classifiedEventId(first.eventId)]);
  });

  it('rejects a verdict that breaks the contract permanently, storing nothing', async () => {
    const broken: ComplaintClassifier = { classify: () => verdict({ confidence: { category: 1.2, enforceable: 0.9, urgent: 0.9 } }) };
    const { repository, service } = setup(broken);
    const attempt = service.classifyReceived(received(), cause());
    await expect(attempt).rejects.toBeInstanceOf(PermanentEventError);
    await expect(attempt).rejects.toMatchObject({ code: 'CLASSIFICATION_INVALID', message: expect.stringContaining('confidence.category') });
    expect(repository.stored.size).toBe(0);
  });

  it('answers CLASSIFICATION_NOT_FOUND for a complaint it has not classified', async () => {
    const { service } = setup();
    await expect(service.get('nope')).rejects.toMatchObject({ kind: 'not_found', code: 'CLASSIFICATION_NOT_FOUND' });
    await expect(service.get('nope')).rejects.toBeInstanceOf(DomainError);
  });
});
