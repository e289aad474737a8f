/**
 * The thirteen complaint categories. Codes are stable identifiers used in
 * events, APIs, data and the Open311 service list; the Chinese names are what
 * users see.
 */
export const CATEGORY_CODES = [
  'illegal_construction',
  'construction_waste',
  'construction_site',
  'street_order',
  'advertising',
  'flyposting',
  'household_waste',
  'sanitation',
  'greenery',
  'property_service',
  'gas',
  'heating',
  'other',
] as const;

export type CategoryCode = (typeof CATEGORY_CODES)[number];

/** Who handles a complaint of this category when it is not a case. */
export type ResponsibleBody =
  | 'district_enforcement_squad'
  | 'sanitation_department'
  | 'landscaping_department'
  | 'property_authority'
  | 'gas_company'
  | 'heating_company'
  | 'other_competent_body';

export interface CategoryInfo {
  code: CategoryCode;
  name: string;
  group: string;
  description: string;
  usuallyEnforceable: boolean;
  responsibleBody: ResponsibleBody;
}

export const CATEGORIES: Readonly<Record<CategoryCode, CategoryInfo>> = {
  illegal_construction: { code: 'illegal_construction', name: '违法建设', group: '规划建设', description: '私搭乱建、楼顶或院内加盖、阳台外扩、圈占公共空间建房', usuallyEnforceable: true, responsibleBody: 'district_enforcement_squad' },
  construction_waste: { code: 'construction_waste', name: '建筑垃圾', group: '规划建设', description: '乱倒乱卸渣土或装修垃圾、渣土车遗撒或未密闭', usuallyEnforceable: true, responsibleBody: 'district_enforcement_squad' },
  construction_site: { code: 'construction_site', name: '施工管理', group: '规划建设', description: '夜间施工噪音、工地扬尘、无围挡或占道施工', usuallyEnforceable: true, responsibleBody: 'district_enforcement_squad' },
  street_order: { code: 'street_order', name: '街面秩序', group: '市容秩序', description: '占道经营、流动摊贩、店外经营、露天烧烤、市场周边乱摆', usuallyEnforceable: true, responsibleBody: 'district_enforcement_squad' },
  advertising: { code: 'advertising', name: '户外广告招牌', group: '市容秩序', description: '违规设置广告牌或灯箱、招牌破损有坠落风险', usuallyEnforceable: true, responsibleBody: 'district_enforcement_squad' },
  flyposting: { code: 'flyposting', name: '乱贴乱画', group: '市容秩序', description: '小广告、涂鸦、喷涂电话号码', usuallyEnforceable: true, responsibleBody: 'district_enforcement_squad' },
  household_waste: { code: 'household_waste', name: '生活垃圾', group: '环境卫生', description: '垃圾桶满溢、清运不及时、分类投放不规范、垃圾站异味', usuallyEnforceable: false, responsibleBody: 'sanitation_department' },
  sanitation: { code: 'sanitation', name: '环境卫生', group: '环境卫生', description: '道路不洁、公厕脏乱、沙滩或海岸垃圾、暴露垃圾', usuallyEnforceable: false, responsibleBody: 'sanitation_department' },
  greenery: { code: 'greenery', name: '园林绿化', group: '园林绿化', description: '毁坏或占用绿地、擅自砍伐、树木倒伏或断枝', usuallyEnforceable: true, responsibleBody: 'landscaping_department' },
  property_service: { code: 'property_service', name: '物业服务', group: '物业管理', description: '物业不作为、电梯故障、乱收费、保洁差、维修不及时、门禁或停车管理', usuallyEnforceable: false, responsibleBody: 'property_authority' },
  gas: { code: 'gas', name: '燃气', group: '公用事业', description: '燃气泄漏或异味、违规经营瓶装液化气、燃气公司安装或服务', usuallyEnforceable: false, responsibleBody: 'gas_company' },
  heating: { code: 'heating', name: '供热', group: '公用事业', description: '室温不达标、暖气不热、供热管网漏水', usuallyEnforceable: false, responsibleBody: 'heating_company' },
  other: { code: 'other', name: '非城管职责', group: '其他', description: '邻里噪音、交通违章、宠物纠纷、房屋质量、劳动纠纷', usuallyEnforceable: false, responsibleBody: 'other_competent_body' },
};

export const RESPONSIBLE_BODY_NAMES: Readonly<Record<ResponsibleBody, string>> = {
  district_enforcement_squad: '区综合行政执法中队',
  sanitation_department: '环卫部门',
  landscaping_department: '园林绿化部门',
  property_authority: '物业主管部门',
  gas_company: '燃气公司',
  heating_company: '供热公司',
  other_competent_body: '其他职能部门',
};

export function isCategoryCode(value: unknown): value is CategoryCode {
  return typeof value === 'string' && (CATEGORY_CODES as readonly string[]).includes(value);
}

export const CHANNELS = ['hotline', 'app', 'web', 'wechat', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];
