import { DEFAULT_SCHEME } from './default-scheme';
import type { EvaluationScheme } from './scheme';
import { checkScheme } from './scheme-validation.rules';

type Body = Omit<EvaluationScheme, 'version'>;

/** A mutable copy of the default, as an administrator would submit it. */
function submitted(): Body {
  const { version: _version, ...rest } = structuredClone(DEFAULT_SCHEME);
  return rest;
}

/** parties: 0 owners (survey), 1 owners_committee, 2 community, 3 street, 4 district_authority, 5 complaints */
const OWNERS = 0;
const COMMITTEE = 1;
const COMMUNITY = 2;
const DISTRICT = 4;
const COMPLAINTS = 5;

const indicator = (j: Body, party: number, k: number) => j.parties[party]!.indicators[k]!;

describe('checkScheme', () => {
  type Row = [label: string, mutate: (j: Body) => void, field: string, message: string];
  const rows: Row[] = [
    ['duplicate party code', (j) => { j.parties[COMPLAINTS]!.code = 'owners'; }, 'parties[5].code', '参与方编码 owners 重复，已用于 parties[0]'],
    ['weights below 100', (j) => { j.parties[OWNERS]!.weight = 25; }, 'parties', '各参与方权重之和须为 100，当前为 95'],
    ['weights above 100', (j) => { j.parties[COMMUNITY]!.weight = 15.5; }, 'parties', '各参与方权重之和须为 100，当前为 100.5'],
    ['weights off by more than the tolerance', (j) => { j.parties[OWNERS]!.weight = 30.002; }, 'parties', '各参与方权重之和须为 100，当前为 100.002'],
    ['a weight that is not a number', (j) => { j.parties[OWNERS]!.weight = NaN; }, 'parties', '各参与方权重之和须为 100，当前为 NaN'],
    [
      'a second survey party',
      (j) => { Object.assign(j.parties[COMMITTEE]!, { instrument: 'survey', indicators: [] }); },
      'parties[1].instrument', '满意度问卷类（survey）参与方至多一个，已有 parties[0]',
    ],
    [
      'a second complaints party',
      (j) => { Object.assign(j.parties[COMMUNITY]!, { instrument: 'complaints', indicators: [] }); },
      'parties[5].instrument', '投诉数据类（complaints）参与方至多一个，已有 parties[2]',
    ],
    ['a submission party without indicators', (j) => { j.parties[COMMUNITY]!.indicators = []; }, 'parties[2].indicators', '提交类（submission）参与方至少须有一个指标'],
    [
      'a survey party with indicators',
      (j) => { j.parties[OWNERS]!.indicators = [indicator(j, COMMITTEE, 0)]; },
      'parties[0].indicators', '满意度问卷类（survey）参与方不设指标，其得分由满意度问卷计算',
    ],
    [
      'a complaints party with indicators',
      (j) => { j.parties[COMPLAINTS]!.indicators = [indicator(j, COMMITTEE, 0)]; },
      'parties[5].indicators', '投诉数据类（complaints）参与方不设指标，其得分由投诉数据计算',
    ],
    [
      'duplicate indicator code within a party',
      (j) => { indicator(j, DISTRICT, 7).code = 'SAN-01'; },
      'parties[4].indicators[7].code', '指标编码 SAN-01 重复，已用于 parties[4].indicators[4]',
    ],
    [
      'deduction of 0',
      (j) => { indicator(j, DISTRICT, 0).deductionPerFault = 0; },
      'parties[4].indicators[0].deductionPerFault', '每处扣分须大于 0；不按扣分计分时填 null',
    ],
    [
      'negative deduction',
      (j) => { indicator(j, DISTRICT, 0).deductionPerFault = -1; },
      'parties[4].indicators[0].deductionPerFault', '每处扣分须大于 0；不按扣分计分时填 null',
    ],
    [
      'deduction above the item maximum',
      (j) => { indicator(j, DISTRICT, 4).deductionPerFault = 6; },
      'parties[4].indicators[4].deductionPerFault', '每处扣分不能超过本项满分 5',
    ],
    ['duplicate question code', (j) => { j.survey.questions[3]!.code = 'Q1'; }, 'survey.questions[3].code', '题目编码 Q1 重复，已用于 survey.questions[0]'],
    ['no questions with a survey party', (j) => { j.survey.questions = []; }, 'survey.questions', '设有满意度问卷类参与方时，问卷至少须有一道题目'],
    ['answer score above 100', (j) => { j.survey.answerScores.satisfied = 101; }, 'survey.answerScores.satisfied', '得分须在 0–100 之间'],
    ['answer score below 0', (j) => { j.survey.answerScores.dissatisfied = -10; }, 'survey.answerScores.dissatisfied', '得分须在 0–100 之间'],
    ['answer score not a number', (j) => { j.survey.answerScores.basically_satisfied = NaN; }, 'survey.answerScores.basically_satisfied', '得分须在 0–100 之间'],
    [
      'blend of nothing',
      (j) => { j.complaintIndicator.blend = { volume: 0, satisfaction: 0, resolution: 0 }; },
      'complaintIndicator.blend', 'volume、satisfaction、resolution 三项比重之和须大于 0',
    ],
    [
      'grade not below the one before',
      (j) => { j.grades[2]!.minScore = 80; },
      'grades[2].minScore', '等级须按最低分从高到低排列，本档最低分须低于 grades[1] 的 80',
    ],
    [
      'grades in ascending order',
      (j) => { j.grades[1]!.minScore = 95; },
      'grades[1].minScore', '等级须按最低分从高到低排列，本档最低分须低于 grades[0] 的 90',
    ],
    ['duplicate grade code', (j) => { j.grades[3]!.code = 'pass'; }, 'grades[3].code', '等级编码 pass 重复，已用于 grades[2]'],
    ['lowest grade not starting at 0', (j) => { j.grades[3]!.minScore = 60; }, 'grades[3].minScore', '最低一档的最低分须为 0，使任何得分都有等级'],
    ['no grades', (j) => { j.grades = []; }, 'grades', '至少须有一个等级'],
    [
      'duplicate veto code',
      (j) => { j.vetoes[2]!.code = 'serious_accident'; },
      'vetoes[2].code', '否决事项编码 serious_accident 重复，已用于 vetoes[0]',
    ],
  ];

  it.each(rows)('%s', (_label, mutate, field, message) => {
    const json = submitted();
    mutate(json);
    expect(checkScheme(json)).toEqual([{ field, messages: [message] }]);
  });

  type Allowed = [label: string, mutate: (j: Body) => void];
  const allowed: Allowed[] = [
    ['fractional weights within the tolerance', (j) => { j.parties[OWNERS]!.weight = 30.0005; j.parties[COMPLAINTS]!.weight = 9.9996; }],
    ['weights of thirds', (j) => { j.parties = [j.parties[OWNERS]!, j.parties[DISTRICT]!, j.parties[COMPLAINTS]!].map((p, i) => ({ ...p, weight: i === 2 ? 33.34 : 33.33 })); }],
    ['a party of weight 0', (j) => { j.parties[COMPLAINTS]!.weight = 0; j.parties[OWNERS]!.weight = 40; }],
    ['the same indicator code in two parties', (j) => { indicator(j, COMMUNITY, 0).code = 'OC-01'; }],
    ['a deduction equal to the item maximum', (j) => { indicator(j, DISTRICT, 4).deductionPerFault = 5; }],
    ['a submission party scored by deduction and directly', (j) => { indicator(j, DISTRICT, 0).deductionPerFault = null; }],
    [
      'no survey party and no questions',
      (j) => { j.parties.splice(OWNERS, 1); j.parties[COMMITTEE - 1]!.weight += 30; j.survey.questions = []; },
    ],
    ['no complaints party', (j) => { j.parties.splice(COMPLAINTS, 1); j.parties[OWNERS]!.weight += 10; }],
    ['a blend with one part only', (j) => { j.complaintIndicator.blend = { volume: 1, satisfaction: 0, resolution: 0 }; }],
    ['a single grade from 0', (j) => { j.grades = [{ code: 'all', name: '全部', minScore: 0 }]; }],
    ['no vetoes', (j) => { j.vetoes = []; }],
    ['vetoes although no party may report one', (j) => { for (const p of j.parties) p.mayReportVeto = false; }],
  ];

  it.each(allowed)('allows %s', (_label, mutate) => {
    const json = submitted();
    mutate(json);
    expect(checkScheme(json)).toEqual([]);
  });

  it('groups several messages for one field under one entry', () => {
    const json = submitted();
    json.grades = [
      { code: 'excellent', name: '优秀', minScore: 90 },
      { code: 'good', name: '良好', minScore: 95 },
    ];
    expect(checkScheme(json)).toEqual([
      {
        field: 'grades[1].minScore',
        messages: ['等级须按最低分从高到低排列，本档最低分须低于 grades[0] 的 90', '最低一档的最低分须为 0，使任何得分都有等级'],
      },
    ]);
  });

  it('reports every problem at once, in the order of the scheme', () => {
    const json = submitted();
    json.vetoes[1]!.code = 'serious_accident';
    json.grades[3]!.minScore = 10;
    json.complaintIndicator.blend.volume = 0;
    json.complaintIndicator.blend.satisfaction = 0;
    json.complaintIndicator.blend.resolution = 0;
    json.survey.questions[1]!.code = 'Q1';
    indicator(json, DISTRICT, 1).code = 'RUL-01';
    json.parties[OWNERS]!.weight = 0;
    json.parties[3]!.code = 'community';
    expect(checkScheme(json).map((e) => e.field)).toEqual([
      'parties[3].code',
      'parties',
      'parties[4].indicators[1].code',
      'survey.questions[1].code',
      'complaintIndicator.blend',
      'grades[3].minScore',
      'vetoes[1].code',
    ]);
  });

  it('does not change the scheme it checks', () => {
    const json = submitted();
    json.grades.reverse();
    const before = structuredClone(json);
    checkScheme(json);
    expect(json).toEqual(before);
  });
});
