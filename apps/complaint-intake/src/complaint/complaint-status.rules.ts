import type { ClosureKind, ComplaintOutcome, Satisfaction } from '@pipeline/contracts';

/** Where a complaint stands, as an operator tells the caller. */
export const COMPLAINT_STATUSES = ['received', 'classified', 'candidate', 'case', 'service_request', 'forwarded', 'closed', 'reopened'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const STATUS_LABELS: Record<ComplaintStatus, string> = {
  received: '已受理',
  classified: '已分类',
  candidate: '待确认立案',
  case: '已转执法案件',
  service_request: '已转责任单位办理',
  forwarded: '已转交其他部门',
  closed: '已办结',
  reopened: '重办中',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export interface StatusFacts {
  classification: { at: Date } | null;
  outcome: { outcome: ComplaintOutcome; at: Date } | null;
  closure: { kind: ClosureKind; at: Date } | null;
  lastCallback: { satisfaction: Satisfaction; at: Date } | null;
}

/**
 * The status follows from the facts, whatever order their events arrived in
 * (they come from different topics, so the order is not guaranteed).
 */
export function deriveStatus(f: StatusFacts): ComplaintStatus {
  if (f.closure) {
    const reopenedAfter = f.lastCallback && f.lastCallback.satisfaction === 'unsatisfied' && f.lastCallback.at >= f.closure.at;
    return reopenedAfter ? 'reopened' : 'closed';
  }
  if (f.outcome) return f.outcome.outcome;
  if (f.classification) return 'classified';
  return 'received';
}

/** An operator may record the handling result (办结) unless a case or a dispatcher owns the complaint. */
export const CLOSABLE_BY_OPERATOR: readonly ComplaintStatus[] = ['received', 'classified', 'service_request', 'forwarded', 'reopened'];

/** 回访 follows closure; an unsatisfied answer reopens the complaint (重办). */
export function callbackReopens(satisfaction: Satisfaction): boolean {
  return satisfaction === 'unsatisfied';
}
