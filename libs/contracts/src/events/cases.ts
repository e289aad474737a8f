import { IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ArrayMinSize } from 'class-validator';
import { CATEGORY_CODES, type CategoryCode } from '../taxonomy';
import { COMMUNITY_ID, HOTSPOT_AREA_ID } from './common';

export const CASE_PROCEDURES = ['general', 'simple'] as const;
export type CaseProcedure = (typeof CASE_PROCEDURES)[number];

/** An enforcement case (立案 lead) was opened from one or more complaints. */
export class CaseOpenedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  caseId: string;

  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  complaintIds: string[];

  @IsIn(CATEGORY_CODES)
  category: CategoryCode;

  @IsIn(CASE_PROCEDURES)
  procedure: CaseProcedure;

  @IsString() @IsNotEmpty() @MaxLength(40)
  state: string;

  @IsOptional() @Matches(HOTSPOT_AREA_ID)
  hotspotAreaId?: string | null;

  @IsOptional() @Matches(COMMUNITY_ID)
  communityId?: string | null;

  @IsOptional() @IsString() @MaxLength(50)
  district?: string | null;

  @IsISO8601({ strict: true })
  openedAt: string;
}

/** A case moved from one procedural state to another. */
export class CaseStateChangedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  caseId: string;

  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  complaintIds: string[];

  @IsString() @IsNotEmpty() @MaxLength(40)
  from: string;

  @IsString() @IsNotEmpty() @MaxLength(40)
  to: string;

  @IsOptional() @IsString() @MaxLength(500)
  reason?: string | null;

  @IsISO8601({ strict: true })
  changedAt: string;
}

/** A case was closed (结案); `result` says how. */
export class CaseClosedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  caseId: string;

  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  complaintIds: string[];

  @IsString() @IsNotEmpty() @MaxLength(40)
  result: string;

  @IsString() @IsNotEmpty() @MaxLength(1000)
  summary: string;

  @IsISO8601({ strict: true })
  closedAt: string;
}

// The procedure's states live with the other terms the console shares; here for the payloads' users.
export { CASE_STATE_CODES, CASE_STATE_LABELS, type CaseStateCode } from '@pipeline/domain-terms';

/** A case was assigned (or reassigned) to an enforcement squad (中队). */
export class CaseAssignedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  caseId: string;

  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  complaintIds: string[];

  @IsString() @IsNotEmpty() @MaxLength(40)
  squadId: string;

  @IsOptional() @IsString() @MaxLength(40)
  previousSquadId?: string | null;

  @IsString() @IsNotEmpty() @MaxLength(200)
  reason: string;

  @IsString() @IsNotEmpty() @MaxLength(100)
  assignedBy: string;

  @IsISO8601({ strict: true })
  assignedAt: string;
}

/** A deadline of a case's procedure passed without the step it asks for (domain.md §3, D1–D15). */
export class CaseDeadlineBreachedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  caseId: string;

  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  complaintIds: string[];

  /** D1…D15 (with a suffix where one row has two clocks, e.g. D11.review). */
  @IsString() @IsNotEmpty() @MaxLength(40)
  deadline: string;

  @IsString() @IsNotEmpty() @MaxLength(100)
  name: string;

  @IsString() @IsNotEmpty() @MaxLength(40)
  state: string;

  @IsOptional() @IsString() @MaxLength(40)
  squadId?: string | null;

  @IsISO8601({ strict: true })
  dueAt: string;

  @IsISO8601({ strict: true })
  detectedAt: string;
}
