/** The administrative penalty procedure's states (domain.md §4), with the labels users see. */
export const CASE_STATE_LABELS = {
  LEAD: '线索待核查',
  NOT_FILED: '不予立案',
  TRANSFERRED: '已移送',
  FILED: '已立案',
  INVESTIGATING: '调查取证',
  REVIEW: '调查终结审查',
  LEGAL_REVIEW: '法制审核',
  NOTIFIED: '已告知',
  STATEMENT: '陈述申辩',
  HEARING: '听证',
  DECIDED: '已作出决定',
  NO_PENALTY: '不予处罚',
  SERVED: '已送达',
  EXECUTING: '执行中',
  CLOSED: '已结案',
  ARCHIVED: '已归档',
  FILING_REVOKED: '撤销立案',
  TERMINATED: '终止调查',
  SUSPENDED: '中止',
  ON_SPOT_DECISION: '当场处罚（简易程序）',
} as const;

export type CaseStateCode = keyof typeof CASE_STATE_LABELS;
export const CASE_STATE_CODES = Object.keys(CASE_STATE_LABELS) as CaseStateCode[];

/** A state's label; a code this version does not know (a newer service's) is shown as it came. */
export function caseStateLabel(state: string): string {
  return Object.hasOwn(CASE_STATE_LABELS, state) ? CASE_STATE_LABELS[state as CaseStateCode] : state;
}
