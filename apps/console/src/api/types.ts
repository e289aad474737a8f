// The shapes the console reads, under the console's names: aliases of the
// types generated from the services' OpenAPI document (schema.ts, written by
// `npm run api:types`), so an answer that changes shape fails the build here.
import type { components } from './schema';

type Schemas = components['schemas'];

export type ComplaintPage = Schemas['ComplaintPageDto'];
export type ComplaintListItem = Schemas['ComplaintListItemDto'];
export type ComplaintView = Schemas['ComplaintViewDto'];
export type ComplaintAccepted = Schemas['ComplaintAcceptedDto'];
export type ClassifyPreview = Schemas['ClassificationPreviewDto'];

export type CaseSummary = Schemas['CaseSummaryDto'];
export type CaseView = Schemas['CaseViewDto'];
export type CaseList = Schemas['CaseListDto'];
export type CaseDeadline = Schemas['DeadlineViewDto'];
export type OfferedAction = Schemas['OfferedActionDto'];
export type OverdueCaseList = Schemas['OverdueCaseListDto'];
export type OverdueCase = Schemas['OverdueCaseDto'];
export type CandidateQueue = Schemas['CandidateQueueDto'];
export type Candidate = Schemas['CandidateDto'];
export type CandidateDecision = Schemas['CandidateDecisionDto'];
export type SquadList = Schemas['SquadListDto'];
export type Squad = Schemas['SquadLoadDto'];
export type CalendarView = Schemas['CalendarViewDto'];
export type MetricAnswer = Schemas['ComplaintToCaseReportDto'];
export type MetricRow = Schemas['MetricRowDto'];
export type RuleSetSummary = Schemas['RuleSetSummaryDto'];
export type RuleSet = Schemas['RuleSetDto'];
export type RuleSetVersion = Schemas['RuleSetVersionDto'];
export type RuleSetState = Schemas['RuleSetStateDto'];
/** The body of POST /cases/{id}/extensions: `deadline` is the rule's key (`D11.review`), not its display id (`D11`). */
export type ExtensionRequest = Schemas['ExtensionDto'];
export type TransitionRequest = Schemas['TransitionDto'];
export type AssignRequest = Schemas['AssignCaseDto'];

export type Community = Schemas['CommunityDto'];
export type SchemeSummary = Schemas['SchemeSummaryDto'];
export type Scheme = Schemas['SchemeVersionDto'];
export type SchemeParty = Schemas['PartyDto'];
export type Period = Schemas['PeriodViewDto'];
export type Ranking = Schemas['RankingDto'];
export type RankingRow = Schemas['ResultViewDto'];
export type ResultTerm = Schemas['TermViewDto'];
export type CompanyTable = Schemas['CompanyTableDto'];
export type CompanyRow = Schemas['CompanyRowDto'];
export type CommunityRecord = Schemas['CommunityRecordDto'];
export type ScoredSubmission = Schemas['ScoredSubmissionDto'];

export type LoginAnswer = Schemas['LoginAnswerDto'];
export type SignedInUser = Schemas['PrincipalDto'];
export type UserRecord = Schemas['UserViewDto'];
