import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseProcedure, CaseStateCode, CategoryCode } from '@pipeline/contracts';
import { DeadlineExtensionDto, DeadlineViewDto } from '../deadlines/deadline-view.dto';
import type { CaseDecision, ExecutionResult, LegalReviewGround, PartyResponse, PartyType, PenaltyNotice, ServiceMethod } from '../procedure/case-decisions';
import type { CaseAction, PenaltyRequirement, TransitionRequirements } from '../procedure/case-transitions';
import type { AllowedAction, CaseSnapshot, TransitionRecord } from '../procedure/case-state-machine';
import { DocumentRefDto, OfficerDto } from './transition.dto';

// The answers of /api/v1/cases, as classes so the OpenAPI document describes them.
// Each implements the domain type it shows, so the two cannot drift apart.

/** The procedure's state with what later steps depend on. */
export class CaseSnapshotDto implements CaseSnapshot {
  readonly state!: CaseStateCode;
  readonly procedure!: CaseProcedure;
  readonly since?: Date | null;
  readonly suspendedFrom?: CaseStateCode | null;
  readonly partyType?: PartyType | null;
  @ApiPropertyOptional({ type: [OfficerDto] })
  readonly officers?: readonly OfficerDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: '送达的处罚告知（拟处罚内容、陈述申辩期限）' })
  readonly notice?: PenaltyNotice | null;
  readonly legalReviewDone?: boolean;
  readonly hearingHeld?: boolean;
  @ApiPropertyOptional({ type: [String] })
  readonly legalReviewGrounds?: readonly LegalReviewGround[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: '处罚决定或不予处罚决定（kind 区分）' })
  readonly decision?: CaseDecision | null;
}

/** One step of the case's history: who did what, when, on which documents. */
export class CaseHistoryEntryDto implements TransitionRecord {
  readonly action!: CaseAction;
  readonly from!: CaseStateCode;
  readonly to!: CaseStateCode;
  readonly actorId!: string;
  readonly at!: Date;
  readonly procedure!: CaseProcedure;
  readonly reason!: string | null;
  @ApiProperty({ type: [OfficerDto] })
  readonly officers!: readonly OfficerDto[];
  @ApiProperty({ type: [DocumentRefDto] })
  readonly documents!: readonly DocumentRefDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  readonly notice!: PenaltyNotice | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  readonly decision!: CaseDecision | null;
  readonly partyType!: PartyType | null;
  readonly partyResponse!: PartyResponse | null;
  readonly executionResult!: ExecutionResult | null;
  readonly serviceMethod!: ServiceMethod | null;
}

/** A case as stored (the list's items). */
export class CaseSummaryDto {
  readonly _id!: string;
  readonly complaintIds!: string[];
  readonly category!: CategoryCode;
  readonly procedure!: CaseProcedure;
  readonly state!: CaseStateCode;
  readonly hotspotAreaId!: string | null;
  readonly communityId!: string | null;
  readonly district!: string | null;
  readonly urgent!: boolean;
  /** The enforcement squad (中队) handling it; null until assigned. */
  readonly squadId!: string | null;
  readonly openedAt!: Date;
  readonly snapshot!: CaseSnapshotDto | null;
  readonly extensions!: DeadlineExtensionDto[];
  /** Deadlines already reported as breached (`<key>@<dueAt>`). */
  readonly breachedDeadlines!: string[];
  readonly history!: CaseHistoryEntryDto[];
}

export class CaseListDto {
  readonly items!: CaseSummaryDto[];
}

/** What a step needs: shown by the console's transition form. */
export class TransitionRequirementsDto implements TransitionRequirements {
  readonly reason?: boolean;
  readonly twoOfficers?: boolean;
  @ApiPropertyOptional({ type: [String], description: '须附的文书' })
  readonly documents?: readonly string[];
  readonly penalty?: PenaltyRequirement;
  readonly noPenaltyGround?: boolean;
  readonly partyResponse?: boolean;
  @ApiPropertyOptional({ type: [String] })
  readonly executionResult?: readonly ExecutionResult[];
}

export class AllowedActionDto implements AllowedAction {
  readonly action!: CaseAction;
  readonly to!: CaseStateCode;
  readonly label!: string;
}

export class OfferedActionDto extends AllowedActionDto {
  readonly requires!: TransitionRequirementsDto;
}

/** A case with its state, the steps allowed next and every deadline that applies now. */
export class CaseViewDto extends CaseSummaryDto {
  readonly stateLabel!: string;
  readonly allowedActions!: OfferedActionDto[];
  readonly deadlines!: DeadlineViewDto[];
}

export class OverdueCaseDto {
  readonly caseId!: string;
  readonly state!: CaseStateCode;
  readonly stateLabel!: string;
  readonly squadId!: string | null;
  readonly category!: CategoryCode;
  /** The bureau's missed deadlines, most overdue first. */
  readonly overdue!: DeadlineViewDto[];
}

export class OverdueCaseListDto {
  readonly items!: OverdueCaseDto[];
}

export class ExtensionResultDto {
  readonly caseId!: string;
  /** The extended deadline as it now stands. */
  readonly deadlines!: DeadlineViewDto[];
}

export class AssignmentResultDto {
  readonly caseId!: string;
  readonly squadId!: string | null;
}

export class TransitionResultDto {
  readonly caseId!: string;
  readonly state!: CaseStateCode;
  readonly stateLabel!: string;
  readonly allowedActions!: AllowedActionDto[];
}
