import type { CategoryCode } from '@pipeline/contracts';
import { compareDetails, extractFeatures, type RepeatFeatures, type SpotNumbers } from './repeat-features';
import { DocumentFrequencies, cosine, type TermVector, type WeightedVector } from './text-similarity';

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

/** What the linker reads from a complaint, computed once, with its TF-IDF weights once weighed. */
type Features = RepeatFeatures & { vector?: WeightedVector; weighedAt?: number };

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

function haversineMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
