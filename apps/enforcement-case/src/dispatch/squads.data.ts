/**
 * Enforcement squads (中队) per district — ILLUSTRATIVE reference data.
 *
 * The districts and subdistricts (街道) are those of libs/reference-data
 * (areas.geo.json 2024.1); every subdistrict there is covered by exactly one
 * squad of its district (a spec checks it). The squads themselves, their
 * names, their cut of the subdistricts and their capacities are invented for
 * the system's development: the real organisation of the district 综合行政执法
 * 大队 is to be loaded from the bureau. Capacity is the number of open cases
 * a squad handles comfortably, a dispatching hint, not a quota.
 *
 * Versioned like the area file: change the version with any change, so an
 * assignment can name the data it was suggested from.
 */
export const SQUADS_VERSION = '2024.1';

export interface Squad {
  /** `SQ-<district code>-<nn>`, stable across versions. */
  readonly id: string;
  readonly name: string;
  readonly district: string;
  readonly subdistricts: readonly string[];
  readonly capacity: number;
}

const squads: Squad[] = [
  // 市南区
  { id: 'SQ-SN-01', name: '市南区综合行政执法大队中山路中队', district: '市南区', subdistricts: ['中山路街道', '八大峡街道', '云南路街道'], capacity: 45 },
  { id: 'SQ-SN-02', name: '市南区综合行政执法大队八大关中队', district: '市南区', subdistricts: ['八大关街道', '江苏路街道', '湛山街道'], capacity: 35 },
  { id: 'SQ-SN-03', name: '市南区综合行政执法大队香港中路中队', district: '市南区', subdistricts: ['香港中路街道', '珠海路街道'], capacity: 40 },
  { id: 'SQ-SN-04', name: '市南区综合行政执法大队八大湖中队', district: '市南区', subdistricts: ['八大湖街道', '金门路街道'], capacity: 40 },
  // 市北区
  { id: 'SQ-SB-01', name: '市北区综合行政执法大队台东中队', district: '市北区', subdistricts: ['台东街道', '登州路街道', '辽宁路街道', '大港街道'], capacity: 50 },
  { id: 'SQ-SB-02', name: '市北区综合行政执法大队敦化路中队', district: '市北区', subdistricts: ['敦化路街道', '镇江路街道', '海伦路街道'], capacity: 40 },
  { id: 'SQ-SB-03', name: '市北区综合行政执法大队浮山新区中队', district: '市北区', subdistricts: ['浮山新区街道', '合肥路街道'], capacity: 40 },
  { id: 'SQ-SB-04', name: '市北区综合行政执法大队四方中队', district: '市北区', subdistricts: ['兴隆路街道', '洛阳路街道', '水清沟街道', '湖岛街道'], capacity: 45 },
  // 李沧区
  { id: 'SQ-LC-01', name: '李沧区综合行政执法大队李村中队', district: '李沧区', subdistricts: ['李村街道', '浮山路街道', '虎山路街道'], capacity: 45 },
  { id: 'SQ-LC-02', name: '李沧区综合行政执法大队沧口中队', district: '李沧区', subdistricts: ['振华路街道', '兴华路街道', '楼山街道', '湘潭路街道'], capacity: 45 },
  { id: 'SQ-LC-03', name: '李沧区综合行政执法大队九水中队', district: '李沧区', subdistricts: ['九水街道', '世园街道'], capacity: 30 },
  // 崂山区
  { id: 'SQ-LS-01', name: '崂山区综合行政执法大队金家岭中队', district: '崂山区', subdistricts: ['金家岭街道'], capacity: 40 },
  { id: 'SQ-LS-02', name: '崂山区综合行政执法大队中韩中队', district: '崂山区', subdistricts: ['中韩街道', '沙子口街道'], capacity: 40 },
  // 城阳区
  { id: 'SQ-CY-01', name: '城阳区综合行政执法大队城阳中队', district: '城阳区', subdistricts: ['城阳街道', '惜福镇街道'], capacity: 45 },
  { id: 'SQ-CY-02', name: '城阳区综合行政执法大队流亭中队', district: '城阳区', subdistricts: ['流亭街道', '夏庄街道'], capacity: 35 },
  { id: 'SQ-CY-03', name: '城阳区综合行政执法大队棘洪滩中队', district: '城阳区', subdistricts: ['棘洪滩街道', '红岛街道'], capacity: 30 },
  // 黄岛区（西海岸新区）
  { id: 'SQ-HD-01', name: '黄岛区综合行政执法大队长江路中队', district: '黄岛区', subdistricts: ['长江路街道'], capacity: 50 },
  { id: 'SQ-HD-02', name: '黄岛区综合行政执法大队薛家岛中队', district: '黄岛区', subdistricts: ['薛家岛街道', '黄岛街道'], capacity: 40 },
  { id: 'SQ-HD-03', name: '黄岛区综合行政执法大队辛安中队', district: '黄岛区', subdistricts: ['辛安街道', '红石崖街道'], capacity: 35 },
  { id: 'SQ-HD-04', name: '黄岛区综合行政执法大队灵山卫中队', district: '黄岛区', subdistricts: ['灵山卫街道', '隐珠街道'], capacity: 35 },
  // 即墨区
  { id: 'SQ-JM-01', name: '即墨区综合行政执法大队环秀中队', district: '即墨区', subdistricts: ['环秀街道', '潮海街道'], capacity: 40 },
  { id: 'SQ-JM-02', name: '即墨区综合行政执法大队通济中队', district: '即墨区', subdistricts: ['通济街道', '龙山街道'], capacity: 40 },
  // 胶州市
  { id: 'SQ-JZ-01', name: '胶州市综合行政执法大队三里河中队', district: '胶州市', subdistricts: ['三里河街道'], capacity: 40 },
  { id: 'SQ-JZ-02', name: '胶州市综合行政执法大队阜安中队', district: '胶州市', subdistricts: ['阜安街道'], capacity: 35 },
];

export const SQUADS: readonly Squad[] = Object.freeze(squads.map((s) => Object.freeze({ ...s, subdistricts: Object.freeze([...s.subdistricts]) })));
