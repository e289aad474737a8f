import type { CategoryCode, ResponsibleBody } from '@pipeline/contracts';

export interface GeoPointInput {
  lat: number;
  lng: number;
}

export interface ClassificationInput {
  text: string;
  address?: string | null;
  location?: GeoPointInput | null;
}

/** How the place was found: by point in polygon, by a name in the text, or not at all. */
export type PlaceMethod = 'coordinates' | 'text' | 'none';

export interface PlaceMatch {
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  method: PlaceMethod;
  /** The name or alias found in the text, as written in the reference data. */
  matchedName?: string;
  /** Set when the name was found through a variant: without its suffix, or with a one-character typo. */
  matchKind?: 'suffix' | 'typo';
  /** For a typo: the (normalised) text that was read as the name. */
  written?: string;
}

/** Why each judgement came out as it did: the cues found in the complaint. */
export interface ClassificationExplanation {
  category: string[];
  enforceable: string[];
  urgent: string[];
  place: string[];
}

export interface Classification {
  category: CategoryCode;
  enforceable: boolean;
  urgent: boolean;
  /** How sure the classifier is of each judgement, 0..1. */
  confidence: { category: number; enforceable: number; urgent: number };
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  placeMethod: PlaceMethod;
  responsibleBody: ResponsibleBody;
  /** True when a person should confirm the result. */
  needsReview: boolean;
  modelVersion: string;
  explanation: ClassificationExplanation;
}

/**
 * The seam between the classification service and a model: the keyword
 * classifier now, a trained one later. Implementations are pure and
 * synchronous; anything slow (loading a model) happens in the constructor.
 */
export interface ComplaintClassifier {
  classify(input: ClassificationInput): Classification;
}
