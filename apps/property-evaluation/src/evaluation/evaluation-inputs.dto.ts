import type { Card } from '../scoring/evaluation.rules';
import { ScoredSubmissionDto } from '../submission/scored-submission.dto';
import { SurveyResultDto } from '../survey/survey-result.dto';

// What handing in scores or a survey answer returns.

/** The result a hand-in published, when it completed the community's parties. */
export class PublishedSummaryDto {
  readonly revision!: number;
  readonly final!: boolean;
  readonly score!: number;
  /** The grade's name. */
  readonly grade!: string;
  readonly card!: Card;
}

export class SubmitResultDto {
  readonly submission!: ScoredSubmissionDto;
  readonly published!: PublishedSummaryDto | null;
}

export class SurveyResponseResultDto {
  readonly householdRef!: string;
  readonly survey!: SurveyResultDto;
  readonly published!: PublishedSummaryDto | null;
}
