import { ApiProperty } from '@nestjs/swagger';
import type { PeriodStatus } from '../period/period.schema';
import type { Card, CardDecision, ExitDecision, TermStatus } from '../scoring/evaluation.rules';

// A community's result as the API answers it (ranking rows, the record's
// result, the companies table): the views are these classes, so the OpenAPI
// document and the console's types describe what the service returns.

export class ScoreChangeDto {
  readonly sincePrevious!: number | null;
  readonly sinceStart!: number | null;
  /** The first rated period, the campaign's start for this community. */
  readonly startPeriod!: string | null;
}

export class CodeNameDto {
  readonly code!: string;
  readonly name!: string;
}

export class CardViewDto implements CardDecision {
  readonly card!: Card;
  readonly label!: string;
  readonly reasons!: string[];
  readonly consecutiveCards!: number;
}

export class ExitViewDto implements ExitDecision {
  readonly meets!: boolean;
  readonly consecutive!: number;
  readonly leavesFocusList!: boolean;
}

/** One party's part of the score, with its arithmetic in words. */
export class TermViewDto {
  readonly party!: string;
  readonly partyName!: string;
  readonly status!: TermStatus;
  readonly statusLabel!: string;
  readonly weight!: number;
  readonly effectiveWeight!: number;
  readonly score!: number | null;
  readonly contribution!: number;
  readonly arithmetic!: string;
}

export class ResultViewDto {
  readonly period!: string;
  readonly communityId!: string;
  readonly name!: string;
  readonly district!: string;
  readonly households!: number;
  readonly propertyCompanyId!: string;
  readonly propertyCompanyName!: string;
  readonly onFocusList!: boolean;
  readonly schemeVersion!: number;
  readonly score!: number;
  readonly grade!: string;
  readonly gradeName!: string;
  /** Among all communities of the period; null when it could not be rated. */
  readonly rank!: number | null;
  readonly change!: ScoreChangeDto;
  readonly complete!: boolean;
  readonly rated!: boolean;
  readonly presentWeight!: number;
  @ApiProperty({ type: [CodeNameDto] })
  readonly missingParties!: CodeNameDto[];
  @ApiProperty({ type: [CodeNameDto] })
  readonly vetoes!: CodeNameDto[];
  readonly card!: CardViewDto;
  readonly exit!: ExitViewDto;
  readonly propertyComplaintsPerHundredHouseholds!: number;
  @ApiProperty({ type: [TermViewDto] })
  readonly terms!: TermViewDto[];
  /** Sum of the rounded contributions ≈ the score (the unrounded sum may differ by a cent). */
  readonly total!: string;
  /** The published revision; null while nothing is published. */
  readonly revision!: number | null;
  readonly final!: boolean;
  readonly evaluatedAt!: Date;
}

export class RankingDto {
  readonly period!: string;
  readonly status!: PeriodStatus;
  readonly statusLabel!: string;
  readonly schemeVersion!: number;
  /** The period is closed: these are the final results. */
  readonly final!: boolean;
  /** Communities ranked (before the filters). */
  readonly total!: number;
  @ApiProperty({ type: [ResultViewDto] })
  readonly rows!: ResultViewDto[];
}

export class CompanyRowDto {
  readonly propertyCompanyId!: string;
  readonly propertyCompanyName!: string;
  readonly communities!: number;
  readonly rated!: number;
  readonly averageScore!: number | null;
  readonly lowestScore!: number | null;
  /** Communities per grade name. */
  readonly grades!: Record<string, number>;
  readonly yellowCards!: number;
  readonly redCards!: number;
  readonly communityIds!: string[];
}

export class CompanyTableDto {
  readonly period!: string;
  readonly status!: PeriodStatus;
  readonly final!: boolean;
  @ApiProperty({ type: [CompanyRowDto] })
  readonly rows!: CompanyRowDto[];
}
