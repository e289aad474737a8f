/** Why a dispatcher turns a candidate down: a fixed list (for statistics) plus free text. */
export const REJECTION_REASONS = {
  NOT_A_VIOLATION: { label: '经核实不构成违法行为', outcome: 'service_request' },
  INSUFFICIENT_EVIDENCE: { label: '线索不足，无法核实违法事实', outcome: 'service_request' },
  ALREADY_CORRECTED: { label: '当事人已自行改正', outcome: 'service_request' },
  HANDLED_ELSEWHERE: { label: '已由其他部门依法处理', outcome: 'forwarded' },
  OUT_OF_REMIT: { label: '不属本局职责，移交其他部门', outcome: 'forwarded' },
  OTHER: { label: '其他', outcome: 'service_request' },
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_CODES = Object.keys(REJECTION_REASONS) as RejectionReason[];

/** Domain.md D1: a lead is checked within 15 days (calendar, stricter reading); a candidate waiting longer is overdue. */
export const CANDIDATE_CHECK_DAYS = 15;
