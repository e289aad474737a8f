import type { CategoryCode } from '@pipeline/contracts';
import { normalise } from '../text/normalise';
import { DocumentFrequencies, characterNgrams, cosine, similaritySegments, type TermVector, type WeightedVector } from './text-similarity';

/** A complaint as the repeat linker sees it: what, when and where. */
export interface RepeatCandidate {
  id: string;
  text: string;
  category: CategoryCode;
  reportedAt: Date;
  hotspotAreaId: string | null;
  communityId: string | null;
  location: { lat: number; lng: number } | null;
  address: string | null;
  /**
   * Only for add(): the first report of this complaint's incident when the
   * caller already knows it (history loaded from the store, a clerk's
   * correction). Left out, add() uses what findRepeatOf() decided.
   */
  repeatOf?: string | null;
}

export interface RepeatLinkerOptions {
  /** Only complaints reported at most this many days earlier are compared (重复件 window, commonly 30). */
  windowDays: number;
  /** Two reports whose coordinates lie within this many metres are at the same place. */
  nearMeters: number;
  /** The score a match needs: text similarity plus the evidence bonuses, minus the penalties (see RepeatLinker). */
  linkThreshold: number;
  /** The text similarity a match needs whatever its evidence: shared numbers and cues never link alone. */
  minTextSimilarity: number;
  /** Added when both name the same building, unit, room or house number, or the same kind of shop. */
  sameDetailBonus: number;
  /**
   * Subtracted when both name a building (or unit, room, house number) and
   * the numbers differ: 9号楼 and 12号楼 are two spots. The default outweighs
   * any text similarity, so in effect two numbers that differ never link.
   */
  differentNumberPenalty: number;
  /** Subtracted when both name a kind of shop and they differ (眼镜店 / 奶茶店): weaker, as shops are described loosely. */
  differentShopPenalty: number;
  /** Added when the new report says it was reported before (再次反映, 上次打热线, 此前已在网上反映 …). */
  earlierReportBonus: number;
  /** Added when the new report says the problem goes on (还是, 仍未解决, 又…了): weak, a first report says so too. */
  persistsBonus: number;
  /** Reports this many days apart or less are compared on text and evidence alone. */
  freshDays: number;
  /**
   * Subtracted per day beyond freshDays when the new report does not say it
   * was reported before: a recurring nuisance (litter on a beach, a dirty
   * toilet) reported weeks later by someone else is most often a new
   * occurrence, not the same one.
   */
  stalePenaltyPerDay: number;
  /** Category pairs also compared with each other (a repeat filed under a neighbouring category). */
  confusableCategories: readonly (readonly [CategoryCode, CategoryCode])[];
}

export const DEFAULT_REPEAT_LINKER_OPTIONS: Readonly<RepeatLinkerOptions> = Object.freeze({
  windowDays: 30,
  nearMeters: 300,
  linkThreshold: 0.3,
  minTextSimilarity: 0.05,
  sameDetailBonus: 0.2,
  differentNumberPenalty: 1,
  differentShopPenalty: 0.3,
  earlierReportBonus: 0.25,
  persistsBonus: 0.15,
  freshDays: 14,
  stalePenaltyPerDay: 0.01,
  confusableCategories: [],
});

/** One earlier complaint compared with a new one. */
export interface RepeatMatch {
  /** The earlier complaint compared. */
  id: string;
  /** The first report of that complaint's incident: what a link points to. */
  repeatOf: string;
  score: number;
  textSimilarity: number;
  /** True when the match is good enough to link. */
  linked: boolean;
  /** Why, in words a clerk reads. */
  reasons: string[];
}

export interface RepeatLink {
  repeatOf: string;
  score: number;
  reasons: string[];
}

// --- what a complaint says about itself ------------------------------------

// Words saying the complaint was reported before: a reference to an earlier
// report (上次打热线, 此前已在网上反映, 第三次反映). Matched on normalised
// text, where 第三次 is 第3次. No match crosses a punctuation mark.
const EARLIER_REPORT_CUE = new RegExp(
  [
    '再次(?:来电)?反映',
    '再反映',
    '第\\d+次(?:来电)?(?:反映|投诉)',
    '(?:反映|投诉)(?:两|\\d+)[回次]',
    '(?:多次|又1次|再1次)(?:反映|投诉)',
    '(?:上次|上回|之前|此前|前面|前几天|几天前|数日前|前天|昨天|上周|上礼拜|上个月|半个?月前|已经|已|曾)[^\\p{P}]{0,10}?' +
      '(?:反映|投诉|举报|报修|上报|打过|打了|打[^\\p{P}]{0,2}(?:热线|电话|\\d{5})|说过|发的|发过)',
  ].join('|'),
  'gu',
);

// "已向物业反映", "已给热力公司打过电话": told the property company or the
// utility, which a first report says as often as not. Not a report to us.
const TOLD_SOMEONE_ELSE = /物业|社区|居委|热力|供热|燃气|管家|业主群|施工方|店主|老板|领队|商家|开发商|厂家|房东/;

// Words saying the problem goes on (还是, 仍未解决, 又…了). A first report says
// "the wall was painted last month and is dirty again" as often, so these
// count for little.
const PERSISTS_CUE = /还是|仍然|仍未|仍在|依然|照旧|照样|老样子|还在|还没人管|至今|又[^\p{P}]{1,6}了/u;

// Words saying the complaint is about something else than an earlier one.
const DIFFERENT_INCIDENT_CUE = /不是1回事|不是同1[个件处家]|这是另外1[处个家件]|另外1[处家]|另1处|另1家店/;

const DISTRICT_PREFIX = /(?:市南|市北|李沧|崂山|城阳|黄岛|即墨)区|(?:胶州|平度|莱西)市|西海岸新区|青岛市?/g;

// Generic words that end like a road or a landmark but name none.
const GENERIC_PLACE_WORDS = [
  '马路', '小路', '道路', '公路', '辅路', '铁路', '土路', '大路', '岔路', '主路', '环路', '老路', '半路', '走路', '过路',
  '让路', '修路', '出路', '水泥路', '步行街', '美食街', '海水浴场', '大街', '沿街', '临街', '逛街', '上街', '满街', '整街', '当街', '后街',
  '中心广场', '小广场', '广场舞', '农贸市场', '菜市场', '夜市场', '老小区', '新小区', '老旧小区', '的桥', '过桥', '天桥', '立交桥',
];

// A road (路 / 街 / 巷 / 大道) or a landmark: up to three characters of name
// before the suffix. A direction or a number just before 路 (东路, 3路) is
// part of the name, so the token then takes more characters before it.
const ROAD_SUFFIX = /大道|路|街|巷/g;
const LANDMARK_SUFFIX = /小区|社区|花园|家园|新苑|公寓|大厦|广场|公园|市场|大集|浴场|沙滩|海滩|车站|北站|公厕|古城|立交|商场|码头|景区|河|湾|桥/g;
const DIRECTION = /[东西南北中]/;
const NOT_IN_A_NAME = /[的了是在和与到从往向对着过那这个们我你他她它把被给让就都也还又再很太、路街巷道]/;

/** Names of roads and landmarks in a normalised text: `昆仑山路`, `台东3路`, `白沙河`, `龙山小区`. */
export function placeTokens(normalised: string): Set<string> {
  const text = normalised.replace(DISTRICT_PREFIX, '|');
  const tokens = new Set<string>();
  for (const suffix of [ROAD_SUFFIX, LANDMARK_SUFFIX]) {
    for (const match of text.matchAll(suffix)) {
      const end = match.index + match[0].length;
      let nameEnd = match.index;
      // A number (台东3路) or a direction (郑州东路) before the suffix is
      // part of the name but says nothing on its own.
      if (/\d/.test(text[nameEnd - 1] ?? '')) while (nameEnd > 0 && /\d/.test(text[nameEnd - 1])) nameEnd--;
      else if (DIRECTION.test(text[nameEnd - 1] ?? '')) nameEnd--;
      let nameStart = nameEnd;
      while (nameStart > 0 && nameEnd - nameStart < 3 && /[\p{Script=Han}\d]/u.test(text[nameStart - 1]) && !NOT_IN_A_NAME.test(text[nameStart - 1])) nameStart--;
      if (nameEnd - nameStart < 2) continue;
      // The two- and three-character forms: 仑山路 and 昆仑山路 are one road
      // to a writer who drops the first character, 郑州东路 never 兰州东路.
      for (let start = nameStart; start <= nameEnd - 2; start++) {
        const token = text.slice(start, end);
        if (GENERIC_PLACE_WORDS.some((word) => token.endsWith(word))) continue;
        if (/路.*路|街.*街/.test(token)) continue;
        tokens.add(token);
      }
    }
  }
  return tokens;
}

/** The numbers that identify a spot: building, unit, room, house number. */
export interface SpotNumbers {
  building: Set<string>;
  unit: Set<string>;
  room: Set<string>;
  house: Set<string>;
}

const SPOT_NUMBER_LABELS: Readonly<Record<keyof SpotNumbers, string>> = { building: '号楼', unit: '单元', room: '户', house: '号' };

/** Building (9号楼, 9栋), unit (1单元), room (3单元402) and house (158号院, 九水路158号) numbers. */
export function spotNumbers(normalised: string): SpotNumbers {
  const numbers: SpotNumbers = { building: new Set(), unit: new Set(), room: new Set(), house: new Set() };
  for (const m of normalised.matchAll(/(\d+)(?:号楼|栋|幢|号楼?(?=\d+单元))/g)) numbers.building.add(m[1]);
  for (const m of normalised.matchAll(/(\d+)单元(\d{3,4})?/g)) {
    numbers.unit.add(m[1]);
    if (m[2]) numbers.room.add(m[2]);
  }
  for (const m of normalised.matchAll(/(\d{3,4})(?:室|户)/g)) numbers.room.add(m[1]);
  for (const m of normalised.matchAll(/(?:路|街|巷)(\d+)号(?!楼)|(\d+)号院/g)) numbers.house.add(m[1] ?? m[2]);
  return numbers;
}

// The kind of shop, from the one or two characters before 店 / 饭店 …: 眼镜店
// and 奶茶店 are two shops; 海鲜饭店 and 海鲜酒店 are one. Longest suffix first.
const SHOP_SUFFIX = /饭店|酒店|酒楼|餐厅|餐馆|饭馆|超市|药房|店|馆/g;
const NOT_A_SHOP_NAME = /[家个这那该此的1几多些两每店馆门、]/;

/** Kinds of shop named in a normalised text: `眼镜`, `奶茶`, `海鲜`. */
export function shopKinds(normalised: string): Set<string> {
  const kinds = new Set<string>();
  for (const match of normalised.matchAll(SHOP_SUFFIX)) {
    let start = match.index;
    while (start > 0 && match.index - start < 2 && /\p{Script=Han}/u.test(normalised[start - 1]) && !NOT_A_SHOP_NAME.test(normalised[start - 1])) start--;
    if (start < match.index) kinds.add(normalised.slice(start, match.index));
  }
  return kinds;
}

// --- the index --------------------------------------------------------------

interface Entry {
  id: string;
  root: string;
  category: CategoryCode;
  reportedAt: number;
  hotspotAreaId: string | null;
  communityId: string | null;
  location: { lat: number; lng: number } | null;
  places: Set<string>;
  numbers: SpotNumbers;
  shops: Set<string>;
  terms: TermVector;
  vector?: WeightedVector;
  weighedAt?: number;
  blockKeys: string[];
}

/** What the linker reads from a complaint, computed once. */
interface Features {
  places: Set<string>;
  numbers: SpotNumbers;
  shops: Set<string>;
  terms: TermVector;
  vector?: WeightedVector;
  weighedAt?: number;
  cues: RepeatCues;
}

const DAY_MS = 86_400_000;
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = 111_320;

/**
 * Finds the first report of the incident a new complaint reports again
 * (重复件).
 *
 * Blocking: a complaint is compared only with complaints reported at most
 * windowDays before it (any report of an incident keeps the incident in
 * reach), of the same category, at the same place: the same community, the
 * same hotspot area, coordinates within nearMeters, or a road or landmark
 * named in both. Two different communities or areas are never the same place.
 *
 * Score of each candidate, all terms shown to the clerk in `reasons`:
 *   character 2-3-gram TF-IDF cosine of address + text (boilerplate removed)
 *   + sameDetailBonus       same building / unit / room / house number or shop kind
 *   − differentNumberPenalty, differentShopPenalty   they name different ones
 *   + earlierReportBonus    "再次反映", "上次打热线" … (or persistsBonus: "还是", "又…了")
 *   − stalePenaltyPerDay    per day beyond freshDays, unless an earlier report is mentioned
 * The best candidate links if its score reaches linkThreshold and its text
 * similarity minTextSimilarity, unless the new complaint says it is about
 * something else ("不是一回事"). The link points at the root of the
 * candidate's incident, so chains of reports all point at the first one.
 *
 * Complaints are fed in reportedAt order, findRepeatOf() then add(); entries
 * older than the window are evicted as time advances, so memory holds one
 * window of complaints.
 */
export class RepeatLinker {
  readonly options: Readonly<RepeatLinkerOptions>;
  private readonly frequencies = new DocumentFrequencies();
  private readonly byId = new Map<string, Entry>();
  /** category → block key → entries. */
  private readonly blocks = new Map<CategoryCode, Map<string, Set<Entry>>>();
  /** Entries in the order added, for eviction; removed ones are skipped. */
  private readonly queue: Entry[] = [];
  private queueHead = 0;
  private readonly comparedWith: ReadonlyMap<CategoryCode, readonly CategoryCode[]>;
  private readonly gridLat: number;
  private readonly gridLng: number;
  private lastDecision: { id: string; repeatOf: string | null } | null = null;
  private featureCache: { id: string; text: string; address: string | null; features: Features } | null = null;

  constructor(options: Partial<RepeatLinkerOptions> = {}) {
    this.options = Object.freeze({ ...DEFAULT_REPEAT_LINKER_OPTIONS, ...options });
    const compared = new Map<CategoryCode, CategoryCode[]>();
    for (const [a, b] of this.options.confusableCategories) {
      compared.set(a, [...(compared.get(a) ?? []), b]);
      compared.set(b, [...(compared.get(b) ?? []), a]);
    }
    this.comparedWith = compared;
    // Grid cells at least nearMeters wide, so a 3×3 neighbourhood holds every
    // point within reach (a degree of longitude is ≥ half a degree of
    // latitude up to 60° north: all of China).
    this.gridLat = this.options.nearMeters / METRES_PER_DEGREE;
    this.gridLng = 2 * this.gridLat;
  }

  /** How many complaints are held for comparison. */
  get size(): number {
    return this.byId.size;
  }

  /** The first report of the incident `c` reports again, or null for a new incident. */
  findRepeatOf(c: RepeatCandidate): RepeatLink | null {
    const best = this.rankCandidates(c).find((m) => m.linked);
    this.lastDecision = { id: c.id, repeatOf: best?.repeatOf ?? null };
    return best ? { repeatOf: best.repeatOf, score: best.score, reasons: best.reasons } : null;
  }

  /**
   * Every earlier complaint at the same place in the window, best first,
   * with its score and reasons, whether or not it clears the threshold: what
   * intake shows an operator as possible repeats while filing.
   */
  rankCandidates(c: RepeatCandidate): RepeatMatch[] {
    const now = c.reportedAt.getTime();
    this.evictBefore(now - this.options.windowDays * DAY_MS);
    const features = this.lastFeatures(c);
    const matches: RepeatMatch[] = [];
    for (const entry of this.candidateEntries(c)) {
      if (entry.id === c.id || entry.reportedAt > now) continue;
      const match = this.compare(c, features, entry, now);
      if (match) matches.push(match);
    }
    return matches.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /** Remembers a complaint so that later ones are compared with it. */
  add(c: RepeatCandidate): void {
    if (this.byId.has(c.id)) this.remove(c.id);
    // Decided by the caller, by the findRepeatOf() just before, or now.
    const repeatOf =
      c.repeatOf !== undefined ? c.repeatOf : this.lastDecision?.id === c.id ? this.lastDecision.repeatOf : (this.findRepeatOf(c)?.repeatOf ?? null);
    const root = (repeatOf && this.byId.get(repeatOf)?.root) || repeatOf || c.id;
    const features = this.lastFeatures(c);
    this.frequencies.add(features.terms);
    const entry: Entry = {
      id: c.id,
      root,
      category: c.category,
      reportedAt: c.reportedAt.getTime(),
      hotspotAreaId: c.hotspotAreaId,
      communityId: c.communityId,
      location: c.location,
      places: features.places,
      numbers: features.numbers,
      shops: features.shops,
      terms: features.terms,
      // Weighed for the search just before; reweighed when the frequencies have moved.
      vector: features.vector,
      weighedAt: features.weighedAt,
      blockKeys: this.blockKeys(c, features.places, false),
    };
    this.byId.set(entry.id, entry);
    const blocks = this.blocksOf(entry.category);
    for (const key of entry.blockKeys) {
      const block = blocks.get(key) ?? new Set<Entry>();
      block.add(entry);
      blocks.set(key, block);
    }
    this.queue.push(entry);
  }

  /** Forgets a complaint (withdrawn, or about to be re-added with a corrected category or place). */
  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    const blocks = this.blocksOf(entry.category);
    for (const key of entry.blockKeys) {
      const block = blocks.get(key);
      block?.delete(entry);
      if (block?.size === 0) blocks.delete(key);
    }
  }

  // --- comparing --------------------------------------------------------------

  private compare(c: RepeatCandidate, f: Features, e: Entry, now: number): RepeatMatch | null {
    const place = this.samePlace(c, f, e);
    if (!place) return null;
    const o = this.options;
    const reasons: string[] = [place];
    const textSimilarity = cosine(this.weighted(f), this.weighted(e));
    reasons.push(`文本相似度 ${textSimilarity.toFixed(2)}`);
    let score = textSimilarity;

    const details = compareDetails(f, e);
    if (details.same.length > 0) {
      score += o.sameDetailBonus;
      reasons.push(`同一${details.same.join('、')}`);
    }
    if (details.differentNumbers.length > 0) {
      score -= o.differentNumberPenalty;
      reasons.push(`不同${details.differentNumbers.join('、')}`);
    }
    if (details.differentShops.length > 0) {
      score -= o.differentShopPenalty;
      reasons.push(`不同${details.differentShops.join('、')}`);
    }
    if (f.cues.earlierReport) {
      score += o.earlierReportBonus;
      reasons.push(`提及此前反映"${f.cues.earlierReport}"`);
    } else if (f.cues.persists) {
      score += o.persistsBonus;
      reasons.push(`含"${f.cues.persists}"`);
    }
    const days = (now - e.reportedAt) / DAY_MS;
    if (!f.cues.earlierReport && days > o.freshDays) {
      score -= o.stalePenaltyPerDay * (days - o.freshDays);
      reasons.push(`相隔 ${Math.floor(days)} 天且未提及此前反映`);
    }
    let linked = score >= o.linkThreshold && textSimilarity >= o.minTextSimilarity;
    if (f.cues.differentIncident) {
      linked = false;
      reasons.push(`自述"${f.cues.differentIncident}"`);
    }
    return { id: e.id, repeatOf: e.root, score: round(score), textSimilarity: round(textSimilarity), linked, reasons };
  }

  /** Why two complaints are at the same place, or null when they are not (or cannot be told apart). */
  private samePlace(c: RepeatCandidate, f: Features, e: Entry): string | null {
    // Two different named places are never one spot, whatever else agrees.
    if (c.communityId && e.communityId && c.communityId !== e.communityId) return null;
    if (c.hotspotAreaId && e.hotspotAreaId && c.hotspotAreaId !== e.hotspotAreaId) return null;
    if (c.communityId && c.communityId === e.communityId) return `同一小区 ${c.communityId}`;
    if (c.location && e.location) {
      const metres = haversineMetres(c.location, e.location);
      if (metres <= this.options.nearMeters) return `相距 ${Math.round(metres)} 米`;
    }
    const shared = [...f.places].filter((token) => e.places.has(token)).sort((a, b) => b.length - a.length);
    if (shared.length > 0) return `同一地点 ${shared[0]}`;
    if (c.hotspotAreaId && c.hotspotAreaId === e.hotspotAreaId) return `同一热点区域 ${c.hotspotAreaId}`;
    return null;
  }

  /**
   * The TF-IDF vector of a complaint, reweighed only when the document
   * frequencies have grown by a quarter since: weights barely move between
   * two complaints, and reweighing every candidate on every query would make
   * a busy block quadratic.
   */
  private weighted(holder: { terms: TermVector; vector?: WeightedVector; weighedAt?: number }): WeightedVector {
    const documents = this.frequencies.size;
    if (!holder.vector || holder.weighedAt === undefined || documents > holder.weighedAt * 1.25 + 8) {
      holder.vector = this.frequencies.weigh(holder.terms);
      holder.weighedAt = documents;
    }
    return holder.vector;
  }

  private candidateEntries(c: RepeatCandidate): Set<Entry> {
    const found = new Set<Entry>();
    const keys = this.blockKeys(c, this.lastFeatures(c).places, true);
    for (const category of [c.category, ...(this.comparedWith.get(c.category) ?? [])]) {
      const blocks = this.blocks.get(category);
      if (!blocks) continue;
      for (const key of keys) for (const entry of blocks.get(key) ?? []) found.add(entry);
    }
    return found;
  }

  /** The blocks a complaint is filed under; a query also looks in the neighbouring grid cells. */
  private blockKeys(c: RepeatCandidate, places: ReadonlySet<string>, neighbours: boolean): string[] {
    const keys: string[] = [];
    if (c.communityId) keys.push(`c:${c.communityId}`);
    if (c.hotspotAreaId) keys.push(`h:${c.hotspotAreaId}`);
    if (c.location) {
      const row = Math.floor(c.location.lat / this.gridLat);
      const col = Math.floor(c.location.lng / this.gridLng);
      const reach = neighbours ? 1 : 0;
      for (let dr = -reach; dr <= reach; dr++) for (let dc = -reach; dc <= reach; dc++) keys.push(`g:${row + dr}:${col + dc}`);
    }
    for (const token of places) keys.push(`p:${token}`);
    return keys;
  }

  private blocksOf(category: CategoryCode): Map<string, Set<Entry>> {
    let blocks = this.blocks.get(category);
    if (!blocks) {
      blocks = new Map();
      this.blocks.set(category, blocks);
    }
    return blocks;
  }

  private evictBefore(cutoff: number): void {
    while (this.queueHead < this.queue.length && this.queue[this.queueHead].reportedAt < cutoff) {
      const entry = this.queue[this.queueHead++];
      if (this.byId.get(entry.id) === entry) this.remove(entry.id);
    }
    // Drop the evicted prefix now and then, so the queue stays as long as the window.
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  /** Features of `c`, computed once for the findRepeatOf() + add() pair. */
  private lastFeatures(c: RepeatCandidate): Features {
    const cached = this.featureCache;
    if (cached && cached.id === c.id && cached.text === c.text && cached.address === c.address) return cached.features;
    const features = extractFeatures(c);
    this.featureCache = { id: c.id, text: c.text, address: c.address, features };
    return features;
  }
}

/** What a complaint says about earlier reports, each as the words found (or null). */
export interface RepeatCues {
  /** It was reported before: 再次反映, 上次打热线, 此前已在网上反映. */
  earlierReport: string | null;
  /** The problem goes on: 还是, 仍未解决, 又…了. */
  persists: string | null;
  /** It is not the incident reported before: 不是一回事, 这是另外一处. */
  differentIncident: string | null;
}

/** The cues in a complaint text, as written. */
export function repeatCues(text: string): RepeatCues {
  return cuesIn(normalise(text));
}

function cuesIn(normalised: string): RepeatCues {
  const found = (pattern: RegExp) => {
    const hit = pattern.exec(normalised)?.[0];
    return hit ? asWritten(hit) : null;
  };
  const earlier = [...normalised.matchAll(EARLIER_REPORT_CUE)].map((m) => m[0]).find((hit) => !TOLD_SOMEONE_ELSE.test(hit));
  return {
    earlierReport: earlier ? asWritten(earlier) : null,
    persists: found(PERSISTS_CUE),
    differentIncident: found(DIFFERENT_INCIDENT_CUE),
  };
}

function extractFeatures(c: RepeatCandidate): Features {
  const normalised = normalise(c.text);
  const where = `${c.address ? normalise(c.address) : ''}|${normalised}`;
  const cues = cuesIn(normalised);
  // The cue words say how the report was made, not what it is about; the
  // address says where, in the words of the one who reported it.
  const about = `${c.address ?? ''}|${normalised.replace(EARLIER_REPORT_CUE, '|')}`;
  return {
    places: placeTokens(where),
    numbers: spotNumbers(where),
    shops: shopKinds(normalised),
    terms: characterNgrams(similaritySegments(about)),
    cues,
  };
}

/** Same and different building / unit / room / house numbers and shop kinds, as short phrases. */
function compareDetails(f: Features, e: Entry): { same: string[]; differentNumbers: string[]; differentShops: string[] } {
  const same: string[] = [];
  const differentNumbers: string[] = [];
  const differentShops: string[] = [];
  for (const kind of Object.keys(SPOT_NUMBER_LABELS) as (keyof SpotNumbers)[]) {
    const mine = f.numbers[kind];
    const theirs = e.numbers[kind];
    if (mine.size === 0 || theirs.size === 0) continue;
    const label = SPOT_NUMBER_LABELS[kind];
    const shared = [...mine].filter((n) => theirs.has(n));
    if (shared.length > 0) same.push(`${shared[0]}${label}`);
    else differentNumbers.push(`${[...theirs][0]}${label}/${[...mine][0]}${label}`);
  }
  if (f.shops.size > 0 && e.shops.size > 0) {
    const shared = [...f.shops].filter((kind) => e.shops.has(kind));
    if (shared.length > 0) same.push(`${shared[0]}店`);
    else differentShops.push(`${[...e.shops][0]}店/${[...f.shops][0]}店`);
  }
  return { same, differentNumbers, differentShops };
}

function haversineMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A cue as a clerk reads it: normalise() turned the 一 of 另一处 and 又一次 into 1. */
function asWritten(cue: string): string {
  return cue.replace(/(?<=[同另外又再是])1|(?<!\d)1(?=[回处家个件次])/g, '一');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
