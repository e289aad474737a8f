import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { COMMUNITY_ID } from './common';

/** An evaluation period: a calendar quarter in Asia/Shanghai, e.g. `2025Q1`. */
export const EVALUATION_PERIOD = /^\d{4}Q[1-4]$/;

export const EVALUATION_CARDS = ['none', 'yellow', 'red'] as const;
export type EvaluationCard = (typeof EVALUATION_CARDS)[number];

/**
 * A community's six-party evaluation result for a period: published when
 * every party is in (and again if a party resubmits while the period is open),
 * and as final when the authority closes the period.
 */
export class EvaluationResultPublishedV1 {
  @Matches(EVALUATION_PERIOD)
  period: string;

  @Matches(COMMUNITY_ID)
  communityId: string;

  @IsString() @IsNotEmpty() @MaxLength(64)
  propertyCompanyId: string;

  @IsInt() @Min(1)
  schemeVersion: number;

  /** 1, 2, 3… per community and period; a consumer keeps the highest. */
  @IsInt() @Min(1)
  revision: number;

  /** True once the period is closed: the result no longer changes. */
  @IsBoolean()
  final: boolean;

  @IsNumber() @Min(0) @Max(100)
  score: number;

  @IsString() @IsNotEmpty() @MaxLength(32)
  grade: string;

  @IsArray() @IsString({ each: true })
  vetoes: string[];

  /** Parties without a score (not submitted, or a survey below the minimum sample); their weight was renormalised. */
  @IsArray() @IsString({ each: true })
  missingParties: string[];

  @IsNumber() @Min(0)
  propertyComplaintsPerHundredHouseholds: number;

  @IsIn(EVALUATION_CARDS)
  card: EvaluationCard;

  @IsBoolean()
  leavesFocusList: boolean;

  @IsISO8601({ strict: true })
  evaluatedAt: string;
}
