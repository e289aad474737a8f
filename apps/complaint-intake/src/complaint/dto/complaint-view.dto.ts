import type { CategoryCode, Channel, ClosureKind, ComplaintOutcome, ResponsibleBody, Satisfaction } from '@pipeline/contracts';
import type { TimelineKind } from '../../timeline/timeline.schema';
import type { ComplaintStatus } from '../complaint-status.rules';
import type { ComplaintDeadline } from '../deadline.rules';

// The answers of /api/v1/complaints, as classes so the OpenAPI document (and
// the console's types) describe what complaint.view.ts returns.

/** The caller as an operator sees them: masked unless revealed; after the retention period only the notice. */
export class CallerViewDto {
  name!: string | null;
  phone!: string | null;
  anonymous!: boolean;
  masked!: boolean;
  /** True once the retention job erased the identity: `name` then holds the notice 已按保存期限匿名化. */
  anonymised!: boolean;
}

export class ComplaintLocationDto {
  lat!: number;
  lng!: number;
}

export class ComplaintAttachmentDto {
  url!: string;
  contentType!: string;
}

export class ComplaintClassificationViewDto {
  category!: CategoryCode;
  categoryName!: string;
  enforceable!: boolean;
  urgent!: boolean;
  hotspotAreaId!: string | null;
  hotspotAreaName!: string | null;
  communityId!: string | null;
  communityName!: string | null;
  district!: string | null;
  responsibleBody!: ResponsibleBody;
  responsibleBodyName!: string;
  needsReview!: boolean;
  classifiedAt!: Date;
}

export class ComplaintOutcomeViewDto {
  outcome!: ComplaintOutcome;
  reason!: string;
  decidedAt!: Date;
}

export class ComplaintCaseViewDto {
  caseId!: string;
  /** The case's state as last heard (LEAD until the case service reports one). */
  state!: string;
  stateLabel!: string;
}

export class ComplaintClosureDto {
  kind!: ClosureKind;
  resolution!: string;
  at!: Date;
}

export class ComplaintCallbackViewDto {
  resolved!: boolean;
  satisfaction!: Satisfaction;
  satisfactionLabel!: string;
  notes!: string | null;
  at!: Date;
}

/** The deadline an operator quotes to a caller. */
export class ComplaintDeadlineDto implements ComplaintDeadline {
  kind!: 'reply' | 'on_site';
  label!: string;
  dueAt!: string | null;
  overdue!: boolean;
  dueSoon!: boolean;
  /** Why there is no due time (e.g. the holiday calendar for that year is not loaded). */
  note?: string;
}

export class TimelineItemDto {
  at!: Date;
  kind!: TimelineKind;
  title!: string;
  detail!: string | null;
  /** The service that reported it. */
  source!: string;
}

/** Everything an operator needs to answer a caller, in one answer. */
export class ComplaintViewDto {
  id!: string;
  status!: ComplaintStatus;
  statusLabel!: string;
  channel!: Channel;
  channelLabel!: string;
  text!: string;
  address!: string | null;
  location!: ComplaintLocationDto | null;
  reportedAt!: Date;
  receivedAt!: Date;
  externalRef!: string | null;
  attachments!: ComplaintAttachmentDto[];
  caller!: CallerViewDto | null;
  classification!: ComplaintClassificationViewDto | null;
  repeatOf!: string | null;
  outcome!: ComplaintOutcomeViewDto | null;
  case!: ComplaintCaseViewDto | null;
  closure!: ComplaintClosureDto | null;
  lastCallback!: ComplaintCallbackViewDto | null;
  deadline!: ComplaintDeadlineDto | null;
  timeline!: TimelineItemDto[];
  updatedAt!: Date;
}

/** A row of the complaint list: no caller, shortened text. */
export class ComplaintListItemDto {
  id!: string;
  status!: ComplaintStatus;
  statusLabel!: string;
  channel!: Channel;
  text!: string;
  address!: string | null;
  receivedAt!: Date;
  externalRef!: string | null;
  category!: CategoryCode | null;
  categoryName!: string | null;
  urgent!: boolean;
  hotspotAreaId!: string | null;
  communityId!: string | null;
  caseId!: string | null;
}

export class ComplaintPageDto {
  items!: ComplaintListItemDto[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor!: string | null;
}

export class ComplaintAcceptedDto {
  id!: string;
  status!: ComplaintStatus;
  receivedAt!: Date;
  /** True when this answers a repeat of an earlier request (same Idempotency-Key or work-order number). */
  duplicate!: boolean;
}

export class ComplaintStatusDto {
  id!: string;
  status!: ComplaintStatus;
  statusLabel!: string;
  /** Callback only: an unsatisfied caller reopened the complaint (重办). */
  reopened?: boolean;
}
