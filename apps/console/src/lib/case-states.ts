export const FINISHED_STATES = ['NOT_FILED', 'TRANSFERRED', 'CLOSED', 'ARCHIVED'];

export const EXECUTION_RESULT_LABELS: Record<string, string> = {
  paid: '已缴纳罚款',
  paid_on_spot: '当场缴纳',
  warning_only: '仅警告',
  rectified: '已整改',
  demolished: '已拆除',
  court_enforced: '法院强制执行',
  forced_demolition: '强制拆除',
  execution_terminated: '终结执行',
};

export const SERVICE_METHOD_LABELS: Record<string, string> = {
  direct: '直接送达',
  left_at_residence: '留置送达',
  entrusted: '委托送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};

/** Yuan typed by an officer → fen for the API (no floating point drift: 12.3 → 1230). */
export function yuanToFen(yuan: number | string | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || yuan === '') return undefined;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n)) return undefined;
  return Math.round(n * 100);
}

export const NO_PENALTY_GROUND_LABELS: Record<string, string> = {
  minor_corrected_no_harm: '违法行为轻微并及时改正，没有造成危害后果',
  first_minor_corrected: '初次违法且危害后果轻微并及时改正',
  no_fault: '当事人有证据足以证明没有主观过错',
  facts_not_established: '违法事实不能成立',
  under_fourteen: '不满十四周岁的未成年人',
  mental_incapacity: '精神病人、智力残疾人在不能辨认或者控制自己行为时',
  time_barred: '违法行为超过追责期限',
};

/** The procedure's steps by action code, for the history (the service names only the allowed ones). */
export const ACTION_LABELS: Record<string, string> = {
  file: '立案',
  not_file: '不予立案',
  transfer: '移送',
  decide_on_spot: '当场处罚（简易程序）',
  start_investigation: '调查取证',
  revoke_filing: '撤销立案',
  finish_investigation: '调查终结',
  terminate: '终止调查',
  send_to_legal_review: '送法制审核',
  notify: '告知',
  decide_no_penalty: '不予处罚决定',
  transfer_to_judiciary: '移送司法机关',
  reinvestigate: '补充调查',
  decide_penalty: '处罚决定',
  request_statement: '陈述申辩',
  request_hearing: '申请听证',
  reopen_review: '重新审查',
  serve: '送达',
  start_execution: '执行',
  serve_reminder: '催告',
  apply_to_court: '申请法院强制执行',
  close: '结案',
  archive: '归档',
  suspend: '中止',
  resume: '恢复办理',
};
