import { CATEGORIES, CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';

/** The one jurisdiction this server answers for. */
export const JURISDICTION_ID = 'qingdao.gov.cn';

/** GeoReport v2 attribute datatypes. */
export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface AttributeValue {
  key: string;
  name: string;
}

/** A question a civic app asks for one kind of complaint; the answer is appended to the complaint text. */
export interface ServiceAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** The question as shown to the citizen, and the label of the answer in the complaint text. */
  description: string;
  datatypeDescription: string | null;
  order: number;
  values: AttributeValue[];
  /** Inclusive bounds of a number answer. */
  range?: { min: number; max: number };
}

const YES_NO: AttributeValue[] = [
  { key: 'yes', name: '是' },
  { key: 'no', name: '否' },
];

/**
 * Questions whose answers change how a complaint is handled: danger to
 * people makes it urgent (domain.md §1: gas smell, a sign about to fall, a
 * fallen tree on the road), night work decides a noise case, the measured
 * room temperature a heating one. Other categories ask nothing.
 */
const ATTRIBUTES: Partial<Record<CategoryCode, ServiceAttribute[]>> = {
  gas: [
    {
      code: 'gas_smell', datatype: 'singlevaluelist', required: true, order: 1, values: YES_NO,
      description: '是否闻到燃气味',
      datatypeDescription: '闻到燃气味请立即关闭阀门、开窗通风，不要开关电器或使用明火；危及人身安全请拨打 119',
    },
  ],
  advertising: [
    {
      code: 'fall_risk', datatype: 'singlevaluelist', required: true, order: 1, values: YES_NO,
      description: '是否有坠落风险',
      datatypeDescription: '招牌、广告牌松动、破损或倾斜，可能坠落伤人',
    },
  ],
  construction_site: [
    {
      code: 'work_period', datatype: 'singlevaluelist', required: false, order: 1,
      values: [
        { key: 'day', name: '白天' },
        { key: 'night', name: '夜间' },
      ],
      description: '施工时段',
      datatypeDescription: '夜间指 22 时至次日 6 时',
    },
  ],
  greenery: [
    {
      code: 'road_blocked', datatype: 'singlevaluelist', required: false, order: 1, values: YES_NO,
      description: '倒伏树木或断枝是否阻断道路',
      datatypeDescription: null,
    },
  ],
  heating: [
    {
      code: 'indoor_temperature', datatype: 'number', required: false, order: 1, values: [],
      description: '室内温度（℃）',
      datatypeDescription: '实测室内温度，单位 ℃，如 16.5',
      range: { min: -20, max: 40 },
    },
  ],
};

export function serviceAttributes(code: CategoryCode): ServiceAttribute[] {
  return ATTRIBUTES[code] ?? [];
}

/** One GeoReport service per complaint category, in the order of the taxonomy. */
export function serviceList() {
  return CATEGORY_CODES.map((code) => {
    const c = CATEGORIES[code];
    return {
      service_code: code,
      service_name: c.name,
      description: c.description,
      metadata: serviceAttributes(code).length > 0,
      type: 'realtime' as const,
      keywords: c.description.split('、').join(','),
      group: c.group,
    };
  });
}

export function serviceDefinition(code: CategoryCode) {
  return {
    service_code: code,
    attributes: serviceAttributes(code).map((a) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription,
      order: a.order,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}
