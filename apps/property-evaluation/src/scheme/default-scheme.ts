import type { EvaluationScheme, Indicator } from './scheme';

/**
 * The scheme the service starts with until the housing authority stores
 * another (version 1).
 *
 * Everything here is the proposal of domain.md §5, not an official rule: no
 * official six parties, weights or grades were found. Parties, weights,
 * indicators, grades, vetoes, cards and the exit rule are configurable;
 * confirm them with the bureau (domain.md §8).
 *
 * The on-site assessment follows the shape of Qingdao's
 * 《住宅小区物业服务量化考核办法》 (8 categories, 39 items, 100 points by
 * deduction); its item texts were not found, so the 39 items below are
 * plausible stand-ins to be replaced by the official list.
 */

function item(code: string, category: string, name: string, maxScore: number, deductionPerFault: number | null, guidance: string): Indicator {
  return { code, name, category, maxScore, deductionPerFault, guidance };
}

/** Scored by the district (city) property authority on site: 8 categories, 39 items, 100 points, deduction per fault. */
const QUANTITATIVE_ASSESSMENT: Indicator[] = [
  item('RUL-01', '制度建设', '服务合同与收费标准公示', 3, 1, '物业服务合同约定的服务内容、标准及收费标准在小区显著位置公示'),
  item('RUL-02', '制度建设', '管理制度健全并落实', 3, 1, '保洁、秩序维护、设施设备、档案等管理制度齐全并按制度执行'),
  item('RUL-03', '制度建设', '人员配置与持证上岗', 2, 1, '项目负责人及电工等特种作业人员按合同配置并持证上岗'),
  item('RUL-04', '制度建设', '服务档案与工作台账', 2, 0.5, '巡查、维修、投诉处理等记录完整，可追溯'),

  // domain.md §5's one known figure: a sanitation item of 5 points, −1 per fault
  item('SAN-01', '环境卫生', '公共区域清扫保洁', 5, 1, '道路、广场、楼道等公共区域每日清扫，无垃圾杂物堆积'),
  item('SAN-02', '环境卫生', '生活垃圾分类收集清运', 3, 1, '分类投放点设置规范，桶体完好，垃圾及时清运无满溢'),
  item('SAN-03', '环境卫生', '楼道及公共部位清洁', 3, 1, '楼梯扶手、信报箱、电梯轿厢定期擦拭，无乱贴乱画'),
  item('SAN-04', '环境卫生', '装修及大件垃圾管理', 3, 1, '装修垃圾、大件垃圾定点堆放、及时清运'),
  item('SAN-05', '环境卫生', '化粪池及雨污管网清掏', 3, 1, '化粪池、窨井、雨污管道定期清掏，无堵塞外溢'),
  item('SAN-06', '环境卫生', '病媒生物防治', 3, 1, '定期开展消杀灭鼠，无明显蚊蝇、鼠迹'),

  item('GRN-01', '绿化养护', '绿地日常养护', 3, 1, '草坪、花木定期修剪、浇灌、施肥，无成片枯死、斑秃'),
  item('GRN-02', '绿化养护', '绿地完好无侵占', 3, 1, '无毁绿种菜、堆放杂物或私自圈占绿地'),
  item('GRN-03', '绿化养护', '病虫害防治', 2, 1, '病虫害及时防治，无明显虫害'),
  item('GRN-04', '绿化养护', '绿化垃圾清理', 2, 1, '枯枝落叶及修剪物及时清理'),

  item('SEC-01', '秩序维护', '出入口值守', 3, 1, '出入口有人值守，外来人员、车辆登记'),
  item('SEC-02', '秩序维护', '巡逻巡查', 3, 1, '按规定路线和频次巡查，巡查记录完整'),
  item('SEC-03', '秩序维护', '车辆停放管理', 3, 1, '车辆有序停放，不占用消防通道和绿地'),
  item('SEC-04', '秩序维护', '消防通道及楼道管理', 2, 1, '消防通道畅通，楼道无堆物，无飞线充电'),
  item('SEC-05', '秩序维护', '监控及门禁系统', 2, 1, '监控、门禁运行正常，录像按规定保存'),
  item('SEC-06', '秩序维护', '突发事件应急处置', 2, 1, '有应急预案并定期演练，突发事件及时处置、上报'),

  item('FAC-01', '公共设施设备', '电梯运行管理', 3, 1, '电梯按期维保、年检合格，困人救援及时'),
  item('FAC-02', '公共设施设备', '二次供水设施', 3, 1, '水箱定期清洗消毒，水质检测报告公示'),
  item('FAC-03', '公共设施设备', '供配电及公共照明', 3, 1, '配电房管理规范，楼道及路灯等公共照明完好'),
  item('FAC-04', '公共设施设备', '消防设施设备', 2, 1, '消火栓、灭火器、报警系统定期检测，完好有效'),
  item('FAC-05', '公共设施设备', '健身及儿童游乐设施', 2, 1, '健身器材、儿童游乐设施完好，无安全隐患'),
  item('FAC-06', '公共设施设备', '道路、标识及围墙护栏', 2, 1, '小区道路平整，标识标牌清晰，围墙护栏完好'),

  item('BLD-01', '房屋维修养护', '报修响应', 3, 1, '接报修后按承诺时限上门，维修记录完整'),
  item('BLD-02', '房屋维修养护', '共用部位完好', 3, 1, '屋面、外墙、楼梯间等共用部位无渗漏、无破损'),
  item('BLD-03', '房屋维修养护', '装修管理', 2, 1, '装修登记并告知禁止行为，发现违规装修及时劝阻'),
  item('BLD-04', '房屋维修养护', '违法建设劝阻报告', 2, 1, '发现私搭乱建及时劝阻，并报告主管部门或综合执法部门'),
  item('BLD-05', '房屋维修养护', '专项维修资金使用配合', 2, 1, '按规定协助申请使用维修资金，使用情况公开'),

  item('OCW-01', '业主委员会（物管会）工作配合', '配合业主大会及业委会工作', 2, 1, '配合召开业主大会，提供必要资料和场地'),
  item('OCW-02', '业主委员会（物管会）工作配合', '重大事项告知', 2, 1, '涉及业主共同利益的事项及时告知业委会（物管会）'),
  item('OCW-03', '业主委员会（物管会）工作配合', '公共收益公开', 2, 1, '公共收益单独列账，定期公开收支'),
  item('OCW-04', '业主委员会（物管会）工作配合', '年度服务报告', 2, 1, '每年向业主大会或业委会（物管会）报告服务情况及收支'),

  item('LTM-01', '长效机制', '投诉处理机制', 3, 1, '公布投诉电话，投诉按时处理并回访'),
  item('LTM-02', '长效机制', '问题整改落实', 3, 1, '检查发现的问题及 12345 工单反映的问题按期整改，不反复'),
  item('LTM-03', '长效机制', '满意度自查改进', 2, 1, '定期开展业主满意度自查并落实改进'),
  item('LTM-04', '长效机制', '参与社区共建共治', 2, 1, '按要求参加街道、社区组织的联席会议，落实议定事项'),
];

export const DEFAULT_SCHEME: EvaluationScheme = deepFreeze({
  version: 1,
  name: '物业服务质量六方评价（建议方案）',
  description:
    '六方评价的建议默认方案：参与方、权重、考核指标、等级、一票否决事项及黄红牌、退出规则均为可配置的建议值，尚未经主管部门确认，不是正式文件。' +
    '区(市)物业主管部门的量化考核参照《住宅小区物业服务量化考核办法》的 8 类 39 项、百分制扣分结构，具体条目待以正式文本替换。',
  parties: [
    {
      code: 'owners',
      name: '业主',
      instrument: 'survey',
      instrumentName: '满意度问卷',
      weight: 30,
      indicators: [],
      mayReportVeto: false,
    },
    {
      code: 'owners_committee',
      name: '业主委员会/物业管理委员会',
      instrument: 'submission',
      instrumentName: '问卷',
      weight: 10,
      indicators: [
        item('OC-01', '服务质量', '合同履行', 25, null, '是否按物业服务合同约定的内容和标准提供服务'),
        item('OC-02', '服务质量', '服务响应', 20, null, '对业委会（物管会）及业主诉求的响应速度和处理结果'),
        item('OC-03', '公开透明', '信息公开', 20, null, '收费标准、公共收益、维修资金使用等信息是否按规定公开'),
        item('OC-04', '公开透明', '公共收益管理', 15, null, '公共收益是否单独列账、按约定使用'),
        item('OC-05', '沟通协作', '沟通协作', 20, null, '是否定期与业委会（物管会）沟通，重大事项事先告知'),
      ],
      mayReportVeto: false,
    },
    {
      code: 'community',
      name: '社区居委会',
      instrument: 'submission',
      instrumentName: '检查表',
      weight: 15,
      indicators: [
        item('CC-01', '社区治理', '配合社区治理', 25, null, '是否参加社区联席会议，配合开展社区各项工作'),
        item('CC-02', '社区治理', '矛盾纠纷化解', 20, null, '是否及时发现并协助化解业主之间、业主与物业之间的矛盾纠纷'),
        item('CC-03', '社区治理', '信息报送', 15, null, '小区安全隐患和重大事项是否及时向社区报告'),
        item('CC-04', '日常状况', '环境与秩序', 25, null, '社区日常走访中小区环境卫生和公共秩序的状况'),
        item('CC-05', '共建共治', '党建引领与志愿服务', 15, null, '是否参与“红色物业”共建、志愿服务等社区活动'),
      ],
      mayReportVeto: false,
    },
    {
      code: 'street',
      name: '街道办事处',
      instrument: 'submission',
      instrumentName: '检查表',
      weight: 15,
      indicators: [
        item('ST-01', '专项工作', '专项工作落实', 25, null, '是否落实街道部署的消防、防汛、创城等专项工作'),
        item('ST-02', '专项工作', '安全隐患整改', 20, null, '街道检查发现的安全隐患是否按期整改'),
        item('ST-03', '诉求办理', '涉物业诉求办理配合', 20, null, '是否配合街道办理涉物业诉求，不推诿、不拖延'),
        item('ST-04', '诉求办理', '矛盾纠纷化解', 20, null, '是否配合街道化解物业服务纠纷，防止矛盾升级'),
        item('ST-05', '应急管理', '应急处置', 15, null, '防汛、除雪等突发事件中是否服从街道统一调度'),
      ],
      mayReportVeto: true,
    },
    {
      code: 'district_authority',
      name: '区(市)物业主管部门',
      instrument: 'submission',
      instrumentName: '物业服务量化考核（现场）',
      weight: 20,
      indicators: QUANTITATIVE_ASSESSMENT,
      mayReportVeto: true,
    },
    {
      code: 'complaints',
      name: '投诉数据',
      instrument: 'complaints',
      instrumentName: '12345 与案件指标',
      weight: 10,
      indicators: [],
      mayReportVeto: false,
    },
  ],
  survey: {
    questions: [
      { code: 'Q1', text: '您对小区公共区域的清扫保洁是否满意？' },
      { code: 'Q2', text: '您对小区门岗值守、巡逻及车辆停放等秩序维护是否满意？' },
      { code: 'Q3', text: '您对物业报修的响应速度和维修质量是否满意？' },
      { code: 'Q4', text: '您对小区绿化养护是否满意？' },
      { code: 'Q5', text: '您对电梯、供水、照明等公共设施设备的维护是否满意？' },
      { code: 'Q6', text: '您对物业收费标准及公共收益等信息的公开是否满意？' },
      { code: 'Q7', text: '您对本小区物业服务的总体情况是否满意？' },
    ],
    answerScores: { satisfied: 100, basically_satisfied: 70, dissatisfied: 0 },
    minAnswers: 30,
    minShareOfHouseholds: 0.1,
  },
  complaintIndicator: {
    perHundredPenalty: 10,
    repeatRatePenalty: 0.5,
    casePenalty: 2,
    resolutionTargetDays: 15,
    callbackScores: { satisfied: 100, basically_satisfied: 70, unsatisfied: 0 },
    blend: { volume: 0.6, satisfaction: 0.25, resolution: 0.15 },
  },
  grades: [
    { code: 'excellent', name: '优秀', minScore: 90 },
    { code: 'good', name: '良好', minScore: 80 },
    { code: 'pass', name: '合格', minScore: 70 },
    { code: 'fail', name: '不合格', minScore: 0 },
  ],
  vetoes: [
    { code: 'serious_accident', name: '发生重大安全责任事故' },
    { code: 'mass_incident', name: '引发群体性事件' },
    { code: 'obstructing_enforcement', name: '阻挠执法' },
  ],
  cards: {
    yellowBelowScore: 70,
    yellowOnVeto: true,
    redAfterConsecutiveYellows: 3,
    redMinComplaintsPerHundred: 3,
  },
  // without the submitting parties (owners 30 + complaints 10 = 40) a result is not rated
  minPresentWeight: 60,
  exit: {
    minScore: 80,
    maxComplaintsPerHundred: 2,
    consecutivePeriods: 2,
  },
});

/** Frozen so that no caller edits the default in place; a change is a new scheme version. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
