/**
 * What a transition may carry: officers, documents (文书) and decisions.
 *
 * Money is an integer number of fen (分) everywhere: ¥200 is 20_000. Sums and
 * the 3%/day surcharge stay exact in integers, and a value such as 0.1 + 0.2
 * yuan can never appear in a decision.
 */

/** 公民 (a natural person) or 法人或者其他组织; the simple procedure's limits differ (Art. 51). */
export type PartyType = 'citizen' | 'organisation';
export const PARTY_TYPES: readonly PartyType[] = ['citizen', 'organisation'];
export const PARTY_TYPE_LABELS: Readonly<Record<PartyType, string>> = { citizen: '公民', organisation: '法人或者其他组织' };

/** A law-enforcement officer; certified = holds an enforcement certificate (执法证) whose number is recorded. */
export interface Officer {
  readonly id: string;
  readonly certificateNo: string;
  readonly name?: string;
}

/** A reference to a document (文书) or evidence record: its kind and its number or file id. */
export interface DocumentRef {
  /** e.g. 立案审批表, 询问笔录, 行政处罚决定书 */
  readonly kind: string;
  /** The document number (文号) or the id of the stored file. */
  readonly ref: string;
}

/** An order to correct (责令改正/限期拆除); it accompanies a decision but is not itself a penalty (Art. 28). */
export interface RectificationOrder {
  readonly content: string;
  /** Local date `YYYY-MM-DD` by which to correct, when the order sets one. */
  readonly dueDate?: string | null;
}

/** A penalty as proposed in the notice (告知) or as decided (决定). */
export interface PenaltyDecision {
  /** The provisions relied on, e.g. 《青岛市市容和环境卫生管理条例》第X条. */
  readonly legalBasis: string;
  /** Fine in fen (integer ≥ 0); null or 0 = no fine. */
  readonly fineFen?: number | null;
  readonly warning?: boolean;
  /** 没收违法所得/非法财物, described. */
  readonly confiscation?: string | null;
  /** Other penalties of Art. 9: licence actions, suspension or closure, … */
  readonly otherMeasures?: readonly string[];
  readonly rectificationOrder?: RectificationOrder | null;
}

/** The notice of the proposed penalty (Art. 44) as served. */
export interface PenaltyNotice {
  readonly penalty: PenaltyDecision;
  /** Whether the notice told the party of the right to a hearing (Art. 63–64). */
  readonly hearingRight: boolean;
  /** The statement-and-defence period the notice set, in working days (D4). */
  readonly statementDays: number;
}

/** Grounds for 不予处罚. */
export type NoPenaltyGround =
  | 'minor_corrected_no_harm'
  | 'first_minor_corrected'
  | 'no_fault'
  | 'facts_not_established'
  | 'under_fourteen'
  | 'mental_incapacity'
  | 'time_barred';

export const NO_PENALTY_GROUNDS: Readonly<Record<NoPenaltyGround, { label: string; basis: string }>> = {
  minor_corrected_no_harm: { label: '违法行为轻微并及时改正，没有造成危害后果', basis: '行政处罚法第三十三条第一款' },
  first_minor_corrected: { label: '初次违法且危害后果轻微并及时改正', basis: '行政处罚法第三十三条第一款' },
  no_fault: { label: '当事人有证据足以证明没有主观过错', basis: '行政处罚法第三十三条第二款' },
  facts_not_established: { label: '违法事实不能成立', basis: '行政处罚法第五十七条第一款第三项' },
  under_fourteen: { label: '不满十四周岁的未成年人', basis: '行政处罚法第三十条' },
  mental_incapacity: { label: '精神病人、智力残疾人在不能辨认或者控制自己行为时', basis: '行政处罚法第三十一条' },
  time_barred: { label: '违法行为超过追责期限', basis: '行政处罚法第三十六条' },
};

export interface NoPenaltyDecision {
  readonly ground: NoPenaltyGround;
  readonly explanation: string;
}

export type CaseDecision = ({ readonly kind: 'penalty' } & PenaltyDecision) | ({ readonly kind: 'no_penalty' } & NoPenaltyDecision);

/** How a case in execution (or an on-the-spot decision) was carried out. */
export type ExecutionResult =
  | 'paid'
  | 'paid_on_spot'
  | 'warning_only'
  | 'rectified'
  | 'demolished'
  | 'court_enforced'
  | 'forced_demolition'
  | 'execution_terminated';

export const EXECUTION_RESULT_LABELS: Readonly<Record<ExecutionResult, string>> = {
  paid: '已缴纳罚款',
  paid_on_spot: '当场收缴罚款',
  warning_only: '警告，无需执行',
  rectified: '已整改并经复查',
  demolished: '当事人自行拆除',
  court_enforced: '人民法院强制执行完毕',
  forced_demolition: '依法强制拆除',
  execution_terminated: '终结执行',
};

/** What the party did with the notice before a decision is made without a statement (Art. 44–45, 62). */
export type PartyResponse = 'waived' | 'no_response';
export const PARTY_RESPONSE_LABELS: Readonly<Record<PartyResponse, string>> = {
  waived: '当事人明确放弃陈述、申辩和听证',
  no_response: '期限届满未提出陈述、申辩或听证申请',
};

export type ServiceMethod = 'direct' | 'left_at_residence' | 'entrusted' | 'mail' | 'electronic' | 'public_notice';

/** Grounds of Art. 58 that make 法制审核 mandatory whatever the bureau's policy; a held hearing is the third. */
export type LegalReviewGround = 'major_public_interest' | 'complex' | 'other_law';

/** Simple procedure (Art. 51): fine ≤ ¥200 for a citizen, ≤ ¥3,000 for an organisation, or a warning. */
export const SIMPLE_PROCEDURE_FINE_LIMIT_FEN: Readonly<Record<PartyType, number>> = { citizen: 20_000, organisation: 300_000 };

/** Cash may be collected on the spot only up to ¥100, or when later collection would be hard (Art. 68). */
export const ON_SPOT_CASH_LIMIT_FEN = 10_000;

export function fineOf(p: Pick<PenaltyDecision, 'fineFen'> | null | undefined): number {
  return p?.fineFen ?? 0;
}

/** `¥1,234.50` from fen, for messages. */
export function formatYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return `¥${yuan.toLocaleString('en-US')}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/** Whether anything remains to be carried out after service: a fine, confiscation, other measures or a correction to verify. */
export function decisionNeedsExecution(d: CaseDecision | null | undefined): boolean {
  if (!d || d.kind !== 'penalty') return false;
  return fineOf(d) > 0 || !!d.confiscation || (d.otherMeasures?.length ?? 0) > 0 || !!d.rectificationOrder;
}

/**
 * Two penalties are the same decision when basis, fine, warning,
 * confiscation and other measures agree. The rectification order is left
 * out: it is not a penalty and may be adjusted (e.g. its date) without a new
 * notice.
 */
export function samePenalty(a: PenaltyDecision, b: PenaltyDecision): boolean {
  const measures = (p: PenaltyDecision) => [...(p.otherMeasures ?? [])].map((m) => m.trim()).sort();
  return (
    a.legalBasis.trim() === b.legalBasis.trim() &&
    fineOf(a) === fineOf(b) &&
    !!a.warning === !!b.warning &&
    (a.confiscation?.trim() || null) === (b.confiscation?.trim() || null) &&
    JSON.stringify(measures(a)) === JSON.stringify(measures(b))
  );
}
