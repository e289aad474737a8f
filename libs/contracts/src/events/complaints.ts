import { Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { CATEGORY_CODES, CHANNELS, type CategoryCode, type Channel, type ResponsibleBody } from '../taxonomy';
import { COMMUNITY_ID, GeoPoint, HOTSPOT_AREA_ID } from './common';

const RESPONSIBLE_BODIES: ResponsibleBody[] = [
  'district_enforcement_squad', 'sanitation_department', 'landscaping_department', 'property_authority',
  'gas_company', 'heating_company', 'other_competent_body',
];

/**
 * A complaint was accepted by intake. Carries no personal information: the
 * caller is only a keyed reference (个人信息保护法 minimisation).
 */
export class ComplaintReceivedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  complaintId: string;

  @IsIn(CHANNELS)
  channel: Channel;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  text: string;

  @IsOptional() @IsString() @MaxLength(300)
  address?: string | null;

  @IsOptional() @ValidateNested() @Type(() => GeoPoint)
  location?: GeoPoint | null;

  @IsISO8601({ strict: true })
  reportedAt: string;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @IsOptional() @IsString() @MaxLength(128)
  callerRef?: string | null;

  @IsOptional() @IsString() @MaxLength(64)
  externalRef?: string | null;
}

/** How sure the classifier is of each judgement, 0..1. */
export class ClassificationConfidence {
  @IsNumber() @Min(0) @Max(1)
  category: number;

  @IsNumber() @Min(0) @Max(1)
  enforceable: number;

  @IsNumber() @Min(0) @Max(1)
  urgent: number;
}

export class ComplaintClassifiedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  complaintId: string;

  @IsIn(CATEGORY_CODES)
  category: CategoryCode;

  @IsBoolean()
  enforceable: boolean;

  @IsBoolean()
  urgent: boolean;

  @ValidateNested() @Type(() => ClassificationConfidence)
  confidence: ClassificationConfidence;

  @IsOptional() @Matches(HOTSPOT_AREA_ID)
  hotspotAreaId?: string | null;

  @IsOptional() @Matches(COMMUNITY_ID)
  communityId?: string | null;

  @IsOptional() @IsString() @MaxLength(50)
  district?: string | null;

  /** The first complaint about the same incident, when this one repeats it. */
  @IsOptional() @IsString() @MaxLength(64)
  repeatOf?: string | null;

  /** Where the complaint points, as received (optional within v1: decides whether the spot is identifiable). */
  @IsOptional() @ValidateNested() @Type(() => GeoPoint)
  location?: GeoPoint | null;

  @IsOptional() @IsString() @MaxLength(300)
  address?: string | null;

  @IsIn(RESPONSIBLE_BODIES)
  responsibleBody: ResponsibleBody;

  /** True when a person should confirm the result. */
  @IsBoolean()
  needsReview: boolean;

  @IsString() @IsNotEmpty() @MaxLength(64)
  modelVersion: string;

  @IsIn(CHANNELS)
  channel: Channel;

  @IsISO8601({ strict: true })
  reportedAt: string;

  @IsISO8601({ strict: true })
  receivedAt: string;
}

export const COMPLAINT_OUTCOMES = ['case', 'candidate', 'service_request', 'forwarded'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** The enforcement-case service decided what a classified complaint becomes. */
export class ComplaintOutcomeDecidedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  complaintId: string;

  @IsIn(COMPLAINT_OUTCOMES)
  outcome: ComplaintOutcome;

  @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;

  @IsOptional() @IsString() @MaxLength(64)
  caseId?: string | null;

  @IsString() @IsNotEmpty() @MaxLength(64)
  ruleVersion: string;

  @IsISO8601({ strict: true })
  decidedAt: string;
}

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

/** How a complaint was closed (办结). */
export const CLOSURE_KINDS = ['case_closed', 'handled', 'forwarded'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

/** A complaint was closed: its case was closed, or the operator recorded the handling result. */
export class ComplaintClosedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  complaintId: string;

  @IsIn(CLOSURE_KINDS)
  kind: ClosureKind;

  @IsString() @IsNotEmpty() @MaxLength(1000)
  resolution: string;

  @IsOptional() @IsString() @MaxLength(64)
  caseId?: string | null;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @IsISO8601({ strict: true })
  closedAt: string;
}

/** The hotline called the complainant back (回访) after closure. */
export class ComplaintCallbackRecordedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  complaintId: string;

  @IsBoolean()
  resolved: boolean;

  @IsIn(SATISFACTION_LEVELS)
  satisfaction: Satisfaction;

  /** An unsatisfied callback sends the complaint back for follow-up (重办). */
  @IsBoolean()
  reopened: boolean;

  @IsOptional() @IsIn(CATEGORY_CODES)
  category?: CategoryCode | null;

  @IsOptional() @Matches(HOTSPOT_AREA_ID)
  hotspotAreaId?: string | null;

  @IsOptional() @Matches(COMMUNITY_ID)
  communityId?: string | null;

  @IsISO8601({ strict: true })
  recordedAt: string;
}

/** What a judgement was before a person corrected it. */
export class PreviousClassification {
  @IsIn(CATEGORY_CODES)
  category: CategoryCode;

  @IsBoolean()
  enforceable: boolean;

  @IsBoolean()
  urgent: boolean;

  @IsOptional() @Matches(HOTSPOT_AREA_ID)
  hotspotAreaId?: string | null;

  @IsOptional() @Matches(COMMUNITY_ID)
  communityId?: string | null;
}

/**
 * A clerk reclassified a complaint. Carries the full corrected judgement
 * (consumers replace what they had) and what it replaced.
 */
export class ComplaintClassificationCorrectedV1 {
  @IsString() @IsNotEmpty() @MaxLength(64)
  complaintId: string;

  @IsIn(CATEGORY_CODES)
  category: CategoryCode;

  @IsBoolean()
  enforceable: boolean;

  @IsBoolean()
  urgent: boolean;

  @IsOptional() @Matches(HOTSPOT_AREA_ID)
  hotspotAreaId?: string | null;

  @IsOptional() @Matches(COMMUNITY_ID)
  communityId?: string | null;

  @IsOptional() @IsString() @MaxLength(50)
  district?: string | null;

  @IsOptional() @IsString() @MaxLength(64)
  repeatOf?: string | null;

  @IsIn(RESPONSIBLE_BODIES)
  responsibleBody: ResponsibleBody;

  @ValidateNested() @Type(() => PreviousClassification)
  previous: PreviousClassification;

  /** When the complaint was reported: consumers file it in its period even if they never saw it. */
  @IsISO8601({ strict: true })
  reportedAt: string;

  /** Who corrected it (a user reference, never a name). */
  @IsString() @IsNotEmpty() @MaxLength(100)
  correctedBy: string;

  @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;

  @IsISO8601({ strict: true })
  correctedAt: string;
}
