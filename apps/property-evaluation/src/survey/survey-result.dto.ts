import type { AnswerTally, SurveyResult } from '../scoring/evaluation.rules';

// The owners' survey as the API answers it (its own page, the record, a response's progress).

export class AnswerTallyDto implements AnswerTally {
  readonly satisfied!: number;
  readonly basically_satisfied!: number;
  readonly dissatisfied!: number;
}

export class SurveyResultDto implements SurveyResult {
  readonly households!: number;
  /** Households that answered. */
  readonly respondents!: number;
  readonly required!: number;
  readonly sufficient!: boolean;
  readonly answers!: AnswerTallyDto;
  /** Mean points over every answer to every question; null when the sample is too small. */
  readonly score!: number | null;
}

