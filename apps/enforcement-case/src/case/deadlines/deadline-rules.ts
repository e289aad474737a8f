import { dayNumberOfInstant, type DeadlineDayType } from '@pipeline/calendar';
import type { CaseStateCode } from '@pipeline/contracts';

/**
 * The deadlines of domain.md §3, table D1–D15, as data.
 *
 * Reading choices, made once here:
 * - Day type: 处罚法 Art. 85 makes its "二日…七日" working days and 强制法
 *   Art. 69 makes that law's periods of ≤ 10 days working days [L]; longer
 *   periods are calendar days [?]. Where the type is unsure we take the
 *   stricter reading, i.e. the one that ends first for a limit on the bureau
 *   (D1, D14: calendar days) and never cuts a party's right short (D4: the
 *   longer end of the common 3–5 working days).
 * - A calendar or month period ending on a rest day moves to the next working
 *   day (民事诉讼法 Art. 85 by analogy [P], as domain.md §3 says and the
 *   calendar lib does), except D2 (a prescription, which no office act has to
 *   meet) and D10 (a surcharge that accrues every day).
 * - Where a period depends on holiday data that is not loaded, the calculator
 *   answers `unknown`, never a guess.
 */

export type DeadlineId = 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' | 'D7' | 'D8' | 'D9' | 'D10' | 'D11' | 'D12' | 'D13' | 'D14' | 'D15';

/** One row per clock: D11 and D15 each hold two. */
export type DeadlineKey =
  | 'D1'
  | 'D2'
  | 'D3'
  | 'D4'
  | 'D5'
  | 'D6'
  | 'D7'
  | 'D8'
  | 'D9'
  | 'D10'
  | 'D11.review'
  | 'D11.suit'
  | 'D12'
  | 'D13'
  | 'D14'
  | 'D15.legal_review'
  | 'D15.archive';

/** domain.md's markers: [L] statute checked, [R] official rule reported, [P] practice, [?] unverified. */
export type SourceMarker = 'L' | 'R' | 'P' | '?';

/** Periods a clock may stop for, when its rule says so. */
export type PauseKind =
  /** 中止 (SUSPENDED). */
  | 'suspension'
  /** 听证: from the request to the end of the hearing (the HEARING state). */
  | 'hearing'
  /** 公告: public notice, e.g. service by publication. */
  | 'public_notice'
  /** 检测、检验、检疫、鉴定. */
  | 'testing'
  /** 行政复议 or 行政诉讼 pending. */
  | 'review_or_suit';

/** Who must act by the date: the bureau, the party, or nobody (a date on which something is deemed to happen). */
export type DeadlineBearer = 'bureau' | 'party' | 'none';

/**
 * - `limit`: something must be done by the due date; passing it is overdue.
 * - `window`: a right that may be used until the due date; passing it is expiry, not a breach.
 * - `deemed`: on the due date something is deemed done (service by publication).
 * - `accrual`: a charge grows until the due date (D10's cap).
 */
export type DeadlineNature = 'limit' | 'window' | 'deemed' | 'accrual';

/** The dated facts of a case that start or complete a clock. */
export interface CaseTimeline {
  /** The violation ended (or its continuing state ended): D2. */
  readonly violationEndedAt?: Date | null;
  /** The lead was received or the complaint became a lead: D1. */
  readonly leadReceivedAt?: Date | null;
  readonly jurisdictionDisputedAt?: Date | null;
  readonly jurisdictionResolvedAt?: Date | null;
  /** 立案: D3. */
  readonly filedAt?: Date | null;
  /** Latest entry into LEGAL_REVIEW: D15. */
  readonly legalReviewStartedAt?: Date | null;
  /** The notice of the proposed penalty was served: D4, D5. */
  readonly noticeServedAt?: Date | null;
  readonly statementSubmittedAt?: Date | null;
  readonly hearingRequestedAt?: Date | null;
  /** The date the hearing is set for: D6 counts back from it. */
  readonly hearingDate?: Date | null;
  readonly hearingNoticeServedAt?: Date | null;
  /** The decision was pronounced (宣告): D7. */
  readonly decisionPronouncedAt?: Date | null;
  /** Service by public notice began: D8. */
  readonly decisionPublishedAt?: Date | null;
  /** The party received the decision (for service by public notice: the D8 date): D9, D11. */
  readonly decisionServedAt?: Date | null;
  readonly paidAt?: Date | null;
  /** The party applied for 复议 or sued. */
  readonly appealFiledAt?: Date | null;
  /** 催告书 served: D12's earliest date. */
  readonly reminderServedAt?: Date | null;
  readonly courtAppliedAt?: Date | null;
  /** Public notice ordering self-demolition: D13. */
  readonly demolitionNoticePublishedAt?: Date | null;
  readonly selfDemolishedAt?: Date | null;
  readonly closedAt?: Date | null;
  readonly archivedAt?: Date | null;
}

export type TimelineFact = keyof CaseTimeline;

/** A clock starts at a dated fact, or when another clock's due date has passed. */
export type DeadlineTrigger = { readonly fact: TimelineFact } | { readonly after: DeadlineKey };

/** Facts that decide whether a rule applies to the case at all. */
export type DeadlineCondition = 'has_fine' | 'penalty_decision' | 'hearing_right' | 'illegal_building' | 'no_appeal';

export interface ExtensionRule {
  /** Who approves, as the approval record must say. */
  readonly approver: string;
  /** Total days the approver may add; null = as approved, no legal maximum. */
  readonly maxDays: number | null;
  /** Whether a collective decision (集体讨论) may extend beyond `maxDays`. */
  readonly beyondByCollectiveDecision: boolean;
}

export interface DeadlineRule {
  readonly key: DeadlineKey;
  readonly id: DeadlineId;
  readonly name: string;
  readonly trigger: DeadlineTrigger;
  /** The trigger in words, as users see it. */
  readonly triggerLabel: string;
  /**
   * The period. For `before` rules it is counted back from the trigger. null:
   * only as set by a fact (`amountFrom`).
   */
  readonly amount: number | null;
  /** A per-case amount (the notice's statement period, the demolition notice's period). */
  readonly amountFrom?: 'statementDays' | 'selfDemolitionDays';
  /** A different amount when a case fact holds. */
  readonly alternative?: { readonly when: 'seriousHarm' | 'partyPresentAtPronouncement'; readonly amount: number; readonly label: string };
  readonly dayType: DeadlineDayType;
  /** `before`: the latest date ahead of the trigger (D6: the hearing notice ≥ 7 working days before the hearing). */
  readonly direction: 'after' | 'before';
  /** For `before` rules: the fact from which the bureau has been on notice, for the due-soon share. */
  readonly periodFrom?: TimelineFact;
  readonly rollsToWorkingDay: boolean;
  readonly extension: ExtensionRule | null;
  readonly pausedBy: readonly PauseKind[];
  /** The states (or, while SUSPENDED, the state suspended from) in which the clock is shown. */
  readonly activeIn: readonly CaseStateCode[];
  readonly conditions: readonly DeadlineCondition[];
  /** Facts that meet the deadline; the first one present counts. */
  readonly completedBy: readonly TimelineFact[];
  readonly bearer: DeadlineBearer;
  readonly nature: DeadlineNature;
  readonly source: string;
  readonly marker: SourceMarker;
  /** Shown with the deadline: the reading taken where the source is unsure. */
  readonly caveat?: string;
}

const PROCEDURE_BEFORE_DECISION: readonly CaseStateCode[] = ['FILED', 'INVESTIGATING', 'REVIEW', 'LEGAL_REVIEW', 'NOTIFIED', 'STATEMENT', 'HEARING'];
const AFTER_SERVICE: readonly CaseStateCode[] = ['SERVED', 'EXECUTING', 'ON_SPOT_DECISION'];

const row = (r: Omit<DeadlineRule, 'direction' | 'rollsToWorkingDay' | 'extension' | 'pausedBy' | 'conditions' | 'completedBy'> & Partial<DeadlineRule>): DeadlineRule =>
  Object.freeze({ direction: 'after', rollsToWorkingDay: true, extension: null, pausedBy: [], conditions: [], completedBy: [], ...r });

export const DEADLINE_RULES: readonly DeadlineRule[] = Object.freeze([
  row({
    key: 'D1',
    id: 'D1',
    name: '线索核查',
    trigger: { fact: 'leadReceivedAt' },
    triggerLabel: '收到线索',
    amount: 15,
    // Day type unsure in the source [?]: calendar days end first, the stricter reading.
    dayType: 'calendar',
    extension: { approver: '负责人批准', maxDays: 10, beyondByCollectiveDecision: false },
    activeIn: ['LEAD'],
    bearer: 'bureau',
    nature: 'limit',
    source: '住建部令第55号',
    marker: '?',
    caveat: '期限性质未核实，按自然日（较严格）计算',
  }),
  row({
    key: 'D2',
    id: 'D2',
    name: '追责时效（逾期不得立案）',
    trigger: { fact: 'violationEndedAt' },
    triggerLabel: '违法行为终了',
    amount: 24,
    alternative: { when: 'seriousHarm', amount: 60, label: '涉及公民生命健康安全、金融安全且有危害后果的，五年' },
    dayType: 'months',
    // A prescription bars the bureau; nobody has to act at an office on its
    // last day, so a rest day does not extend it.
    rollsToWorkingDay: false,
    activeIn: ['LEAD'],
    bearer: 'bureau',
    nature: 'limit',
    source: '行政处罚法第三十六条',
    marker: 'L',
  }),
  row({
    key: 'D3',
    id: 'D3',
    name: '作出处理决定',
    trigger: { fact: 'filedAt' },
    triggerLabel: '立案',
    amount: 90,
    dayType: 'calendar',
    extension: { approver: '负责人批准', maxDays: 30, beyondByCollectiveDecision: true },
    // 听证、公告、检测鉴定 time is excluded (住建 rule [?]); 中止 too, as
    // the market-regulation rule says in the same sentence [?]. The 告知 /
    // 陈述申辩 period is not excluded: excluding less is the stricter reading.
    pausedBy: ['suspension', 'hearing', 'public_notice', 'testing'],
    activeIn: PROCEDURE_BEFORE_DECISION,
    bearer: 'bureau',
    nature: 'limit',
    source: '行政处罚法第六十条；住建部令第55号',
    marker: 'L',
    caveat: '听证、公告、检测鉴定及中止期间不计入（部门规章，待法制科确认）',
  }),
  row({
    key: 'D4',
    id: 'D4',
    name: '陈述申辩期限',
    trigger: { fact: 'noticeServedAt' },
    triggerLabel: '告知书送达',
    // As set in the notice; the default takes the longer end of the common
    // 3–5 working days so a decision never cuts the right short.
    amount: 5,
    amountFrom: 'statementDays',
    dayType: 'working',
    activeIn: ['NOTIFIED'],
    completedBy: ['statementSubmittedAt'],
    bearer: 'party',
    nature: 'window',
    source: '行政处罚法第四十四条、第四十五条',
    marker: 'P',
    caveat: '以告知书载明期限为准；逾期未提出视为放弃',
  }),
  row({
    key: 'D5',
    id: 'D5',
    name: '听证申请期限',
    trigger: { fact: 'noticeServedAt' },
    triggerLabel: '告知书送达',
    amount: 5,
    dayType: 'working',
    activeIn: ['NOTIFIED', 'STATEMENT'],
    conditions: ['hearing_right'],
    completedBy: ['hearingRequestedAt'],
    bearer: 'party',
    nature: 'window',
    source: '行政处罚法第六十四条、第八十五条',
    marker: 'L',
  }),
  row({
    key: 'D6',
    id: 'D6',
    name: '听证通知（听证七个工作日前）',
    trigger: { fact: 'hearingDate' },
    triggerLabel: '听证日期',
    amount: 7,
    dayType: 'working',
    direction: 'before',
    periodFrom: 'hearingRequestedAt',
    activeIn: ['HEARING'],
    completedBy: ['hearingNoticeServedAt'],
    bearer: 'bureau',
    nature: 'limit',
    source: '行政处罚法第六十四条、第八十五条',
    marker: 'L',
  }),
  row({
    key: 'D7',
    id: 'D7',
    name: '送达处罚决定书',
    trigger: { fact: 'decisionPronouncedAt' },
    triggerLabel: '宣告决定',
    amount: 7,
    alternative: { when: 'partyPresentAtPronouncement', amount: 0, label: '当事人在场的，宣告后当场交付（当日）' },
    dayType: 'working',
    activeIn: ['DECIDED', 'NO_PENALTY'],
    completedBy: ['decisionServedAt', 'decisionPublishedAt'],
    bearer: 'bureau',
    nature: 'limit',
    source: '行政处罚法第六十一条',
    marker: 'L',
  }),
  row({
    key: 'D8',
    id: 'D8',
    name: '公告送达视为送达',
    trigger: { fact: 'decisionPublishedAt' },
    triggerLabel: '发出公告',
    amount: 30,
    dayType: 'calendar',
    activeIn: ['DECIDED', 'NO_PENALTY'],
    completedBy: ['decisionServedAt'],
    bearer: 'none',
    nature: 'deemed',
    source: '民事诉讼法第九十五条',
    marker: 'L',
  }),
  row({
    key: 'D9',
    id: 'D9',
    name: '缴纳罚款',
    trigger: { fact: 'decisionServedAt' },
    triggerLabel: '收到处罚决定书',
    amount: 15,
    dayType: 'calendar',
    // 暂缓或者分期缴纳 on the party's application and the bureau's approval; the law sets no maximum.
    extension: { approver: '行政机关批准（暂缓、分期缴纳）', maxDays: null, beyondByCollectiveDecision: false },
    activeIn: AFTER_SERVICE,
    conditions: ['has_fine'],
    completedBy: ['paidAt'],
    bearer: 'party',
    nature: 'limit',
    source: '行政处罚法第六十六条、第六十七条',
    marker: 'L',
  }),
  row({
    key: 'D10',
    id: 'D10',
    name: '加处罚款（每日3%，以罚款额为限）',
    trigger: { after: 'D9' },
    triggerLabel: '缴款期限届满次日',
    // 3% a day reaches the fine on day 34 (33 days = 99%).
    amount: 34,
    dayType: 'calendar',
    rollsToWorkingDay: false,
    pausedBy: ['review_or_suit'],
    activeIn: AFTER_SERVICE,
    conditions: ['has_fine'],
    completedBy: ['paidAt'],
    bearer: 'party',
    nature: 'accrual',
    source: '行政处罚法第七十二条、第七十三条；行政强制法第四十五条',
    marker: 'L',
  }),
  row({
    key: 'D11.review',
    id: 'D11',
    name: '申请行政复议期限',
    trigger: { fact: 'decisionServedAt' },
    triggerLabel: '收到处罚决定书',
    amount: 60,
    dayType: 'calendar',
    activeIn: AFTER_SERVICE,
    conditions: ['penalty_decision'],
    completedBy: ['appealFiledAt'],
    bearer: 'party',
    nature: 'window',
    source: '行政复议法第二十条',
    marker: 'L',
  }),
  row({
    key: 'D11.suit',
    id: 'D11',
    name: '提起行政诉讼期限',
    trigger: { fact: 'decisionServedAt' },
    triggerLabel: '收到处罚决定书',
    amount: 6,
    dayType: 'months',
    activeIn: AFTER_SERVICE,
    conditions: ['penalty_decision'],
    completedBy: ['appealFiledAt'],
    bearer: 'party',
    nature: 'window',
    source: '行政诉讼法第四十六条',
    marker: 'L',
  }),
  row({
    key: 'D12',
    id: 'D12',
    name: '申请人民法院强制执行',
    trigger: { after: 'D11.suit' },
    triggerLabel: '复议、诉讼期限届满',
    amount: 3,
    dayType: 'months',
    activeIn: ['EXECUTING'],
    conditions: ['penalty_decision', 'no_appeal'],
    completedBy: ['courtAppliedAt'],
    bearer: 'bureau',
    nature: 'limit',
    source: '行政强制法第五十三条、第五十四条',
    marker: 'L',
    caveat: '申请前须催告，催告书送达十个工作日后当事人仍未履行的方可申请',
  }),
  row({
    key: 'D13',
    id: 'D13',
    name: '违法建筑限期自行拆除',
    trigger: { fact: 'demolitionNoticePublishedAt' },
    triggerLabel: '发布限期拆除公告',
    amount: null,
    amountFrom: 'selfDemolitionDays',
    dayType: 'calendar',
    activeIn: ['EXECUTING'],
    conditions: ['illegal_building'],
    completedBy: ['selfDemolishedAt'],
    bearer: 'party',
    nature: 'limit',
    source: '行政强制法第四十四条',
    marker: 'L',
    caveat: '当事人在法定期限内申请复议或提起诉讼的，不得强制拆除',
  }),
  row({
    key: 'D14',
    id: 'D14',
    name: '管辖争议协商',
    trigger: { fact: 'jurisdictionDisputedAt' },
    triggerLabel: '发生管辖争议',
    amount: 7,
    // A departmental rule, outside 处罚法 Art. 85: the type is unsure, so calendar days (stricter).
    dayType: 'calendar',
    activeIn: ['LEAD', 'FILED', 'INVESTIGATING'],
    completedBy: ['jurisdictionResolvedAt'],
    bearer: 'bureau',
    nature: 'limit',
    source: '住建部令第55号第六条',
    marker: 'R',
    caveat: '协商不成的，报请共同的上一级主管部门指定管辖；期限性质未核实，按自然日计算',
  }),
  row({
    key: 'D15.legal_review',
    id: 'D15',
    name: '法制审核',
    trigger: { fact: 'legalReviewStartedAt' },
    triggerLabel: '送法制审核',
    // Practice says 3–5 working days; a limit on the bureau takes the shorter end.
    amount: 3,
    dayType: 'working',
    activeIn: ['LEGAL_REVIEW'],
    bearer: 'bureau',
    nature: 'limit',
    source: '行政处罚法第五十八条（实践期限）',
    marker: 'P',
    caveat: '法律未规定期限，按通行做法',
  }),
  row({
    key: 'D15.archive',
    id: 'D15',
    name: '结案后立卷归档',
    trigger: { fact: 'closedAt' },
    triggerLabel: '结案',
    amount: 30,
    dayType: 'calendar',
    activeIn: ['CLOSED'],
    completedBy: ['archivedAt'],
    bearer: 'bureau',
    nature: 'limit',
    source: '行政处罚法第四十七条（实践期限）',
    marker: 'P',
    caveat: '法律未规定期限，按通行做法',
  }),
]);

export function deadlineRule(key: DeadlineKey): DeadlineRule {
  const found = DEADLINE_RULES.find((r) => r.key === key);
  if (!found) throw new RangeError(`unknown deadline ${key}`);
  return found;
}

// --- D10: the surcharge ------------------------------------------------------

export const SURCHARGE_PERCENT_PER_DAY = 3;

export interface SurchargeOwed {
  /** Days of surcharge: local dates after the payment due date up to the payment (or now), minus paused days. */
  readonly days: number;
  readonly amountFen: number;
  /** The surcharge has reached the fine (Art. 72: 不得超出罚款的数额). */
  readonly capped: boolean;
  /** The day number (1-based, after the due date, paused days excluded) on which the cap is reached: 34 at 3%. */
  readonly capDay: number;
}

/**
 * 加处罚款 (Art. 72): 3% of the fine for every day after the payment due date,
 * never more than the fine. Day 1 is the local date after `dueAt`'s; paying
 * on day k owes k days. Days while a review or suit is pending are not
 * counted (Art. 73). Amounts are fen, rounded down: a party never owes a
 * fraction of a fen the law did not impose.
 */
export function surchargeOwed(
  fineFen: number,
  dueAt: Date,
  paidOrNow: Date,
  paused: readonly { readonly from: Date; readonly to?: Date | null }[] = [],
): SurchargeOwed {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError(`surchargeOwed: fineFen must be a whole number of fen ≥ 0, got ${fineFen}`);
  const capDay = Math.ceil(100 / SURCHARGE_PERCENT_PER_DAY);
  const dueDay = dayNumberOfInstant(dueAt);
  const endDay = dayNumberOfInstant(paidOrNow);
  const pausedDays = mergedDays(
    paused.map((p) => [Math.max(dayNumberOfInstant(p.from), dueDay), Math.min(dayNumberOfInstant(p.to ?? paidOrNow), endDay)] as const),
  );
  const days = Math.max(0, endDay - dueDay - pausedDays);
  const amountFen = Math.min(fineFen, Math.floor((fineFen * SURCHARGE_PERCENT_PER_DAY * days) / 100));
  return { days, amountFen, capped: fineFen > 0 && amountFen === fineFen, capDay };
}

/** Days covered by day ranges (from, to], overlaps counted once. */
function mergedDays(ranges: readonly (readonly [number, number])[]): number {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [a, b] of sorted) {
    const from = Math.max(a, reach);
    if (b > from) total += b - from;
    reach = Math.max(reach, b);
  }
  return total;
}
