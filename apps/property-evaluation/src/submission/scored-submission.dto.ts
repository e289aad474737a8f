import { ApiProperty } from '@nestjs/swagger';
import type { IndicatorEntry, IndicatorScore } from '../scoring/evaluation.rules';
import type { SubmissionContent } from './submission.schema';

// A party's submission as the API answers it: the view is these classes, so
// the OpenAPI document and the console's types describe what the service returns.

export class IndicatorEntryDto implements IndicatorEntry {
  readonly code!: string;
  readonly score?: number;
  readonly faults?: number;
  readonly comment?: string;
}

/** An earlier revision, as handed in. */
export class SubmissionContentDto implements SubmissionContent {
  @ApiProperty({ type: [IndicatorEntryDto] })
  readonly indicators!: IndicatorEntryDto[];
  readonly vetoes!: string[];
  readonly comment!: string | null;
  readonly submittedBy!: string;
  readonly submittedAt!: Date;
  readonly revision!: number;
}

export class IndicatorScoreDto implements IndicatorScore {
  readonly code!: string;
  readonly name!: string;
  readonly category!: string;
  readonly maxScore!: number;
  readonly faults!: number | null;
  readonly score!: number;
  readonly comment!: string | null;
}

/** A submission with its scores worked out under the period's scheme. */
export class ScoredSubmissionDto {
  readonly id!: string;
  readonly communityId!: string;
  readonly party!: string;
  readonly partyName!: string;
  readonly revision!: number;
  readonly submittedBy!: string;
  readonly submittedAt!: Date;
  readonly comment!: string | null;
  readonly vetoes!: string[];
  @ApiProperty({ type: [IndicatorScoreDto] })
  readonly items!: IndicatorScoreDto[];
  /** Points earned over points possible, × 100. */
  readonly score!: number;
  /** Earlier revisions, oldest first. */
  @ApiProperty({ type: [SubmissionContentDto] })
  readonly history!: SubmissionContentDto[];
}
