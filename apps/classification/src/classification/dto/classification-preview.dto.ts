import type { CategoryCode, ResponsibleBody } from '@pipeline/contracts';
import type { Classification, ClassificationExplanation, PlaceMethod } from '../../classifier/complaint-classifier';
import type { PossibleRepeat } from '../../repeats/repeat-block.rules';
import type { Routing } from '../../routing/routing.rules';

// The dry run's answer (POST /api/v1/classify) as classes, each implementing
// the type it shows, so the API document and the console follow the code.

export class ClassificationConfidenceDto {
  category!: number;
  enforceable!: number;
  urgent!: number;
}

/** Why, in words: the cues behind each part of the verdict. */
export class ClassificationExplanationDto implements ClassificationExplanation {
  category!: string[];
  enforceable!: string[];
  urgent!: string[];
  place!: string[];
}

export class RoutingDto implements Routing {
  responsibleBody!: ResponsibleBody;
  /** The responsible body's name, e.g. 市南区综合行政执法中队. */
  name!: string;
}

export class PossibleRepeatDto implements PossibleRepeat {
  id!: string;
  reportedAt!: string;
  excerpt!: string;
  score!: number;
  /** True when the linker would link the new complaint to it. */
  linked!: boolean;
  /** The first report of its incident (itself when it is one). */
  repeatOf!: string;
  reasons!: string[];
}

export class ClassificationPreviewDto implements Classification {
  category!: CategoryCode;
  enforceable!: boolean;
  urgent!: boolean;
  confidence!: ClassificationConfidenceDto;
  hotspotAreaId!: string | null;
  communityId!: string | null;
  district!: string | null;
  placeMethod!: PlaceMethod;
  responsibleBody!: ResponsibleBody;
  needsReview!: boolean;
  modelVersion!: string;
  explanation!: ClassificationExplanationDto;
  routing!: RoutingDto;
  possibleRepeats!: PossibleRepeatDto[];
}
