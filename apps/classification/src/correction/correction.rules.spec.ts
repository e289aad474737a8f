import type { ClassificationRecord } from '../classification/classification.repository';
import type { RepeatCandidateRecord } from '../repeats/repeat-candidate.repository';
import {
  correctedPayload, correctionFields, historyRecord, judgementOf, labeledLine, maskPhoneNumbers, resolvePlace, sameJudgement, shanghaiTime,
  type CorrectionNote, type Judgement,
} from './correction.rules';

const stored = (overrides: Partial<ClassificationRecord> = {}): ClassificationRecord => ({
  complaintId: 'C-1',
  category: 'sanitation',
  enforceable: false,
  urgent: false,
  confidence: { category: 0.45, enforceable: 0.8, urgent: 0.97 },
  hotspotAreaId: 'HS01',
  communityId: null,
  district: '市南区',
  repeatOf: null,
  responsibleBody: 'sanitation_department',
  routing: { responsibleBody: 'sanitation_department', name: '环卫部门' },
  needsReview: true,
  modelVersion: 'ensemble-1.0',
  channel: 'hotline',
  reportedAt: new Date('2024-03-02T00:18:00Z'),
  receivedAt: new Date('2024-03-02T00:19:05Z'),
  explanation: { category: ['「垃圾」+0.8'], enforceable: ['类别先验(环境卫生)-1'], urgent: [], place: ['坐标落在 HS01'], repeat: [] },
  decidedBy: 'model',
  classifiedAt: new Date('2024-03-02T00:19:06Z'),
  correlationId: 'corr-1',
  correctionCount: 0,
  ...overrides,
});

const note: CorrectionNote = { correctionId: 'k-1', correctedBy: 'clerk-017', reason: '现场核实为占道经营', correctedAt: new Date('2024-03-03T01:00:00Z') };
const target = (overrides: Partial<Judgement> = {}): Judgement => ({ ...judgementOf(stored()), category: 'street_order', enforceable: true, ...overrides });

describe('sameJudgement', () => {
  it('compares what a person decides, not the district derived from the place', () => {
    const j = judgementOf(stored());
    expect(sameJudgement(j, { ...j, district: null })).toBe(true);
    expect(sameJudgement(j, { ...j, urgent: true })).toBe(false);
    expect(sameJudgement(j, { ...j, communityId: 'CM001' })).toBe(false);
    expect(sameJudgement(j, { ...j, repeatOf: 'C-0' })).toBe(false);
  });
});

describe('resolvePlace', () => {
  const current = judgementOf(stored());

  it('keeps the stored place (and district) when the request leaves it out', () => {
    expect(resolvePlace(current, {})).toEqual({ ok: true, value: { hotspotAreaId: 'HS01', communityId: null, district: '市南区' } });
  });

  it('brings the area a community lies in, and the district, when only the community is given', () => {
    expect(resolvePlace(current, { communityId: 'CM002' })).toEqual({ ok: true, value: { hotspotAreaId: 'HS04', communityId: 'CM002', district: '市南区' } });
    expect(resolvePlace(current, { communityId: 'CM027' })).toEqual({ ok: true, value: { hotspotAreaId: null, communityId: 'CM027', district: '市北区' } });
  });

  it('clears with null, leaving the district unknown when no place is left', () => {
    expect(resolvePlace(current, { hotspotAreaId: null })).toEqual({ ok: true, value: { hotspotAreaId: null, communityId: null, district: null } });
    expect(resolvePlace(current, { hotspotAreaId: 'HS10' })).toEqual({ ok: true, value: { hotspotAreaId: 'HS10', communityId: null, district: '市北区' } });
  });

  it('refuses an area and a community that the reference data puts apart', () => {
    expect(resolvePlace(current, { hotspotAreaId: 'HS02', communityId: 'CM001' })).toEqual({
      ok: false,
      errors: [{ field: 'communityId', messages: ['小区 CM001（四方路里院小区）位于热点区域 HS01，与 hotspotAreaId HS02 不一致'] }],
    });
    // the stored community stays and no longer fits the new area
    const inCommunity = judgementOf(stored({ communityId: 'CM001' }));
    expect(resolvePlace(inCommunity, { hotspotAreaId: 'HS10' })).toMatchObject({ ok: false, errors: [{ field: 'hotspotAreaId' }] });
  });
});

describe('correctionFields', () => {
  it("sets the person's judgement, routing and reasons, and keeps the model's judgement", () => {
    const fields = correctionFields(stored(), target(), note);
    expect(fields).toEqual({
      category: 'street_order',
      enforceable: true,
      urgent: false,
      hotspotAreaId: 'HS01',
      communityId: null,
      district: '市南区',
      repeatOf: null,
      confidence: { category: 1, enforceable: 1, urgent: 1 },
      responsibleBody: 'district_enforcement_squad',
      routing: { responsibleBody: 'district_enforcement_squad', name: '市南区综合行政执法中队' },
      needsReview: false,
      decidedBy: 'person',
      explanation: {
        category: ['人工更正（clerk-017）：现场核实为占道经营'],
        enforceable: ['人工更正（clerk-017）：现场核实为占道经营'],
        urgent: [],
        place: ['坐标落在 HS01'],
        repeat: [],
      },
      modelJudgement: {
        category: 'sanitation',
        enforceable: false,
        urgent: false,
        hotspotAreaId: 'HS01',
        communityId: null,
        district: '市南区',
        repeatOf: null,
        confidence: { category: 0.45, enforceable: 0.8, urgent: 0.97 },
        explanation: stored().explanation,
        modelVersion: 'ensemble-1.0',
        classifiedAt: new Date('2024-03-02T00:19:06Z'),
      },
      lastCorrection: { ...note, previous: judgementOf(stored()) },
      correctionCount: 1,
    });
  });

  it("keeps the model's judgement from the first correction through later ones", () => {
    const once = { ...stored(), ...correctionFields(stored(), target(), note) };
    const twice = correctionFields(once, target({ urgent: true }), { ...note, correctionId: 'k-2' });
    expect(twice.modelJudgement).toEqual(once.modelJudgement);
    expect(twice.lastCorrection?.previous).toMatchObject({ category: 'street_order', urgent: false });
    expect(twice.correctionCount).toBe(2);
  });
});

describe('correctedPayload', () => {
  it('carries the full corrected judgement and the five previous ones', () => {
    const payload = correctedPayload(stored(), judgementOf(stored()), target({ repeatOf: 'C-0' }), note);
    expect(payload).toEqual({
      complaintId: 'C-1',
      category: 'street_order',
      enforceable: true,
      urgent: false,
      hotspotAreaId: 'HS01',
      communityId: null,
      district: '市南区',
      repeatOf: 'C-0',
      responsibleBody: 'district_enforcement_squad',
      previous: { category: 'sanitation', enforceable: false, urgent: false, hotspotAreaId: 'HS01', communityId: null },
      reportedAt: '2024-03-02T00:18:00.000Z',
      correctedBy: 'clerk-017',
      reason: '现场核实为占道经营',
      correctedAt: '2024-03-03T01:00:00.000Z',
    });
  });
});

describe('historyRecord', () => {
  it('is rebuilt from the latest correction stored with the classification', () => {
    const corrected = { ...stored(), ...correctionFields(stored(), target(), note) };
    expect(historyRecord(corrected)).toEqual({
      correctionId: 'k-1',
      complaintId: 'C-1',
      previous: judgementOf(stored()),
      corrected: judgementOf(corrected),
      modelVersion: 'ensemble-1.0',
      correctedBy: 'clerk-017',
      reason: '现场核实为占道经营',
      correctedAt: note.correctedAt,
    });
    expect(historyRecord(stored())).toBeNull();
  });
});

describe('labeledLine', () => {
  const recorded: RepeatCandidateRecord = {
    complaintId: 'C-1',
    channel: 'hotline',
    text: '中山路有人摆摊，摊主电话13812345678',
    address: '市南区中山路',
    location: { lat: 36.069, lng: 120.3205 },
    category: 'street_order',
    reportedAt: new Date('2024-03-02T00:18:00Z'),
    hotspotAreaId: 'HS01',
    communityId: null,
    placeTokens: ['中山路'],
    repeatOf: null,
    repeatReasons: [],
    storedAt: new Date(),
  };

  it('is a line of complaints.public.jsonl, in its key order, labelled with the correction', () => {
    const line = labeledLine({ ...stored(), ...correctionFields(stored(), target(), note) }, recorded);
    expect(JSON.stringify(line)).toBe(
      JSON.stringify({
        id: 'C-1',
        channel: 'hotline',
        reportedAt: '2024-03-02T08:18:00+08:00',
        text: '中山路有人摆摊，摊主电话138****5678',
        address: '市南区中山路',
        location: { lat: 36.069, lng: 120.3205 },
        caller: null,
        externalRef: null,
        labels: { category: 'street_order', enforceable: true, urgent: false, hotspotAreaId: 'HS01', communityId: null, repeatOf: null },
      }),
    );
  });
});

describe('maskPhoneNumbers and shanghaiTime', () => {
  it('masks mobile numbers only', () => {
    expect(maskPhoneNumbers('电话 13812345678，工单 12345-2024031658670，楼号 158')).toBe('电话 138****5678，工单 12345-2024031658670，楼号 158');
  });

  it('writes times in Beijing time, with milliseconds only when there are some', () => {
    expect(shanghaiTime(new Date('2024-03-01T23:30:00Z'))).toBe('2024-03-02T07:30:00+08:00');
    expect(shanghaiTime(new Date('2024-03-01T23:30:00.250Z'))).toBe('2024-03-02T07:30:00.250+08:00');
  });
});
