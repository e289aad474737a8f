import type { DeadlineDayType } from '@pipeline/calendar';
import { ApiProperty } from '@nestjs/swagger';
import type { DeadlineExtension, ExtensionRefusalCode, RejectedExtension } from './deadline-calculator';
import type { DeadlineBearer, DeadlineId, DeadlineKey, SourceMarker, SurchargeOwed } from './deadline-rules';

// The deadlines of a case as the API answers them: the view is this class, so
// the OpenAPI document (and the console's types) describe what the service returns.

/**
 * - `running` / `due_soon`: not yet due (see isDueSoon);
 * - `overdue`: a limit passed unmet (or met late), or D10's surcharge capped;
 * - `expired`: a party's window passed unused — the right lapsed, nobody is in breach;
 * - `met`: done in time, or (D8) the deemed date has come;
 * - `paused`: a pause its rule recognises is going on now;
 * - `unknown`: the holiday data needed is not loaded; `note` says which year.
 */
export type DeadlineStatus = 'running' | 'due_soon' | 'overdue' | 'expired' | 'met' | 'paused' | 'unknown';

export class DeadlineExtensionDto implements DeadlineExtension {
  readonly key!: DeadlineKey;
  readonly approvedBy!: string;
  readonly approvalRef!: string;
  readonly days!: number;
  readonly at!: Date;
  readonly collective?: boolean;
}

export class RejectedExtensionDto implements RejectedExtension {
  readonly extension!: DeadlineExtensionDto;
  readonly code!: ExtensionRefusalCode;
  readonly message!: string;
}

export class SurchargeOwedDto implements SurchargeOwed {
  readonly days!: number;
  readonly amountFen!: number;
  readonly capped!: boolean;
  readonly capDay!: number;
}

export class DeadlineViewDto {
  readonly key!: DeadlineKey;
  readonly id!: DeadlineId;
  readonly name!: string;
  /** What started the clock, in words. */
  readonly trigger!: string;
  readonly startedAt!: Date;
  /** The last instant that meets it (end of the local day for day-based limits); null when unknown. */
  readonly dueAt!: Date | null;
  /** Asia/Shanghai date of `dueAt`. */
  readonly dueDate!: string | null;
  readonly dayType!: DeadlineDayType;
  /** The period before extensions and pauses. */
  readonly amount!: number;
  /** Days added by approved extensions. */
  readonly extendedBy!: number;
  @ApiProperty({ type: [DeadlineExtensionDto] })
  readonly extensions!: readonly DeadlineExtensionDto[];
  @ApiProperty({ type: [RejectedExtensionDto] })
  readonly rejectedExtensions!: readonly RejectedExtensionDto[];
  /** Days (of the rule's day type) the due date moved for pauses. */
  readonly pausedDays!: number;
  readonly status!: DeadlineStatus;
  readonly bearer!: DeadlineBearer;
  readonly completedAt!: Date | null;
  /** The earliest moment the next step is allowed (D12: 催告 + 10 working days; D13: forced demolition). */
  readonly notBefore?: Date | null;
  readonly surcharge?: SurchargeOwedDto;
  readonly source!: string;
  readonly marker!: SourceMarker;
  readonly note?: string;
}
