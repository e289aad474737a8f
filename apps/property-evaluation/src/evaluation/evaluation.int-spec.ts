import { randomUUID } from 'node:crypto';
import {
  TOPICS, type ComplaintCallbackRecordedV1, type ComplaintClassifiedV1, type ComplaintClosedV1, type ComplaintOutcomeDecidedV1,
  type EvaluationResultPublishedV1,
} from '@pipeline/contracts';
import { TopicReader, eventually, testInfra, testNamespace } from '@pipeline/testing';
import type { EvaluationScheme, Party } from '../scheme/scheme';
import { EvaluationTestApp } from '../testing/evaluation-test-app';

type Entry = { code: string; score?: number; faults?: number; comment?: string };

/** Every indicator of a party at `share` of its maximum. */
const atShare = (party: Party, share: number): Entry[] => party.indicators.map((i) => ({ code: i.code, score: Math.round(i.maxScore * share * 100) / 100 }));

/**
 * The six-party evaluation on the real broker and store: reference data,
 * refusals, a whole period for one community (four submissions, a survey and
 * complaint events), the published result, closing, the review views, and
 * the exit rule over two periods.
 */
describe('property-service evaluation on the real broker and store', () => {
  let t: EvaluationTestApp;
  let results: TopicReader;
  let scheme: EvaluationScheme;
  const party = (code: string) => scheme.parties.find((p) => p.code === code)!;
  const path = (period: string, communityId: string) => `/api/v1/evaluations/periods/${period}/communities/${communityId}`;
  const submit = (period: string, communityId: string, partyCode: string, indicators: Entry[], extra: Record<string, unknown> = {}) =>
    t.http().put(`${path(period, communityId)}/submissions/${partyCode}`).send({ indicators, submittedBy: '测试员', ...extra });
  const answer = (period: string, communityId: string, householdRef: string, answer: string) =>
    t.http().post(`${path(period, communityId)}/survey-responses`).send({ householdRef, answers: scheme.survey.questions.map((q) => ({ question: q.code, answer })) });
  const open = (period: string) => t.http().post('/api/v1/evaluations/periods').send({ period, openedBy: '市住建局 测试' });
  const published = (communityId: string, period: string) =>
    results.events<{ eventId: string; occurredAt: string; payload: EvaluationResultPublishedV1 }>((m) => m.key === communityId).filter((e) => e.payload.period === period);

  beforeAll(async () => {
    t = await EvaluationTestApp.start(testNamespace('evaluation'));
    results = await new TopicReader(testInfra().kafkaBrokers, [t.topic(TOPICS.evaluationResultPublished)]).start();
    scheme = (await t.http().get('/api/v1/evaluations/schemes/latest')).body.scheme;
  }, 60_000);

  afterAll(async () => {
    await results?.stop();
    await t?.stop();
  });

  describe('reference data', () => {
    it('loads the 100 communities and their property companies from the areas file', async () => {
      const communities = (await t.http().get('/api/v1/evaluations/communities')).body;
      expect(communities).toHaveLength(100);
      expect(communities[0]).toMatchObject({ _id: 'CM001', name: '四方路里院小区', households: 300, propertyCompanyId: 'PC01', onFocusList: true, revision: 1, source: 'areas.geojson 2024.1' });
      expect((await t.http().get('/api/v1/evaluations/property-companies')).body).toHaveLength(22);
      expect((await t.http().get('/api/v1/evaluations/communities').query({ district: '市北区', propertyCompanyId: 'PC04' })).body.map((c: { _id: string }) => c._id)).toContain('CM021');
    });

    it('edits a community with a reason kept in its history, and refuses edits that change nothing or name an unknown company', async () => {
      const res = await t.http().patch('/api/v1/evaluations/communities/CM099').send({ households: 812, reason: '住建局核定户数', changedBy: '市住建局 王五' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ households: 812, revision: 2 });
      expect(res.body.changes).toEqual([expect.objectContaining({ revision: 2, by: '市住建局 王五', reason: '住建局核定户数', fields: { households: { from: expect.any(Number), to: 812 } } })]);
      expect((await t.http().patch('/api/v1/evaluations/communities/CM099').send({ households: 812, reason: '重复', changedBy: '王五' })).body.code).toBe('NOTHING_TO_CHANGE');
      expect((await t.http().patch('/api/v1/evaluations/communities/CM099').send({ propertyCompanyId: 'PC99', reason: '换物业', changedBy: '王五' })).status).toBe(404);
      const noReason = await t.http().patch('/api/v1/evaluations/communities/CM099').send({ households: 800, changedBy: '王五' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
      expect((await t.http().patch('/api/v1/evaluations/communities/CM999').send({ households: 1, reason: 'x', changedBy: 'y' })).status).toBe(404);
    });

    it('registers a new property company once', async () => {
      const body = { id: 'PC23', name: '青岛新选聘物业服务有限公司', reason: '业主大会选聘', changedBy: '市住建局' };
      expect((await t.http().post('/api/v1/evaluations/property-companies').send(body)).status).toBe(201);
      expect((await t.http().post('/api/v1/evaluations/property-companies').send(body)).body.code).toBe('PROPERTY_COMPANY_EXISTS');
    });

    it('keeps schemes as versions; a bad scheme is refused field by field', async () => {
      expect((await t.http().get('/api/v1/evaluations/schemes')).body).toEqual([expect.objectContaining({ version: 1 })]);
      const { version: _v, ...body } = scheme;
      const bad = await t.http().post('/api/v1/evaluations/schemes').send({ ...body, parties: body.parties.map((p) => (p.code === 'street' ? { ...p, weight: 5 } : p)) });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('parties');
      const good = await t.http().post('/api/v1/evaluations/schemes').send({ ...body, name: '六方评价（试行第二版）' });
      expect(good.status).toBe(201);
      expect(good.body).toMatchObject({ version: 2, scheme: { version: 2, name: '六方评价（试行第二版）' } });
    });

    it('opens a quarter once, never before it starts', async () => {
      expect((await open('2025Q4')).body).toMatchObject({ period: '2025Q4', status: 'open', statusLabel: '评价中', schemeVersion: 2 });
      expect((await open('2025Q4')).body.code).toBe('PERIOD_EXISTS');
      expect((await open('2099Q1')).status).toBe(422);
      const malformed = await open('2025-Q1');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('period');
    });
  });

  describe('submissions and the survey', () => {
    beforeAll(async () => {
      expect((await t.http().post('/api/v1/evaluations/periods').send({ period: '2025Q3', schemeVersion: 1, openedBy: '测试' })).status).toBe(201);
    });

    it('refuses what does not fit the scheme, naming the field', async () => {
      const street = party('street');
      const unknownIndicator = await submit('2025Q3', 'CM030', 'street', [...atShare(street, 1).slice(1), { code: 'ZZ-99', score: 1 }]);
      expect(unknownIndicator.status).toBe(422);
      expect(unknownIndicator.body.errors).toEqual(expect.arrayContaining([
        { field: `indicators[${street.indicators.length - 1}].code`, messages: ['街道办事处的评价指标中没有 ZZ-99'] },
        { field: 'indicators', messages: [`缺少指标：${street.indicators[0].code}`] },
      ]));
      const outOfRange = await submit('2025Q3', 'CM030', 'street', [{ ...atShare(street, 1)[0], score: street.indicators[0].maxScore + 1 }, ...atShare(street, 1).slice(1)]);
      expect(outOfRange.body.errors).toEqual([{ field: 'indicators[0].score', messages: [`指标 ${street.indicators[0].code} 的得分须在 0–${street.indicators[0].maxScore} 之间`] }]);
      const vetoByCommittee = await submit('2025Q3', 'CM030', 'owners_committee', atShare(party('owners_committee'), 1), { vetoes: ['mass_incident'] });
      expect(vetoByCommittee.body.errors).toEqual([{ field: 'vetoes', messages: ['业主委员会/物业管理委员会不能报告一票否决事项'] }]);
      expect((await submit('2025Q3', 'CM030', 'mayor', [])).status).toBe(400); // an empty list fails validation first
      expect((await submit('2025Q3', 'CM030', 'mayor', atShare(street, 1))).body.code).toBe('PARTY_NOT_FOUND');
      expect((await submit('2025Q3', 'CM030', 'owners', atShare(street, 1))).body).toMatchObject({ statusCode: 422, code: 'PARTY_NOT_SUBMITTING' });
      expect((await submit('2025Q3', 'CM999', 'street', atShare(street, 1))).body.code).toBe('COMMUNITY_NOT_FOUND');
      expect((await submit('2024Q1', 'CM030', 'street', atShare(street, 1))).body.code).toBe('PERIOD_NOT_FOUND');
      const badType = await submit('2025Q3', 'CM030', 'street', [{ code: street.indicators[0].code, score: '九十' as unknown as number }]);
      expect(badType.status).toBe(400);
      expect(badType.body.errors[0].field).toBe('indicators[0].score');
    });

    it('scores deduction items from the faults found', async () => {
      const authority = party('district_authority');
      const san = authority.indicators.find((i) => i.code === 'SAN-01')!;
      const entries = atShare(authority, 1).map((e) => (e.code === 'SAN-01' ? { code: 'SAN-01', faults: 2, comment: '3 号楼楼道堆物' } : e));
      const res = await submit('2025Q3', 'CM030', 'district_authority', entries);
      expect(res.status).toBe(200);
      expect(res.body.submission.items.find((i: { code: string }) => i.code === 'SAN-01')).toMatchObject({ faults: 2, score: san.maxScore - 2 * san.deductionPerFault! });
      expect(res.body.submission.score).toBe(98); // 100 − 2 × 1
      expect(res.body.published).toBeNull(); // other parties are still missing
    });

    it('takes one survey answer per household, answering every question', async () => {
      expect((await answer('2025Q3', 'CM030', '1-1-101', 'satisfied')).status).toBe(201);
      const again = await answer('2025Q3', 'CM030', '1-1-101', 'dissatisfied');
      expect(again.body).toMatchObject({ statusCode: 409, code: 'HOUSEHOLD_ALREADY_ANSWERED' });
      const partial = await t.http().post(`${path('2025Q3', 'CM030')}/survey-responses`).send({ householdRef: '1-1-102', answers: [{ question: 'Q1', answer: 'satisfied' }] });
      expect(partial.status).toBe(422);
      expect(partial.body.errors[0].field).toBe('answers');
      const phone = await t.http().post(`${path('2025Q3', 'CM030')}/survey-responses`).send({ householdRef: '13912345678', answers: [{ question: 'Q1', answer: 'satisfied' }] });
      expect(phone.body.errors[0].field).toBe('householdRef');
      // too few answers is shown as such, not as a low score
      const survey = (await t.http().get(`${path('2025Q3', 'CM030')}/survey`)).body;
      expect(survey).toMatchObject({ respondents: 1, sufficient: false, score: null });
      expect(survey.required).toBeGreaterThanOrEqual(30);
    });
  });

  describe('a whole period for one community', () => {
    const period = '2025Q1';
    const community = 'CM021'; // 延安一路小区, 500 households, PC04
    const reported = '2025-02-03T09:00:00+08:00';
    const complaint = (repeatOf: string | null = null): ComplaintClassifiedV1 => ({
      complaintId: randomUUID(), category: 'property_service', enforceable: false, urgent: false, confidence: { category: 0.9, enforceable: 0.9, urgent: 0.9 },
      hotspotAreaId: null, communityId: community, district: '市北区', repeatOf, responsibleBody: 'property_authority', needsReview: false, modelVersion: 't',
      channel: 'hotline', reportedAt: reported, receivedAt: reported,
    });

    beforeAll(async () => {
      expect((await open(period)).status).toBe(201);
    });

    it('publishes the weighted result once every party is in, with every term traceable', async () => {
      // What the residents' calls say: 5 property-service complaints in 500 households = 1 per 100;
      // 1 repeat = 20 %; 1 became a case; 2 closed within 15 days; 2 satisfied callbacks.
      const [c1, c2, c3, c4, c5] = [complaint(), complaint(), complaint(), complaint(), complaint()];
      const repeat = { ...c5, repeatOf: c1.complaintId };
      await t.emit(TOPICS.complaintClassified, [c1, c2, c3, c4, repeat], (p) => p.complaintId);
      await t.emit(TOPICS.complaintOutcomeDecided, [{ complaintId: c1.complaintId, outcome: 'case', reason: '违法搭建', caseId: 'CASE-1', ruleVersion: '1', decidedAt: reported } as ComplaintOutcomeDecidedV1], (p) => p.complaintId);
      const closedAt = '2025-02-10T09:00:00+08:00';
      await t.emit(TOPICS.complaintClosed, [c2, c3].map((c): ComplaintClosedV1 => ({ complaintId: c.complaintId, kind: 'handled', resolution: '已整改', caseId: null, receivedAt: reported, closedAt })), (p) => p.complaintId);
      await t.emit(
        TOPICS.complaintCallbackRecorded,
        [c2, c3].map((c): ComplaintCallbackRecordedV1 => ({
          complaintId: c.complaintId, resolved: true, satisfaction: 'satisfied', reopened: false, category: 'property_service', hotspotAreaId: null, communityId: community,
          recordedAt: '2025-02-11T09:00:00+08:00',
        })),
        (p) => p.complaintId,
      );
      await eventually(async () => {
        const facts = (await t.http().get(path(period, community))).body.complaints.facts;
        expect(facts).toMatchObject({ complaints: 5, repeats: 1, convertedToCases: 1, closed: 2, closedInTime: 2, callbacks: { satisfied: 2, basically_satisfied: 0, unsatisfied: 0 } });
      });

      // the four submitting parties
      expect((await submit(period, community, 'owners_committee', atShare(party('owners_committee'), 0.9))).body.submission.score).toBe(90);
      expect((await submit(period, community, 'community', atShare(party('community'), 0.8))).body.submission.score).toBe(80);
      expect((await submit(period, community, 'street', atShare(party('street'), 0.7))).body.submission.score).toBe(70);
      const authority = atShare(party('district_authority'), 1).map((e) => (e.code === 'SAN-01' ? { code: 'SAN-01', faults: 2 } : e));
      const last = await submit(period, community, 'district_authority', authority);
      expect(last.body.submission.score).toBe(98);
      expect(last.body.published).toBeNull(); // the owners have not answered yet

      // the owners: 50 households needed (max(30, 10 % of 500)); 40 answer 满意 throughout, 10 基本满意
      for (let i = 1; i <= 50; i++) {
        const res = await answer(period, community, `${Math.ceil(i / 10)}-1-${100 + i}`, i <= 40 ? 'satisfied' : 'basically_satisfied');
        expect(res.status).toBe(201);
        if (i === 49) expect(res.body.survey).toMatchObject({ respondents: 49, required: 50, sufficient: false });
        if (i === 50) expect(res.body.published).toMatchObject({ revision: 1, final: false, score: 87.98, grade: '良好', card: 'none' });
      }

      // owners (40 × 100 + 10 × 70) / 50 = 94
      // complaints: volume 100 − 10 × 1 − 0.5 × 20 − 2 × 1 = 78; callbacks 100; in time 100 %
      //             0.6 × 78 + 0.25 × 100 + 0.15 × 100 = 86.8
      // total (30 × 94 + 10 × 90 + 15 × 80 + 15 × 70 + 20 × 98 + 10 × 86.8) / 100
      //     = (2820 + 900 + 1200 + 1050 + 1960 + 868) / 100 = 87.98 → 良好
      const record = (await t.http().get(path(period, community))).body;
      expect(record.result).toMatchObject({ score: 87.98, grade: 'good', gradeName: '良好', complete: true, rated: true, missingParties: [], vetoes: [], card: { card: 'none' } });
      expect(record.result.terms.map((t: { party: string; effectiveWeight: number; score: number; contribution: number }) => [t.party, t.effectiveWeight, t.score, t.contribution])).toEqual([
        ['owners', 30, 94, 28.2], ['owners_committee', 10, 90, 9], ['community', 15, 80, 12], ['street', 15, 70, 10.5], ['district_authority', 20, 98, 19.6], ['complaints', 10, 86.8, 8.68],
      ]);
      expect(record.result.terms[0].arithmetic).toBe('30% × 94 = 28.2');
      expect(record.survey).toMatchObject({ households: 500, respondents: 50, required: 50, sufficient: true, answers: { satisfied: 280, basically_satisfied: 70, dissatisfied: 0 } });
      expect(record.complaints).toMatchObject({ perHundredHouseholds: 1, repeatRate: 20, parts: { volume: 78, satisfaction: 100, resolution: 100 } });
      expect(record.complaints.score).toBeCloseTo(86.8, 10);
      expect(record.complaints.counted).toHaveLength(5);
      expect(record.parties.find((p: { code: string }) => p.code === 'district_authority').submission.items.find((i: { code: string }) => i.code === 'SAN-01')).toMatchObject({ faults: 2, score: 3 });
      expect(record.published).toMatchObject({ revision: 1, final: false, score: 87.98 });

      const events = await eventually(() => {
        const e = published(community, period);
        expect(e).toHaveLength(1);
        return e;
      });
      expect(events[0].payload).toMatchObject({
        period, communityId: community, propertyCompanyId: 'PC04', schemeVersion: 2, revision: 1, final: false, score: 87.98, grade: 'good',
        missingParties: [], card: 'none', propertyComplaintsPerHundredHouseholds: 1,
      });
    });

    it('republishes when a party resubmits, keeping the earlier submission', async () => {
      const res = await submit(period, community, 'street', atShare(party('street'), 0.6), { comment: '复核后下调' });
      // 87.98 − 15 × (70 − 60) / 100 = 86.48
      expect(res.body.published).toMatchObject({ revision: 2, score: 86.48 });
      expect(res.body.submission).toMatchObject({ revision: 2, score: 60, comment: '复核后下调' });
      expect(res.body.submission.history).toEqual([expect.objectContaining({ revision: 1, submittedBy: '测试员' })]);
      await eventually(() => expect(published(community, period).map((e) => e.payload.revision)).toEqual([1, 2]));
      // Prometheus counts every result published, each revision once (open to a scraper, no token)
      const sent = results.events<{ eventId: string; occurredAt: string; payload: EvaluationResultPublishedV1 }>(() => true).filter((e) => !e.payload.final);
      const scraped = await t.http().get('/metrics');
      expect(scraped.text).toMatch(new RegExp(`^qd_evaluation_results_published_total\\{final="false",service="property-evaluation"\\} ${new Set(sent.map((e) => `${e.payload.period}/${e.payload.communityId}@${e.payload.revision}`)).size}$`, 'm'));
    });

    it('ranks the community among all 100, marking those that cannot be rated', async () => {
      const ranking = (await t.http().get(`/api/v1/evaluations/periods/${period}/ranking`)).body;
      expect(ranking).toMatchObject({ period, status: 'open', final: false, total: 100 });
      expect(ranking.rows[0]).toMatchObject({ rank: 1, communityId: community, score: 86.48 });
      // the others have only the complaint indicator and the (empty) survey: 10 % of the weight
      expect(ranking.rows[1]).toMatchObject({ rank: null, rated: false, gradeName: '无法评定', presentWeight: 10 });
      const filtered = (await t.http().get(`/api/v1/evaluations/periods/${period}/ranking`).query({ district: '市北区', propertyCompanyId: 'PC04' })).body;
      expect(filtered.rows.every((r: { district: string; propertyCompanyId: string }) => r.district === '市北区' && r.propertyCompanyId === 'PC04')).toBe(true);
      expect(filtered.total).toBe(100);
    });

    it('closes the period: final results for all, a missing party renormalised and flagged', async () => {
      // CM023 gets every party but the street: 85 % of the weight → rated, flagged
      for (const [code, share] of [['owners_committee', 0.5], ['community', 0.5], ['district_authority', 0.5]] as const) {
        expect((await submit(period, 'CM023', code, atShare(party(code), share))).status).toBe(200);
      }
      const households = (await t.http().get('/api/v1/evaluations/communities/CM023')).body.households as number;
      const needed = Math.max(30, Math.ceil(households / 10));
      for (let i = 1; i <= needed; i++) expect((await answer(period, 'CM023', `H-${i}`, 'dissatisfied')).status).toBe(201);

      const closed = await t.http().post(`/api/v1/evaluations/periods/${period}/close`).send({ closedBy: '市住建局 测试' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ period, communities: 100, cards: { yellow: 1, none: 99 } });
      expect(closed.body.incomplete).toHaveLength(99);

      const cm023 = (await t.http().get(path(period, 'CM023'))).body.result;
      // owners 0 (30), committee 50 (10), community 50 (15), authority 50 (20), complaints 100 (10); street missing
      // (30 × 0 + 10 × 50 + 15 × 50 + 20 × 50 + 10 × 100) / 85 = 3250 / 85 = 38.24 → 不合格, yellow card (< 70)
      expect(cm023).toMatchObject({ score: 38.24, gradeName: '不合格', complete: false, final: true, missingParties: [{ code: 'street', name: '街道办事处' }], card: { card: 'yellow', label: '黄牌' } });
      expect(cm023.terms.find((x: { party: string }) => x.party === 'owners').effectiveWeight).toBe(35.29); // 30 / 85

      await eventually(() => {
        expect(published(community, period).at(-1)!.payload).toMatchObject({ revision: 3, final: true, score: 86.48 });
        expect(published('CM023', period).at(-1)!.payload).toMatchObject({ final: true, missingParties: ['street'], card: 'yellow' });
        const finals = results.events<{ eventId: string; occurredAt: string; payload: EvaluationResultPublishedV1 }>().filter((e) => e.payload.period === period && e.payload.final);
        expect(finals).toHaveLength(100);
      });

      // closed means closed
      expect((await submit(period, community, 'street', atShare(party('street'), 1))).body).toMatchObject({ statusCode: 409, code: 'PERIOD_CLOSED' });
      expect((await answer(period, community, '9-9-999', 'satisfied')).body.code).toBe('PERIOD_CLOSED');
      expect((await t.http().post(`/api/v1/evaluations/periods/${period}/close`).send({ closedBy: '测试' })).body.code).toBe('PERIOD_CLOSED');
    });

    it('serves the review views: cards, property companies and the CSV ranking', async () => {
      const cards = (await t.http().get(`/api/v1/evaluations/periods/${period}/cards`)).body;
      expect(cards.rows.map((r: { communityId: string }) => r.communityId)).toEqual(['CM023']);
      expect(cards.rows[0].card.reasons).toEqual(['得分 38.24 低于 70 分']);

      const companies = (await t.http().get(`/api/v1/evaluations/periods/${period}/property-companies`)).body;
      const pc04 = companies.rows.find((r: { propertyCompanyId: string }) => r.propertyCompanyId === 'PC04');
      expect(pc04).toMatchObject({ rated: 1, averageScore: 86.48 });
      expect(pc04.communityIds).toContain(community);

      const csv = await t.http().get(`/api/v1/evaluations/periods/${period}/ranking`).query({ format: 'csv' }).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = (csv.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines).toHaveLength(101);
      expect(lines[0]).toBe('名次,小区编号,小区名称,区(市),物业企业,户数,总分,等级,黄红牌,一票否决,缺评方,每百户物业投诉,较上期,较首期,是否最终结果');
      expect(lines[1]).toMatch(/^1,CM021,延安一路小区,市北区,青岛胶澳安泰物业管理有限公司,500,86\.48,良好,无,,,1,,,是$/);
    });
  });

  describe('cards and the exit rule across periods', () => {
    // CM025 scores well two quarters in a row with few complaints: it leaves the focus list
    const everyone = async (period: string, communityId: string, share: number) => {
      for (const code of ['owners_committee', 'community', 'street', 'district_authority']) {
        expect((await submit(period, communityId, code, atShare(party(code), share))).status).toBe(200);
      }
      const households = (await t.http().get(`/api/v1/evaluations/communities/${communityId}`)).body.households as number;
      for (let i = 1; i <= Math.max(30, Math.ceil(households / 10)); i++) expect((await answer(period, communityId, `X-${i}`, 'satisfied')).status).toBe(201);
    };

    it('takes a community off the focus list after two qualifying periods', async () => {
      expect((await open('2025Q2')).status).toBe(201);
      await everyone('2025Q2', 'CM025', 0.9);
      const q2 = await t.http().post('/api/v1/evaluations/periods/2025Q2/close').send({ closedBy: '测试' });
      expect(q2.status).toBe(200);
      expect(q2.body.leavingFocusList).toEqual([]);
      const first = (await t.http().get(path('2025Q2', 'CM025'))).body.result;
      // (30 × 100 + 10 × 90 + 15 × 90 + 15 × 90 + 20 × 90 + 10 × 100) / 100 = 94; no complaints
      expect(first).toMatchObject({ score: 94, gradeName: '优秀', exit: { meets: true, consecutive: 1, leavesFocusList: false } });

      // 2025Q3 was opened earlier under scheme 1; 2025Q4 is open too and must wait for it
      expect((await t.http().post('/api/v1/evaluations/periods/2025Q4/close').send({ closedBy: '测试' })).body.code).toBe('EARLIER_PERIOD_OPEN');
      await everyone('2025Q3', 'CM025', 0.9);
      const q3 = await t.http().post('/api/v1/evaluations/periods/2025Q3/close').send({ closedBy: '测试' });
      expect(q3.body.leavingFocusList).toEqual(['CM025']);
      const second = (await t.http().get(path('2025Q3', 'CM025'))).body;
      expect(second.result).toMatchObject({ exit: { meets: true, consecutive: 2, leavesFocusList: true }, change: { sincePrevious: 0, sinceStart: 0, startPeriod: '2025Q2' } });
      // 2025Q1's result could not be rated (no party but the complaint data took part): the campaign starts for it in 2025Q2
      expect(second.trend.map((x: { period: string; score: number }) => [x.period, x.score])).toEqual([['2025Q1', null], ['2025Q2', 94], ['2025Q3', 94]]);
      const cm040 = (await t.http().get('/api/v1/evaluations/communities/CM025')).body;
      expect(cm040).toMatchObject({ onFocusList: false, leftFocusListIn: '2025Q3' });
      expect(cm040.changes.at(-1)).toMatchObject({ by: '系统', reason: '2025Q3 评价结果满足退出规则' });
    });
  });
});
