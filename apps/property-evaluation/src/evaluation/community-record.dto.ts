import { ApiProperty } from '@nestjs/swagger';
import type { PeriodStatus } from '../period/period.schema';
import { CommunityDto } from '../registry/dto/registry.dto';
import type { InstrumentKind } from '../scheme/scheme';
import type { Card, ComplaintFacts, ComplaintIndicator } from '../scoring/evaluation.rules';
import { ScoredSubmissionDto } from '../submission/scored-submission.dto';
import { SurveyResultDto } from '../survey/survey-result.dto';
import { ResultViewDto, ScoreChangeDto } from './result-view.dto';

// A community's whole evaluation as the API answers it (the record page).

export class RecordPeriodDto {
  readonly period!: string;
  readonly status!: PeriodStatus;
  readonly statusLabel!: string;
  readonly schemeVersion!: number;
}

export class PublishedResultDto {
  readonly revision!: number;
  readonly final!: boolean;
  readonly evaluatedAt!: Date;
  readonly score!: number;
  /** The grade's name. */
  readonly grade!: string;
}

export class RecordPartyDto {
  readonly code!: string;
  readonly name!: string;
  readonly instrument!: InstrumentKind;
  readonly instrumentName!: string;
  readonly weight!: number;
  /** Parties that hand in scores: their submission, null before they do; absent for the survey and the complaints. */
  readonly submission?: ScoredSubmissionDto | null;
}

export class CallbackTallyDto {
  readonly satisfied!: number;
  readonly basically_satisfied!: number;
  readonly unsatisfied!: number;
}

export class ComplaintFactsDto implements ComplaintFacts {
  readonly households!: number;
  readonly complaints!: number;
  readonly repeats!: number;
  readonly convertedToCases!: number;
  readonly callbacks!: CallbackTallyDto;
  readonly closed!: number;
  readonly closedInTime!: number;
  /** Mean days from receipt to closure of the closed ones; null when none closed. */
  readonly meanResolutionDays!: number | null;
}

export class ComplaintIndicatorPartsDto {
  readonly volume!: number;
  readonly satisfaction!: number | null;
  readonly resolution!: number | null;
}

/** One counted complaint and what became of it: the evidence behind the indicator. */
export class CountedComplaintDto {
  readonly complaintId!: string;
  readonly reportedAt!: Date;
  readonly repeatOf!: string | null;
  readonly outcome!: string | null;
  readonly caseId!: string | null;
  readonly closedAt!: Date | null;
  readonly callbackSatisfaction!: string | null;
}

export class RecordComplaintsDto implements ComplaintIndicator {
  readonly facts!: ComplaintFactsDto;
  readonly perHundredHouseholds!: number;
  /** Share of complaints that repeat an earlier one, in %. */
  readonly repeatRate!: number;
  /** Share converted to enforcement cases, in %. */
  readonly caseRate!: number;
  /** Mean callback points; null without callbacks. */
  readonly callbackSatisfaction!: number | null;
  /** Share closed within the target, in %; null when none closed. */
  readonly timelyRate!: number | null;
  readonly parts!: ComplaintIndicatorPartsDto;
  readonly score!: number;
  @ApiProperty({ type: [CountedComplaintDto] })
  readonly counted!: CountedComplaintDto[];
}

export class TrendPointDto {
  readonly period!: string;
  readonly score!: number | null;
  /** The grade's name. */
  readonly grade!: string;
  readonly card!: Card;
  readonly final!: boolean;
}

export class CommunityRecordDto {
  readonly period!: RecordPeriodDto;
  readonly community!: CommunityDto;
  /** Live for an open period, final once closed; null when the community has no result. */
  readonly result!: ResultViewDto | null;
  /** The last published revision, if any. */
  readonly published!: PublishedResultDto | null;
  @ApiProperty({ type: [RecordPartyDto] })
  readonly parties!: RecordPartyDto[];
  readonly survey!: SurveyResultDto | null;
  readonly complaints!: RecordComplaintsDto | null;
  /** Earlier periods then this one, oldest first. */
  @ApiProperty({ type: [TrendPointDto] })
  readonly trend!: TrendPointDto[];
  readonly change!: ScoreChangeDto | null;
}
