import type { CategoryCode, ComplaintOutcome } from '@pipeline/contracts';

// The dispatcher's queue and decisions as /api/v1/candidates answers them.

export class CandidateDto {
  complaintId!: string;
  category!: CategoryCode;
  categoryName!: string;
  urgent!: boolean;
  enforceable!: boolean;
  hotspotAreaId!: string | null;
  communityId!: string | null;
  district!: string | null;
  repeatOf!: string | null;
  reason!: string;
  ruleVersion!: string;
  ruleExplanation!: string | null;
  receivedAt!: Date;
  /** The lead's check deadline (D1, calendar days); null when the calendar lacks the year (see note). */
  checkDueAt!: string | null;
  overdue!: boolean;
  note?: string;
}

export class CandidateQueueDto {
  items!: CandidateDto[];
}

export class CandidateDecisionDto {
  complaintId!: string;
  outcome!: ComplaintOutcome;
  /** The case opened, when accepted. */
  caseId?: string;
}
