import { CATEGORIES, type CategoryCode } from '@pipeline/contracts';
import type { Classification, PlaceMatch } from './complaint-classifier';
import { ENFORCEABLE_PRIOR } from './lexicon';
import type { TermHit } from './term-matcher';

/** A yes/no judgement, how sure it is (0.5..1) and the cues behind it. */
export interface Judgement {
  value: boolean;
  confidence: number;
  explanation: string[];
}

/** What a classifier decided, before it is laid out as a Classification. */
export interface Judgements {
  category: { code: CategoryCode; confidence: number; explanation: string[] };
  enforceable: Judgement;
  urgent: Judgement;
  place: PlaceMatch;
  /** Below this category confidence a person confirms the result. */
  reviewBelow: number;
  modelVersion: string;
}

/**
 * The Classification of a set of judgements: the one place where a result
 * is laid out, so the lexicon and the ensemble answer in the same shape (the
 * category's responsible body, the review flag, the enforceable prior named
 * first in its explanation).
 */
export function classificationOf(j: Judgements): Classification {
  const code = j.category.code;
  const confidence = { category: j.category.confidence, enforceable: j.enforceable.confidence, urgent: j.urgent.confidence };
  return {
    category: code,
    enforceable: j.enforceable.value,
    urgent: j.urgent.value,
    confidence,
    hotspotAreaId: j.place.hotspotAreaId,
    communityId: j.place.communityId,
    district: j.place.district,
    placeMethod: j.place.method,
    responsibleBody: CATEGORIES[code].responsibleBody,
    needsReview: confidence.category < j.reviewBelow,
    modelVersion: j.modelVersion,
    explanation: {
      category: j.category.explanation,
      enforceable: [`类别先验(${CATEGORIES[code].name})${signed(ENFORCEABLE_PRIOR[code])}`, ...j.enforceable.explanation],
      urgent: j.urgent.explanation,
      place: [describePlace(j.place)],
    },
  };
}

/** A lexicon term found and its weight, e.g. 占道经营+2. */
export function describeHit(hit: TermHit): string {
  return `${hit.term}${signed(hit.weight)}`;
}

export function describePlace(place: PlaceMatch): string {
  const ids = [place.hotspotAreaId, place.communityId].filter(Boolean).join('/');
  switch (place.method) {
    case 'coordinates':
      return `坐标落在 ${ids}`;
    case 'text':
      if (place.matchKind === 'typo') return `文本「${place.written}」近似「${place.matchedName}」→ ${ids}`;
      if (place.matchKind === 'suffix') return `文本提及「${place.matchedName}」（省略后缀）→ ${ids}`;
      return `文本提及「${place.matchedName}」→ ${ids}`;
    default:
      return '未能定位';
  }
}

/** A weight with its sign: +2, -0.5. */
export function signed(weight: number): string {
  return weight >= 0 ? `+${weight}` : `${weight}`;
}

/** Confidences are given to three decimals. */
export function roundConfidence(x: number): number {
  return Math.round(x * 1000) / 1000;
}
