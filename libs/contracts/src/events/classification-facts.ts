import type { CategoryCode, ResponsibleBody } from '../taxonomy';
import type { ComplaintClassificationCorrectedV1, ComplaintClassifiedV1 } from './complaints';

/**
 * What a classification says about a complaint, the classifier's or a
 * clerk's, with every optional fact present (null when not known): the part
 * each consumer keeps beside the complaint's id.
 */
export interface ClassificationFacts {
  category: CategoryCode;
  enforceable: boolean;
  urgent: boolean;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  repeatOf: string | null;
  responsibleBody: ResponsibleBody;
}

/** The classification facts of a classified or corrected event; an absent optional fact (older producers omit it) becomes null. */
export function classificationFacts(event: ComplaintClassifiedV1 | ComplaintClassificationCorrectedV1): ClassificationFacts {
  return {
    category: event.category,
    enforceable: event.enforceable,
    urgent: event.urgent,
    hotspotAreaId: event.hotspotAreaId ?? null,
    communityId: event.communityId ?? null,
    district: event.district ?? null,
    repeatOf: event.repeatOf ?? null,
    responsibleBody: event.responsibleBody,
  };
}
