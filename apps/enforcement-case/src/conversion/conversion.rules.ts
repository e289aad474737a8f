import type { ComplaintClassifiedV1, ComplaintOutcome } from '@pipeline/contracts';

/**
 * The walking skeleton's conversion rules. A case opened here is a lead
 * (线索, state LEAD): filing (立案) itself is always confirmed by a person.
 */
export const RULE_VERSION = 'skeleton-1';

/** Below this enforceability confidence a dispatcher decides (domain.md §7: a person confirms). */
export const AUTO_CASE_MIN_CONFIDENCE = 0.7;

export interface Decision {
  outcome: ComplaintOutcome;
  reason: string;
  /** Whether the complaint is within the bureau's remit (the metric's denominator). */
  inScope: boolean;
}

export function decideOutcome(c: Pick<ComplaintClassifiedV1, 'category' | 'enforceable'> & { confidence: { enforceable: number } }): Decision {
  if (c.category === 'other') return { outcome: 'forwarded', reason: '非城管职责，转交其他职能部门', inScope: false };
  if (!c.enforceable) return { outcome: 'service_request', reason: '服务类诉求，转责任单位办理', inScope: true };
  if (c.confidence.enforceable >= AUTO_CASE_MIN_CONFIDENCE) {
    return { outcome: 'case', reason: '可执法事项，规则生成案件线索', inScope: true };
  }
  return { outcome: 'candidate', reason: '疑似违法，待调度员确认', inScope: true };
}
