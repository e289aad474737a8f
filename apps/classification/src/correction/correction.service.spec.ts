import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, type ComplaintClassificationCorrectedV1, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/http';
import { EventPublisher } from '@pipeline/kafka';
import { readPublicComplaints } from '@pipeline/reference-data';
import type { ClassificationRepository } from '../classification/classification.repository';
import { InMemoryClassifications } from '../classification/classification.repository.fake';
import { ClassificationService } from '../classification/classification.service';
import { KeywordClassifier } from '../classifier/keyword-classifier';
import { DEFAULT_REPEAT_LINKER_OPTIONS } from '../repeats/repeat-linker';
import type { RepeatCandidateRepository } from '../repeats/repeat-candidate.repository';
import { InMemoryRepeatCandidates } from '../repeats/repeat-candidate.repository.fake';
import { RepeatService } from '../repeats/repeat.service';
import type { CorrectionRecord, CorrectionRepository } from './correction.repository';
import { CorrectionService } from './correction.service';
import type { CorrectClassificationDto } from './dto/correct-classification.dto';

/** CorrectionRepository's contract in memory. */
class InMemoryCorrections {
  readonly stored = new Map<string, CorrectionRecord>();
  async insertOnce(record: CorrectionRecord): Promise<boolean> {
    if (this.stored.has(record.correctionId)) return false;
    this.stored.set(record.correctionId, record);
    return true;
  }
  async listForComplaint(complaintId: string): Promise<CorrectionRecord[]> {
    return [...this.stored.values()].filter((r) => r.complaintId === complaintId);
  }
}

const publicSet = new Map(readPublicComplaints().map((c) => [c.id, c]));
const ticket = (id: string): ComplaintReceivedV1 => {
  const t = publicSet.get(id)!;
  return { complaintId: t.id, channel: t.channel, text: t.text, address: t.address, location: t.location, reportedAt: t.reportedAt, receivedAt: t.reportedAt };
};

describe('CorrectionService', () => {
  const kafka = new Kafka({ clientId: 'unit', brokers: ['127.0.0.1:9'], logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, { serviceName: 'classification', brokers: [], topicPrefix: '', partitions: 1, replicationFactor: 1 });
  const clerk = { userRef: 'clerk-017' };

  const setup = async (ids: string[] = ['T00002', 'T00030']) => {
    const classifications = new InMemoryClassifications();
    const candidates = new InMemoryRepeatCandidates();
    const history = new InMemoryCorrections();
    const repeats = new RepeatService(DEFAULT_REPEAT_LINKER_OPTIONS, candidates as unknown as RepeatCandidateRepository);
    const classifier = new ClassificationService(new KeywordClassifier(), classifications as unknown as ClassificationRepository, repeats, publisher, new ServiceMetrics('classification'));
    for (const id of ids) await classifier.classifyReceived(ticket(id), { eventId: randomUUID(), correlationId: `corr-${id}` });
    const service = new CorrectionService(classifications as unknown as ClassificationRepository, history as unknown as CorrectionRepository, repeats, publisher);
    return { classifications, candidates, history, service };
  };
  const correction = (overrides: Partial<CorrectClassificationDto> = {}): CorrectClassificationDto => ({
    category: 'property_service',
    enforceable: false,
    urgent: false,
    reason: '楼道小广告由物业清理，转物业主管部门',
    correctedBy: 'clerk-017',
    ...overrides,
  });
  const correctedEvents = (classifications: InMemoryClassifications, id: string) =>
    classifications.storedFor(id).events.filter((e) => e.topic === TOPICS.complaintClassificationCorrected.name);

  it('stores the corrected judgement, its history, the candidate’s new facts, and one event naming what it replaced', async () => {
    const { classifications, candidates, history, service } = await setup();
    const result = await service.correct('T00002', correction({ communityId: null }), clerk);

    expect(result).toMatchObject({ category: 'property_service', communityId: null, district: null, decidedBy: 'person', needsReview: false });
    expect(classifications.storedFor('T00002').record).toMatchObject({
      category: 'property_service',
      routing: { responsibleBody: 'property_authority', name: '物业主管部门' },
      modelJudgement: { category: 'flyposting', communityId: 'CM027' },
      lastCorrection: { correctedBy: 'clerk-017', previous: { category: 'flyposting', communityId: 'CM027' } },
      correctionCount: 1,
    });
    const events = correctedEvents(classifications, 'T00002');
    expect(events).toHaveLength(1);
    expect(events[0].envelope).toMatchObject({
      type: 'complaint.classification-corrected',
      key: 'T00002',
      correlationId: 'corr-T00002',
      payload: {
        complaintId: 'T00002',
        category: 'property_service',
        responsibleBody: 'property_authority',
        previous: { category: 'flyposting', enforceable: false, urgent: false, hotspotAreaId: null, communityId: 'CM027' },
        correctedBy: 'clerk-017',
        reportedAt: new Date(publicSet.get('T00002')!.reportedAt).toISOString(),
      } satisfies Partial<ComplaintClassificationCorrectedV1>,
    });
    expect([...history.stored.values()]).toEqual([
      expect.objectContaining({ correctionId: events[0].envelope.eventId, complaintId: 'T00002', corrected: expect.objectContaining({ category: 'property_service' }) }),
    ]);
    expect(candidates.stored.get('T00002')).toMatchObject({ category: 'property_service', communityId: null, correctedAt: expect.any(Date) });
  });

  it('answers 404 for a complaint it never classified', async () => {
    const { service } = await setup([]);
    await expect(service.correct('nope', correction(), clerk)).rejects.toMatchObject({ kind: 'not_found', code: 'CLASSIFICATION_NOT_FOUND' });
  });

  it('answers 409 when nothing would change, and then completes what an interrupted correction left undone', async () => {
    const { classifications, candidates, history, service } = await setup();
    await expect(service.correct('T00002', correction({ category: 'flyposting' }), clerk)).rejects.toMatchObject({ kind: 'conflict', code: 'CLASSIFICATION_UNCHANGED' });
    expect(correctedEvents(classifications, 'T00002')).toHaveLength(0);

    await service.correct('T00002', correction(), clerk);
    // as if the process had stopped right after the classification's write
    history.stored.clear();
    candidates.stored.set('T00002', { ...candidates.stored.get('T00002')!, category: 'flyposting' });
    await expect(service.correct('T00002', correction(), clerk)).rejects.toMatchObject({ code: 'CLASSIFICATION_UNCHANGED' });
    expect(history.stored.size).toBe(1);
    expect(candidates.stored.get('T00002')?.category).toBe('property_service');
    expect(correctedEvents(classifications, 'T00002')).toHaveLength(1);
  });

  it('links to the first report of the named complaint’s incident, and unlinks with null', async () => {
    const { classifications, candidates, service } = await setup(['T00002', 'T00030', 'T00053']);
    expect(classifications.storedFor('T00030').record.repeatOf).toBe('T00002');
    // T00053 comes later than both; named T00030, it points at T00030's first report
    await service.correct('T00053', correction({ category: classifications.storedFor('T00053').record.category, repeatOf: 'T00030' }), clerk);
    expect(classifications.storedFor('T00053').record.repeatOf).toBe('T00002');
    expect(candidates.stored.get('T00053')?.repeatOf).toBe('T00002');

    const unlinked = await service.correct('T00030', correction({ category: 'flyposting', repeatOf: null }), clerk);
    expect(unlinked).toMatchObject({ repeatOf: null, explanation: { repeat: ['人工更正（clerk-017）：楼道小广告由物业清理，转物业主管部门'] } });
    expect(correctedEvents(classifications, 'T00030')[0].envelope.payload).toMatchObject({ repeatOf: null });
  });

  it.each([
    ['itself', 'T00030', 'repeatOf 不能是本投诉'],
    ['an unknown complaint', 'T99999', 'repeatOf：投诉 T99999 不存在或尚未分类'],
    ['a later complaint', 'T00053', 'repeatOf：投诉 T00053 晚于本投诉反映，不能作为首报'],
  ])('refuses a link to %s', async (_, repeatOf, message) => {
    const { service } = await setup(['T00002', 'T00030', 'T00053']);
    await expect(service.correct('T00030', correction({ repeatOf }), clerk)).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'repeatOf', messages: [message] }],
    });
  });

  it('refuses to make a first report the repeat of its own repeat, even one reported at the same minute', async () => {
    const { classifications, service } = await setup();
    classifications.stored.get('T00030')!.reportedAt = classifications.stored.get('T00002')!.reportedAt;
    await expect(service.correct('T00002', correction({ repeatOf: 'T00030' }), clerk)).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'repeatOf', messages: ['repeatOf：投诉 T00030 已是本投诉的重复件'] }],
    });
  });

  it('serialises two corrections of one complaint: the second replaces the first', async () => {
    const { classifications, service } = await setup();
    await Promise.all([
      service.correct('T00002', correction({ category: 'property_service' }), clerk),
      service.correct('T00002', correction({ category: 'sanitation' }), { userRef: 'clerk-018' }),
    ]);
    const events = correctedEvents(classifications, 'T00002').map((e) => e.envelope.payload as ComplaintClassificationCorrectedV1);
    expect(events.map((p) => [p.previous.category, p.category])).toEqual([
      ['flyposting', 'property_service'],
      ['property_service', 'sanitation'],
    ]);
    expect(classifications.storedFor('T00002').record.correctionCount).toBe(2);
  });

  it('answers 409 when another instance corrected it in between', async () => {
    const { classifications, service } = await setup();
    classifications.applyCorrection = async () => false;
    await expect(service.correct('T00002', correction(), clerk)).rejects.toMatchObject({ kind: 'conflict', code: 'CLASSIFICATION_CHANGED' });
  });

  it('exports the corrected complaints only, as public-file lines in id order', async () => {
    const { service } = await setup(['T00002', 'T00030', 'T00053']);
    await service.correct('T00053', correction({ urgent: true }), clerk);
    await service.correct('T00002', correction(), clerk);
    const lines: string[] = [];
    for await (const line of await service.exportCorrected()) lines.push(line);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.id)).toEqual(['T00002', 'T00053']);
    const t = publicSet.get('T00002')!;
    expect(parsed[0]).toEqual({
      id: 'T00002',
      channel: t.channel,
      reportedAt: t.reportedAt,
      text: t.text,
      address: t.address,
      location: t.location,
      caller: null,
      externalRef: null,
      labels: { category: 'property_service', enforceable: false, urgent: false, hotspotAreaId: null, communityId: 'CM027', repeatOf: null },
    });
  });

  it('exports every corrected complaint across store batches, once each', async () => {
    const { classifications, candidates, service } = await setup(['T00002']);
    const record = classifications.storedFor('T00002').record;
    const recorded = candidates.stored.get('T00002')!;
    for (let i = 0; i < 450; i++) {
      const id = `K${String(i).padStart(4, '0')}`;
      classifications.stored.set(id, { ...record, complaintId: id, decidedBy: i % 3 === 0 ? 'model' : 'person' });
      candidates.stored.set(id, { ...recorded, complaintId: id });
    }
    const ids: string[] = [];
    for await (const line of await service.exportCorrected()) ids.push(JSON.parse(line).id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    expect([...ids].sort()).toEqual(ids);
  });
});
