import { randomUUID } from 'node:crypto';
import {
  TOPICS, type ComplaintCallbackRecordedV1, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1, type ComplaintClosedV1,
  type ComplaintOutcomeDecidedV1,
} from '@pipeline/contracts';
import { eventually, testNamespace } from '@pipeline/testing';
import { EvaluationTestApp } from '../testing/evaluation-test-app';

function classified(overrides: Partial<ComplaintClassifiedV1> = {}): ComplaintClassifiedV1 {
  return {
    complaintId: randomUUID(), category: 'property_service', enforceable: false, urgent: false, confidence: { category: 0.92, enforceable: 0.8, urgent: 0.9 },
    hotspotAreaId: null, communityId: 'CM001', district: '市南区', repeatOf: null, responsibleBody: 'property_authority', needsReview: false,
    modelVersion: 'test', channel: 'hotline', reportedAt: '2024-02-10T09:00:00+08:00', receivedAt: '2024-02-10T09:01:00+08:00', ...overrides,
  };
}

type Facts = {
  complaints: number; repeats: number; convertedToCases: number; closed: number; closedInTime: number; meanResolutionDays: number | null;
  callbacks: Record<string, number>; perHundredHouseholds: number; counted: { complaintId: string; outcome: string | null }[];
};

/**
 * The complaint indicator's facts, fed by classified, corrected, outcome,
 * closed and callback events through the real broker into the real store.
 */
describe('complaint facts from the pipeline’s events', () => {
  let t: EvaluationTestApp;
  const byId = (p: { complaintId: string }) => p.complaintId;
  const facts = async (communityId: string, period: string): Promise<Facts> => {
    const res = await t.http().get(`/api/v1/evaluations/periods/${period}/communities/${communityId}`);
    expect(res.status).toBe(200);
    return { ...res.body.complaints.facts, ...res.body.complaints };
  };

  beforeAll(async () => {
    t = await EvaluationTestApp.start(testNamespace('evaluation-facts'));
    for (const period of ['2024Q1', '2024Q2', '2023Q4']) {
      expect((await t.http().post('/api/v1/evaluations/periods').send({ period, openedBy: '测试' })).status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('counts the property-service complaints of a community, with repeats, leaving out other categories and complaints without a community', async () => {
    await t.emit(TOPICS.complaintClassified, [
      classified(),
      classified({ repeatOf: 'earlier-ticket' }),
      classified({ category: 'street_order', enforceable: true, responsibleBody: 'district_enforcement_squad' }),
      classified({ communityId: null, hotspotAreaId: 'HS01' }),
    ], byId);
    const f = await eventually(async () => {
      const v = await facts('CM001', '2024Q1');
      expect(v.complaints).toBe(2);
      return v;
    });
    // CM001 has 300 households: 2 complaints = 0.67 per 100
    expect(f).toMatchObject({ repeats: 1, convertedToCases: 0, closed: 0, meanResolutionDays: null });
    expect(f.perHundredHouseholds).toBeCloseTo(0.667, 3);
    expect(await facts('CM001', '2024Q2')).toMatchObject({ complaints: 0, perHundredHouseholds: 0 });
  });

  it('counts a complaint once whether its event is redelivered or re-sent under a new event id', async () => {
    const payload = classified({ communityId: 'CM002' });
    await t.emit(TOPICS.complaintClassified, [payload, payload, payload], byId);
    // a marker on the same key lands on the same partition after them, so seeing it proves they were read
    await t.emit(TOPICS.complaintClassified, [{ ...classified({ communityId: 'CM002' }) }], () => payload.complaintId);
    await eventually(async () => expect((await facts('CM002', '2024Q1')).complaints).toBe(2));
  });

  it('follows a clerk’s correction: the complaint moves community and category, or leaves every community', async () => {
    const moved = classified({ communityId: 'CM004', category: 'street_order', responsibleBody: 'district_enforcement_squad' });
    const removed = classified({ communityId: 'CM004' });
    const stays = classified({ communityId: 'CM004' });
    await t.emit(TOPICS.complaintClassified, [moved, removed, stays], byId);
    await eventually(async () => expect((await facts('CM004', '2024Q1')).complaints).toBe(2));

    const correction = (c: ComplaintClassifiedV1, to: Partial<ComplaintClassificationCorrectedV1>): ComplaintClassificationCorrectedV1 => ({
      complaintId: c.complaintId, category: c.category, enforceable: c.enforceable, urgent: c.urgent, hotspotAreaId: null, communityId: c.communityId,
      district: c.district, repeatOf: null, responsibleBody: c.responsibleBody, correctedBy: 'clerk-007', reason: '核实后更正', correctedAt: new Date().toISOString(),
      reportedAt: c.reportedAt, previous: { category: c.category, enforceable: c.enforceable, urgent: c.urgent, hotspotAreaId: null, communityId: c.communityId }, ...to,
    });
    await t.emit(TOPICS.complaintClassificationCorrected, [
      correction(moved, { communityId: 'CM005', category: 'property_service', responsibleBody: 'property_authority' }),
      correction(removed, { communityId: null }),
    ], byId);
    await eventually(async () => {
      expect((await facts('CM004', '2024Q1')).counted.map((c) => c.complaintId)).toEqual([stays.complaintId]);
      expect((await facts('CM005', '2024Q1')).counted.map((c) => c.complaintId)).toEqual([moved.complaintId]);
    });
    // the classifier's verdict arriving again cannot undo the correction
    await t.emit(TOPICS.complaintClassified, [removed, classified({ communityId: 'CM006' })], () => removed.complaintId);
    await eventually(async () => expect((await facts('CM006', '2024Q1')).complaints).toBe(1));
    expect((await facts('CM004', '2024Q1')).complaints).toBe(1);
  });

  it('files a complaint under its quarter in Shanghai time', async () => {
    // 2024-03-31T23:00Z is 1 April 07:00 in Qingdao
    await t.emit(TOPICS.complaintClassified, [classified({ communityId: 'CM003', reportedAt: '2024-03-31T23:00:00Z' })], byId);
    await eventually(async () => expect((await facts('CM003', '2024Q2')).complaints).toBe(1));
    expect((await facts('CM003', '2024Q1')).complaints).toBe(0);
  });

  it('follows each complaint to its case, closure and callback, keeping the newest of each whatever order they arrive in', async () => {
    const [a, b, c, d] = [0, 1, 2, 3].map(() => classified({ communityId: 'CM010', reportedAt: '2023-11-02T09:00:00+08:00', receivedAt: '2023-11-02T09:00:00+08:00' }));
    const outcome = (x: ComplaintClassifiedV1, o: ComplaintOutcomeDecidedV1['outcome'], decidedAt: string): ComplaintOutcomeDecidedV1 => ({
      complaintId: x.complaintId, outcome: o, reason: '测试', caseId: o === 'case' ? `CASE-${x.complaintId.slice(0, 8)}` : null, ruleVersion: '1', decidedAt,
    });
    const closed = (x: ComplaintClassifiedV1, closedAt: string): ComplaintClosedV1 => ({
      complaintId: x.complaintId, kind: 'handled', resolution: '已处理', caseId: null, receivedAt: x.receivedAt, closedAt,
    });
    const callback = (x: ComplaintClassifiedV1, satisfaction: ComplaintCallbackRecordedV1['satisfaction'], resolved: boolean, recordedAt: string): ComplaintCallbackRecordedV1 => ({
      complaintId: x.complaintId, resolved, satisfaction, reopened: !resolved, category: 'property_service', hotspotAreaId: null, communityId: 'CM010', recordedAt,
    });

    // progress first: it may overtake the classification on other partitions
    await t.emit(TOPICS.complaintOutcomeDecided, [
      outcome(a, 'candidate', '2023-11-02T10:00:00+08:00'),
      outcome(a, 'case', '2023-11-03T10:00:00+08:00'), // a dispatcher accepted it
      outcome(b, 'service_request', '2023-11-02T10:00:00+08:00'),
    ], byId);
    // the older outcome arriving last changes nothing
    await t.emit(TOPICS.complaintOutcomeDecided, [outcome(a, 'candidate', '2023-11-02T10:00:00+08:00')], byId);
    await t.emit(TOPICS.complaintClosed, [
      closed(b, '2023-11-06T09:00:00+08:00'), // 4 days
      closed(c, '2023-11-22T09:00:00+08:00'), // 20 days: late
      closed(d, '2023-11-05T09:00:00+08:00'), // 3 days, then reopened by an unsatisfied callback
    ], byId);
    await t.emit(TOPICS.complaintCallbackRecorded, [
      callback(b, 'satisfied', true, '2023-11-07T09:00:00+08:00'),
      callback(c, 'basically_satisfied', true, '2023-11-23T09:00:00+08:00'),
      callback(d, 'unsatisfied', false, '2023-11-06T09:00:00+08:00'),
    ], byId);
    await t.emit(TOPICS.complaintClassified, [a, b, c, d], byId);

    const f = await eventually(async () => {
      const v = await facts('CM010', '2023Q4');
      expect(v).toMatchObject({ complaints: 4, convertedToCases: 1, closed: 2 });
      expect(v.callbacks).toEqual({ satisfied: 1, basically_satisfied: 1, unsatisfied: 1 });
      return v;
    });
    // closed in time: b (4 days) yes, c (20 days) no; d reopened: not counted as closed
    expect(f).toMatchObject({ closedInTime: 1, meanResolutionDays: 12 }); // (4 + 20) / 2
    expect(f.counted.find((x) => x.complaintId === a.complaintId)).toMatchObject({ outcome: 'case' });
  });
});
