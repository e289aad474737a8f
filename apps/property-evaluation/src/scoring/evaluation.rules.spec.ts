import type { EvaluationScheme, Indicator, Party } from '../scheme/scheme';
import {
  cardFor, complaintIndicator, exitFor, gradeFor, indicatorScore, requiredRespondents, round2, submissionScore, surveyResult, weightedResult,
  type ComplaintFacts, type PartyInput, type PeriodOutcome,
} from './evaluation.rules';

const party = (code: string, weight: number, instrument: Party['instrument'] = 'submission', mayReportVeto = false): Party => ({
  code, name: code, instrument, instrumentName: code, weight, indicators: [], mayReportVeto,
});
const scheme: Pick<EvaluationScheme, 'parties' | 'grades' | 'vetoes' | 'minPresentWeight'> = {
  parties: [
    party('owners', 30, 'survey'),
    party('owners_committee', 10),
    party('community', 15),
    party('street', 15, 'submission', true),
    party('district_authority', 20, 'submission', true),
    party('complaints', 10, 'complaints'),
  ],
  grades: [
    { code: 'excellent', name: '优秀', minScore: 90 },
    { code: 'good', name: '良好', minScore: 80 },
    { code: 'pass', name: '合格', minScore: 70 },
    { code: 'fail', name: '不合格', minScore: 0 },
  ],
  vetoes: [{ code: 'mass_incident', name: '引发群体性事件' }],
  minPresentWeight: 60,
};
const survey = { questions: [{ code: 'Q1', text: '总体' }], answerScores: { satisfied: 100, basically_satisfied: 70, dissatisfied: 0 }, minAnswers: 30, minShareOfHouseholds: 0.1 };
const complaintRules = {
  perHundredPenalty: 10, repeatRatePenalty: 0.5, casePenalty: 2, resolutionTargetDays: 15,
  callbackScores: { satisfied: 100, basically_satisfied: 70, unsatisfied: 0 },
  blend: { volume: 0.6, satisfaction: 0.25, resolution: 0.15 },
};
const submitted = (score: number, vetoes: string[] = []): PartyInput => ({
  kind: 'submission', score, vetoes, reference: { submissionId: 'x', revision: 1, submittedAt: '2025-03-01T00:00:00Z' },
});
const noFacts: ComplaintFacts = {
  households: 400, complaints: 0, repeats: 0, convertedToCases: 0, callbacks: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 },
  closed: 0, closedInTime: 0, meanResolutionDays: null,
};

describe('indicator and submission scores', () => {
  const sanitation: Indicator = { code: 'SAN-01', name: '楼道保洁', category: '环境卫生', maxScore: 5, deductionPerFault: 1, guidance: '' };

  it('deducts per fault from the maximum and never goes below 0', () => {
    // 5 − 2 × 1 = 3; 5 − 7 × 1 = −2 → 0
    expect(indicatorScore(sanitation, { code: 'SAN-01', faults: 2 }).score).toBe(3);
    expect(indicatorScore(sanitation, { code: 'SAN-01', faults: 7 }).score).toBe(0);
    expect(indicatorScore(sanitation, { code: 'SAN-01', score: 4.5, comment: '基本整洁' })).toMatchObject({ score: 4.5, faults: null, comment: '基本整洁' });
  });

  it('scales the points earned to 100', () => {
    // (3 + 8 + 9) / (5 + 10 + 10) = 20 / 25 = 80
    const items = [
      indicatorScore(sanitation, { code: 'SAN-01', faults: 2 }),
      indicatorScore({ ...sanitation, code: 'A', maxScore: 10 }, { code: 'A', score: 8 }),
      indicatorScore({ ...sanitation, code: 'B', maxScore: 10 }, { code: 'B', score: 9 }),
    ];
    expect(submissionScore(items)).toBe(80);
  });
});

describe('the owners’ survey', () => {
  it('needs max(30, 10% of households), never more than there are', () => {
    expect(requiredRespondents(survey, 200)).toBe(30); // 10% = 20 < 30
    expect(requiredRespondents(survey, 1234)).toBe(124); // ⌈123.4⌉
    expect(requiredRespondents(survey, 24)).toBe(24); // a small block: everyone
  });

  it('scores the mean points of all answers', () => {
    // 40 households × 3 questions = 120 answers: 60 满意, 40 基本满意, 20 不满意
    // (60 × 100 + 40 × 70 + 20 × 0) / 120 = 8800 / 120 = 73.33
    const r = surveyResult({ ...survey, questions: [...survey.questions, { code: 'Q2', text: '' }, { code: 'Q3', text: '' }] }, 300, 40, {
      satisfied: 60, basically_satisfied: 40, dissatisfied: 20,
    });
    expect(r).toMatchObject({ required: 30, sufficient: true });
    expect(round2(r.score!)).toBe(73.33);
  });

  it('shows too few answers as such, not as a low score', () => {
    const r = surveyResult(survey, 300, 29, { satisfied: 0, basically_satisfied: 0, dissatisfied: 29 });
    expect(r).toMatchObject({ respondents: 29, required: 30, sufficient: false, score: null });
  });
});

describe('the complaint indicator', () => {
  it('penalises volume, repeats and cases, then blends in callbacks and timely resolution', () => {
    // 8 complaints in 400 households = 2 per 100; 2 repeats = 25 %; 1 case
    // volume = 100 − 10 × 2 − 0.5 × 25 − 2 × 1 = 65.5
    // callbacks: 3 满意, 1 基本满意, 1 不满意 → (300 + 70 + 0) / 5 = 74
    // closed 6, in time 3 → 50 %
    // score = (0.6 × 65.5 + 0.25 × 74 + 0.15 × 50) / 1 = 39.3 + 18.5 + 7.5 = 65.3
    const r = complaintIndicator(complaintRules, {
      households: 400, complaints: 8, repeats: 2, convertedToCases: 1, callbacks: { satisfied: 3, basically_satisfied: 1, unsatisfied: 1 },
      closed: 6, closedInTime: 3, meanResolutionDays: 12,
    });
    expect(r).toMatchObject({ perHundredHouseholds: 2, repeatRate: 25, caseRate: 12.5, callbackSatisfaction: 74, timelyRate: 50 });
    expect(r.parts.volume).toBe(65.5);
    expect(round2(r.score)).toBe(65.3);
  });

  it('leaves out a part with no data and renormalises the others', () => {
    // 2 complaints in 400 households = 0.5 per 100; none closed, no callback
    // volume = 100 − 10 × 0.5 = 95; score = 0.6 × 95 / 0.6 = 95
    const r = complaintIndicator(complaintRules, { ...noFacts, complaints: 2 });
    expect(r.parts).toEqual({ volume: 95, satisfaction: null, resolution: null });
    expect(r.score).toBe(95);
  });

  it('floors the volume at 0 for a community whose residents keep calling', () => {
    // 60 in 400 = 15 per 100 → 100 − 150 < 0 → 0
    expect(complaintIndicator(complaintRules, { ...noFacts, complaints: 60 }).parts.volume).toBe(0);
  });

  it('gives a quiet community the full volume score', () => {
    expect(complaintIndicator(complaintRules, noFacts).score).toBe(100);
  });
});

describe('the weighted result', () => {
  const complaintsAt = (score: number): PartyInput => ({
    kind: 'complaints',
    indicator: { ...complaintIndicator(complaintRules, noFacts), score },
  });
  const ownersAt = (score: number | null): PartyInput => ({
    kind: 'survey',
    survey: { households: 300, respondents: score === null ? 10 : 40, required: 30, sufficient: score !== null, answers: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 }, score },
  });

  it('weights every party when all are in', () => {
    // 30 × 80 + 10 × 90 + 15 × 85 + 15 × 70 + 20 × 75 + 10 × 60 = 2400 + 900 + 1275 + 1050 + 1500 + 600 = 7725 → 77.25
    const r = weightedResult(scheme, {
      owners: ownersAt(80), owners_committee: submitted(90), community: submitted(85), street: submitted(70), district_authority: submitted(75), complaints: complaintsAt(60),
    });
    expect(r.complete).toBe(true);
    expect(round2(r.score)).toBe(77.25);
    expect(r.grade).toEqual({ code: 'pass', name: '合格' });
    expect(r.terms.map((t) => [t.party, t.effectiveWeight, t.contribution])).toEqual([
      ['owners', 30, 24], ['owners_committee', 10, 9], ['community', 15, 12.75], ['street', 15, 10.5], ['district_authority', 20, 15], ['complaints', 10, 6],
    ]);
  });

  it('renormalises over the parties present and flags the missing one', () => {
    // without the street (15): present weight 85
    // (30 × 80 + 10 × 90 + 15 × 85 + 20 × 75 + 10 × 60) / 85 = 6675 / 85 = 78.53
    const r = weightedResult(scheme, {
      owners: ownersAt(80), owners_committee: submitted(90), community: submitted(85), district_authority: submitted(75), complaints: complaintsAt(60),
    });
    expect(r.complete).toBe(false);
    expect(r.missingParties).toEqual(['street']);
    expect(round2(r.score)).toBe(78.53);
    const owners = r.terms.find((t) => t.party === 'owners')!;
    expect(round2(owners.effectiveWeight)).toBe(35.29); // 30 × 100 / 85
    expect(r.terms.find((t) => t.party === 'street')).toMatchObject({ status: 'missing', score: null, effectiveWeight: 0, contribution: 0 });
  });

  it('treats a survey below the minimum sample as missing, not as zero', () => {
    // (10 × 90 + 15 × 85 + 15 × 70 + 20 × 75 + 10 × 60) / 70 = 5325 / 70 = 76.07
    const r = weightedResult(scheme, {
      owners: ownersAt(null), owners_committee: submitted(90), community: submitted(85), street: submitted(70), district_authority: submitted(75), complaints: complaintsAt(60),
    });
    expect(r.terms[0]).toMatchObject({ party: 'owners', status: 'insufficient_sample', contribution: 0 });
    expect(round2(r.score)).toBe(76.07);
    expect(r.missingParties).toEqual(['owners']);
  });

  it('grades a vetoed result 不合格 whatever the score, and only from a party allowed to veto', () => {
    const all = { owners: ownersAt(95), owners_committee: submitted(95), community: submitted(95), street: submitted(95), complaints: complaintsAt(95) };
    const vetoed = weightedResult(scheme, { ...all, district_authority: submitted(95, ['mass_incident']) });
    expect(round2(vetoed.score)).toBe(95);
    expect(vetoed).toMatchObject({ vetoes: ['mass_incident'], grade: { name: '不合格' } });
    const notAllowed = weightedResult(scheme, { ...all, district_authority: submitted(95), owners_committee: submitted(95, ['mass_incident']) });
    expect(notAllowed).toMatchObject({ vetoes: [], grade: { name: '优秀' } });
  });

  it('does not rate a community whose parties did not take part', () => {
    // owners 30 + complaints 10 = 40 % of the weight < 60 %: the 100 points of a quiet community say nothing
    const r = weightedResult(scheme, { owners: ownersAt(90), complaints: complaintsAt(100) });
    expect(r).toMatchObject({ presentWeight: 40, rated: false, grade: { code: 'unrated', name: '无法评定' } });
    expect(round2(r.score)).toBe(92.5); // (30 × 90 + 10 × 100) / 40, shown but not graded
    // with the district authority (20) the parties carry 60 %: rated
    expect(weightedResult(scheme, { owners: ownersAt(90), complaints: complaintsAt(100), district_authority: submitted(80) })).toMatchObject({ presentWeight: 60, rated: true });
  });

  it('puts a score on the band it reaches', () => {
    expect([90, 89.99, 80, 70, 69.99, 0].map((s) => gradeFor(scheme.grades, s, false).name)).toEqual(['优秀', '良好', '良好', '合格', '不合格', '不合格']);
  });
});

describe('cards and leaving the focus list across periods', () => {
  const cards = { yellowBelowScore: 70, yellowOnVeto: true, redAfterConsecutiveYellows: 3, redMinComplaintsPerHundred: 3 };
  const exit = { minScore: 80, maxComplaintsPerHundred: 2, consecutivePeriods: 2 };
  const history = (...cs: Array<PeriodOutcome['card']>): PeriodOutcome[] => cs.map((card, i) => ({ period: `2024Q${i + 1}`, card, meetsExit: false }));

  it('shows a yellow card below the threshold or on a veto', () => {
    expect(cardFor(cards, 69.5, false, 1, []).card).toBe('yellow');
    expect(cardFor(cards, 70, false, 1, []).card).toBe('none');
    expect(cardFor(cards, 88, true, 1, [])).toMatchObject({ card: 'yellow', reasons: ['存在一票否决事项'] });
  });

  it('turns the third card in a row red when complaints stay high', () => {
    expect(cardFor(cards, 60, false, 3.5, history('yellow', 'yellow'))).toMatchObject({ card: 'red', consecutiveCards: 3 });
    // a clean period breaks the streak
    expect(cardFor(cards, 60, false, 3.5, history('yellow', 'none', 'yellow'))).toMatchObject({ card: 'yellow', consecutiveCards: 2 });
    // three in a row but few complaints: still yellow
    expect(cardFor(cards, 60, false, 2.9, history('yellow', 'yellow'))).toMatchObject({ card: 'yellow', consecutiveCards: 3 });
  });

  it('neither cards nor releases a community that could not be rated', () => {
    expect(cardFor(cards, 10, false, 9, history('yellow', 'yellow'), false)).toMatchObject({ card: 'none', reasons: ['参评方不足，无法评定'] });
    expect(exitFor(exit, 95, false, 'none', 0, [{ period: '2024Q4', card: 'none', meetsExit: true }], false)).toEqual({ meets: false, consecutive: 0, leavesFocusList: false });
  });

  it('lets a community leave after meeting the rule two periods in a row', () => {
    const met: PeriodOutcome[] = [{ period: '2024Q4', card: 'none', meetsExit: true }];
    expect(exitFor(exit, 85, false, 'none', 1.5, met)).toEqual({ meets: true, consecutive: 2, leavesFocusList: true });
    expect(exitFor(exit, 85, false, 'none', 1.5, [])).toEqual({ meets: true, consecutive: 1, leavesFocusList: false });
    // too many complaints, a veto, or a card: not met, and the streak restarts
    expect(exitFor(exit, 85, false, 'none', 2.5, met)).toEqual({ meets: false, consecutive: 0, leavesFocusList: false });
    expect(exitFor(exit, 85, true, 'none', 1, met).meets).toBe(false);
    expect(exitFor(exit, 79.99, false, 'none', 1, met).meets).toBe(false);
  });
});
