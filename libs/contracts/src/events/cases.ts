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
