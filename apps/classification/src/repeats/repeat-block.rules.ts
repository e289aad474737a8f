import type { CategoryCode } from '@pipeline/contracts';
import { normalise } from '../text/normalise';
import { placeTokens } from './repeat-features';
import type { RepeatCandidate, RepeatLink, RepeatLinkerOptions, RepeatMatch } from './repeat-linker';

const DAY_MS = 86_400_000;
const METRES_PER_DEGREE = 111_320;
/** How long an excerpt of a complaint text may be, in characters. */
export const EXCERPT_LENGTH = 80;

export interface GeoBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/**
 * The stored complaints a new one can be a repeat of, as a store query: the
 * linker's categories and window, and any of the places the linker calls the
 * same (community, hotspot area, coordinates within reach, a road or
 * landmark named in both). A superset of what the linker compares: it
 * decides; the query only keeps the rest of the store out of memory.
 */
export interface CandidateBlock {
  categories: CategoryCode[];
  /** Reported at or after (the linker's window), … */
  from: Date;
  /** … and at or before the new complaint: a later report is never the first one. */
  to: Date;
  communityId: string | null;
  hotspotAreaId: string | null;
  box: GeoBox | null;
  placeTokens: string[];
}

/** The category and those the linker's options declare confusable with it. */
export function comparedCategories(category: CategoryCode, confusable: RepeatLinkerOptions['confusableCategories']): CategoryCode[] {
  const categories = new Set<CategoryCode>([category]);
  for (const [a, b] of confusable) {
    if (a === category) categories.add(b);
    if (b === category) categories.add(a);
  }
  return [...categories];
}

/** The roads and landmarks the linker reads in a complaint's address and text (the same composition as its own). */
export function placeTokensOf(text: string, address: string | null): string[] {
  return [...placeTokens(`${address ? normalise(address) : ''}|${normalise(text)}`)].sort();
}

/** A box holding every point within `metres` of `point` (a little wider, never narrower). */
export function geoBox(point: { lat: number; lng: number }, metres: number): GeoBox {
  const dLat = (metres / METRES_PER_DEGREE) * 1.01;
  const dLng = (metres / (METRES_PER_DEGREE * Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01))) * 1.01;
  return { minLat: point.lat - dLat, maxLat: point.lat + dLat, minLng: point.lng - dLng, maxLng: point.lng + dLng };
}

/** The block of a complaint, or null when nothing places it: then the linker would find no repeat anyway. */
export function candidateBlock(c: RepeatCandidate, tokens: readonly string[], options: Readonly<RepeatLinkerOptions>): CandidateBlock | null {
  if (!c.communityId && !c.hotspotAreaId && !c.location && tokens.length === 0) return null;
  return {
    categories: comparedCategories(c.category, options.confusableCategories),
    from: new Date(c.reportedAt.getTime() - options.windowDays * DAY_MS),
    to: c.reportedAt,
    communityId: c.communityId,
    hotspotAreaId: c.hotspotAreaId,
    box: c.location ? geoBox(c.location, options.nearMeters) : null,
    placeTokens: [...tokens],
  };
}

/** The start of a text for a list: whitespace folded, at most EXCERPT_LENGTH characters with the ellipsis. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length - 1).join('')}…`;
}

/** A stored complaint shown to an operator while filing, with the linker's verdict on it. */
export interface PossibleRepeat {
  id: string;
  reportedAt: string;
  excerpt: string;
  score: number;
  /** True when the linker would link the new complaint to it. */
  linked: boolean;
  /** The first report of its incident (itself when it is one). */
  repeatOf: string;
  reasons: string[];
}

export function possibleRepeat(match: RepeatMatch, stored: { reportedAt: Date; text: string }): PossibleRepeat {
  return {
    id: match.id,
    reportedAt: stored.reportedAt.toISOString(),
    excerpt: excerpt(stored.text),
    score: match.score,
    linked: match.linked,
    repeatOf: match.repeatOf,
    reasons: match.reasons,
  };
}

/** The linker's decision as the explanation of a classification says it. */
export function repeatExplanation(link: RepeatLink | null): string[] {
  if (!link) return [];
  return [`重复件：与首报 ${link.repeatOf} 为同一事件（得分 ${link.score}）`, ...link.reasons];
}
