import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEFAULT_SCHEME } from './default-scheme';
import { SchemeDto } from './scheme.dto';
import { checkScheme } from './scheme-validation.rules';

/** The default as an administrator would post it: the service numbers versions. */
function body(): Omit<typeof DEFAULT_SCHEME, 'version'> {
  const { version: _version, ...rest } = structuredClone(DEFAULT_SCHEME);
  return rest;
}

const party = (code: string) => DEFAULT_SCHEME.parties.find((p) => p.code === code)!;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('DEFAULT_SCHEME', () => {
  it('is version 1', () => {
    expect(DEFAULT_SCHEME.version).toBe(1);
  });

  it('passes the request DTO, refusing unknown fields as the API does', () => {
    const dto = plainToInstance(SchemeDto, body());
    expect(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })).toEqual([]);
  });

  it('passes the cross-field rules', () => {
    expect(checkScheme(DEFAULT_SCHEME)).toEqual([]);
  });

  it('has the six parties of domain.md §5 with their instruments and weights', () => {
    expect(DEFAULT_SCHEME.parties.map((p) => [p.code, p.name, p.instrument, p.instrumentName, p.weight])).toEqual([
      ['owners', '业主', 'survey', '满意度问卷', 30],
      ['owners_committee', '业主委员会/物业管理委员会', 'submission', '问卷', 10],
      ['community', '社区居委会', 'submission', '检查表', 15],
      ['street', '街道办事处', 'submission', '检查表', 15],
      ['district_authority', '区(市)物业主管部门', 'submission', '物业服务量化考核（现场）', 20],
      ['complaints', '投诉数据', 'complaints', '12345 与案件指标', 10],
    ]);
    expect(sum(DEFAULT_SCHEME.parties.map((p) => p.weight))).toBe(100);
  });

  it('lets only the street and the district authority report a veto', () => {
    expect(DEFAULT_SCHEME.parties.filter((p) => p.mayReportVeto).map((p) => p.code)).toEqual(['street', 'district_authority']);
  });

  it('gives the survey and complaint parties no indicators', () => {
    expect(party('owners').indicators).toEqual([]);
    expect(party('complaints').indicators).toEqual([]);
  });

  it.each(['owners_committee', 'community', 'street', 'district_authority'])('%s: indicator maxima sum to 100', (code) => {
    expect(sum(party(code).indicators.map((i) => i.maxScore))).toBe(100);
  });

  describe('the quantitative assessment (量化考核)', () => {
    const items = () => party('district_authority').indicators;

    it('has 39 items over the 8 categories, in order', () => {
      expect(items()).toHaveLength(39);
      expect([...new Set(items().map((i) => i.category))]).toEqual([
        '制度建设', '环境卫生', '绿化养护', '秩序维护', '公共设施设备', '房屋维修养护', '业主委员会（物管会）工作配合', '长效机制',
      ]);
    });

    it('scores every item by deduction, never more than the item is worth', () => {
      for (const i of items()) {
        expect(i.deductionPerFault).not.toBeNull();
        expect(i.deductionPerFault).toBeGreaterThan(0);
        expect(i.deductionPerFault).toBeLessThanOrEqual(i.maxScore);
      }
    });

    it('keeps one code prefix per category, numbered from 01', () => {
      const byCategory = new Map<string, string[]>();
      for (const i of items()) byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), i.code]);
      for (const codes of byCategory.values()) {
        const prefix = codes[0]!.split('-')[0];
        expect(codes).toEqual(codes.map((_, n) => `${prefix}-${String(n + 1).padStart(2, '0')}`));
      }
      expect(new Set([...byCategory.values()].map((codes) => codes[0]!.split('-')[0])).size).toBe(8);
    });

    it('includes domain.md\'s example: a sanitation item of 5 points, −1 per fault', () => {
      expect(items().find((i) => i.code === 'SAN-01')).toMatchObject({ category: '环境卫生', maxScore: 5, deductionPerFault: 1 });
    });
  });

  it.each([
    ['owners_committee', 'OC'],
    ['community', 'CC'],
    ['street', 'ST'],
  ])('%s: 4–6 items scored directly (no deduction), codes %s-01…', (code, prefix) => {
    const items = party(code).indicators;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.length).toBeLessThanOrEqual(6);
    expect(items.every((i) => i.deductionPerFault === null)).toBe(true);
    expect(items.map((i) => i.code)).toEqual(items.map((_, n) => `${prefix}-0${n + 1}`));
  });

  it('has a survey of 6–8 questions Q1…, scored 100 / 70 / 0', () => {
    const { questions, answerScores, minAnswers, minShareOfHouseholds } = DEFAULT_SCHEME.survey;
    expect(questions.length).toBeGreaterThanOrEqual(6);
    expect(questions.length).toBeLessThanOrEqual(8);
    expect(questions.map((q) => q.code)).toEqual(questions.map((_, n) => `Q${n + 1}`));
    expect(answerScores).toEqual({ satisfied: 100, basically_satisfied: 70, dissatisfied: 0 });
    expect([minAnswers, minShareOfHouseholds]).toEqual([30, 0.1]);
  });

  it('has the proposed complaint indicator, grades, vetoes, cards and exit rule', () => {
    expect(DEFAULT_SCHEME.complaintIndicator).toEqual({
      perHundredPenalty: 10,
      repeatRatePenalty: 0.5,
      casePenalty: 2,
      resolutionTargetDays: 15,
      callbackScores: { satisfied: 100, basically_satisfied: 70, unsatisfied: 0 },
      blend: { volume: 0.6, satisfaction: 0.25, resolution: 0.15 },
    });
    expect(DEFAULT_SCHEME.grades.map((g) => [g.code, g.name, g.minScore])).toEqual([
      ['excellent', '优秀', 90], ['good', '良好', 80], ['pass', '合格', 70], ['fail', '不合格', 0],
    ]);
    expect(DEFAULT_SCHEME.vetoes.map((v) => v.code)).toEqual(['serious_accident', 'mass_incident', 'obstructing_enforcement']);
    expect(DEFAULT_SCHEME.cards).toEqual({ yellowBelowScore: 70, yellowOnVeto: true, redAfterConsecutiveYellows: 3, redMinComplaintsPerHundred: 3 });
    expect(DEFAULT_SCHEME.exit).toEqual({ minScore: 80, maxComplaintsPerHundred: 2, consecutivePeriods: 2 });
  });

  it('is frozen all the way down, so a change has to be a new version', () => {
    expect(Object.isFrozen(DEFAULT_SCHEME)).toBe(true);
    expect(Object.isFrozen(party('district_authority').indicators[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCHEME.complaintIndicator.blend)).toBe(true);
  });
});
