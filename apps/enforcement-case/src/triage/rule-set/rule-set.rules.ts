import { CATEGORIES, type CategoryCode, type ComplaintOutcome } from '@pipeline/contracts';

/**
 * Conversion rules (诉转案) as versioned data. An administrator reads and
 * replaces a rule set through the API; every decision records the version
 * that made it. Evaluation is pure: the service gathers the facts (repeat
 * counts, whether the spot is identifiable) and stores the result.
 */

/**
 * The lowest enforceability confidence at which any rule may open a case
 * lead without a person. Code, not data, on purpose: an edited rule set can
 * raise the bar but not remove the human check of domain.md §7 (个人信息保护法
 * Art. 24: a person confirms significant automated decisions).
 */
export const MIN_AUTO_CASE_CONFIDENCE = 0.7;

/** The rule id reported when no rule matched and the rule set's default applied. */
export const DEFAULT_RULE_ID = 'default';

/**
 * Conditions of one rule. Every condition given must hold (AND); a condition
 * left out does not constrain. Minimum thresholds are inclusive (≥), maximum
 * thresholds exclusive (<), so `[0.7, 0.85)` and `[0.85, 1]` tile without a gap.
 */
export interface RuleConditions {
  /** The complaint's category is one of these. */
  categoryIn?: CategoryCode[];
  /** The complaint's category is none of these. */
  categoryNotIn?: CategoryCode[];
  enforceable?: boolean;
  minEnforceableConfidence?: number;
  maxEnforceableConfidence?: number;
  minCategoryConfidence?: number;
  maxCategoryConfidence?: number;
  urgent?: boolean;
  /** true: inside any hotspot area; false: inside none. */
  inHotspotArea?: boolean;
  /** Inside one of these hotspot areas (HS01–HS30). */
  hotspotAreaIn?: string[];
  /** See {@link RuleInput.identifiable}. */
  identifiable?: boolean;
  /** The classifier linked the complaint to an earlier one (repeatOf is set). */
  isRepeat?: boolean;
  /**
   * At least this many reports of the same incident, this one included,
   * within `repeatWindowDays` days up to this one. Both or neither.
   */
  repeatCountAtLeast?: number;
  repeatWindowDays?: number;
  /** The classifier asked for a person to confirm its result. */
  needsReview?: boolean;
}

export interface RuleAction {
  outcome: ComplaintOutcome;
  /** Chinese, recorded with the decision and shown to dispatchers. */
  reason: string;
  /**
   * The rules may apply this outcome without a person. For `case` it is
   * honoured only under the checks of {@link evaluateRuleSet}; a candidate
   * always goes to a dispatcher, so it cannot carry this flag.
   */
  autoFile?: boolean;
  /** Candidates only: the candidate jumps the dispatcher's queue. */
  flagUrgent?: boolean;
}

export interface Rule {
  /** Stable id, unique in the rule set, recorded with each decision. */
  id: string;
  /** Chinese: what the rule is for, for the administrator. */
  description: string;
  when: RuleConditions;
  then: RuleAction;
}

export interface RuleSet {
  /** Incremented by one on every change; decisions record it. */
  version: number;
  description: string;
  /** Tried in order; the first rule whose conditions all hold decides. */
  rules: Rule[];
  /** Applies when no rule matches. Never `case`: a default is no confident decision. */
  default: { outcome: Exclude<ComplaintOutcome, 'case'>; reason: string };
}

/** What the service knows about a classified complaint when it decides. */
export interface RuleInput {
  category: CategoryCode;
  enforceable: boolean;
  urgent: boolean;
  confidence: { category: number; enforceable: number };
  hotspotAreaId?: string | null;
  /**
   * An officer can find the spot or the party from what the complaint
   * carries: it has coordinates, or it was placed in a known community, or it
   * names a specific address (a house number, building or shop). The service
   * derives it, e.g. with {@link deriveIdentifiable}.
   */
  identifiable: boolean;
  /** The earlier complaint about the same incident; set means this is a repeat. */
  repeatOf?: string | null;
  /**
   * Reports of the same incident, this one included, received within N days
   * up to this one, keyed by N. The service supplies a count for every window
   * in {@link repeatWindowsOf}; a missing one is a programming error.
   */
  repeatCounts?: Readonly<Record<number, number>>;
  needsReview: boolean;
}

export interface RuleSetDecision {
  outcome: ComplaintOutcome;
  reason: string;
  /** The rule that matched, or {@link DEFAULT_RULE_ID}. */
  ruleId: string;
  ruleSetVersion: number;
  /**
   * The rules made this decision with high confidence and a person need not
   * confirm it. Guaranteed: outcome `case` implies confidentAuto.
   */
  confidentAuto: boolean;
  /** A candidate that jumps the queue. */
  urgent: boolean;
  /** Within the bureau's remit (the metric's denominator): everything but forwarded. */
  inScope: boolean;
  /** Chinese: which rule matched and on which facts, for the decision record. */
  explanation: string;
}

export class RuleSetInputError extends Error {}

/**
 * Decides a complaint's outcome: the first rule whose conditions all hold,
 * else the default. A `case` is kept only when the rule allows it
 * automatically and its confidence is high enough (see {@link autoCaseBlockers});
 * otherwise it becomes a candidate for a dispatcher, flagged urgent when the
 * complaint is urgent.
 */
export function evaluateRuleSet(ruleSet: RuleSet, input: RuleInput): RuleSetDecision {
  for (const rule of ruleSet.rules) {
    const facts = matchConditions(rule.when, input);
    if (facts) return decide(ruleSet, rule, input, facts);
  }
  return {
    outcome: ruleSet.default.outcome,
    reason: ruleSet.default.reason,
    ruleId: DEFAULT_RULE_ID,
    ruleSetVersion: ruleSet.version,
    confidentAuto: false,
    urgent: false,
    inScope: ruleSet.default.outcome !== 'forwarded',
    explanation: `规则集第${ruleSet.version}版：未命中任何规则，适用默认结果`,
  };
}

/** The repeat windows (days) a rule set asks about, for the service to count. */
export function repeatWindowsOf(ruleSet: Pick<RuleSet, 'rules'>): number[] {
  const days = ruleSet.rules.map((r) => r.when.repeatWindowDays).filter((d): d is number => d !== undefined);
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * The definition of {@link RuleInput.identifiable}: coordinates, a known
 * community, or an address that names a house number, building, unit or shop
 * (a street name alone is not enough to find a stall or a party).
 */
export function deriveIdentifiable(c: {
  location?: { lng: number; lat: number } | null;
  communityId?: string | null;
  address?: string | null;
}): boolean {
  if (c.location) return true;
  if (c.communityId) return true;
  return SPECIFIC_ADDRESS.test(c.address ?? '');
}

const SPECIFIC_ADDRESS = /[0-9０-９]+\s*(号|號|号楼|栋|幢|座|单元|室|铺|层)|(店|超市|饭店|酒店|商店|工地|市场)$/;

function decide(ruleSet: RuleSet, rule: Rule, input: RuleInput, facts: string[]): RuleSetDecision {
  const matched = `规则集第${ruleSet.version}版，命中规则 ${rule.id}（${rule.description}）：${facts.length ? facts.join('；') : '无条件'}`;
  const base = { ruleId: rule.id, ruleSetVersion: ruleSet.version, inScope: rule.then.outcome !== 'forwarded' };
  if (rule.then.outcome === 'case') {
    const blockers = autoCaseBlockers(rule, input);
    if (blockers.length > 0) {
      // domain.md §7: a filing decision the rules did not make with high confidence goes to a person
      return {
        ...base,
        outcome: 'candidate',
        reason: `${rule.then.reason}；但${blockers.join('、')}，转调度员确认`,
        confidentAuto: false,
        urgent: input.urgent,
        explanation: `${matched}。未自动生成线索：${blockers.join('、')}`,
      };
    }
    return { ...base, outcome: 'case', reason: rule.then.reason, confidentAuto: true, urgent: false, explanation: matched };
  }
  return {
    ...base,
    outcome: rule.then.outcome,
    reason: rule.then.reason,
    confidentAuto: rule.then.outcome !== 'candidate' && rule.then.autoFile === true,
    urgent: rule.then.outcome === 'candidate' && rule.then.flagUrgent === true,
    explanation: matched,
  };
}

/**
 * Why a matched `case` rule may not open a lead on its own. Checked here and
 * not only in validation, so a rule set that skipped validation still
 * cannot file automatically without high confidence.
 */
function autoCaseBlockers(rule: Rule, input: RuleInput): string[] {
  const w = rule.when;
  const blockers: string[] = [];
  if (rule.then.autoFile !== true) blockers.push('该规则不允许自动生成线索');
  if (!input.enforceable) blockers.push('分类结果为不可执法');
  const minEnf = w.minEnforceableConfidence;
  if (minEnf === undefined || minEnf < MIN_AUTO_CASE_CONFIDENCE) {
    blockers.push(`规则未设置不低于${MIN_AUTO_CASE_CONFIDENCE}的可执法置信度门槛`);
  } else if (!(input.confidence.enforceable >= minEnf)) {
    blockers.push(`可执法置信度${fmt(input.confidence.enforceable)}低于${minEnf}`);
  }
  if (w.minCategoryConfidence !== undefined && !(input.confidence.category >= w.minCategoryConfidence)) {
    blockers.push(`类别置信度${fmt(input.confidence.category)}低于${w.minCategoryConfidence}`);
  }
  if (input.needsReview) blockers.push('分类结果需人工复核');
  return blockers;
}

/** The facts that made each condition hold (Chinese), or null when one fails. */
function matchConditions(w: RuleConditions, input: RuleInput): string[] | null {
  const facts: string[] = [];
  const check = (holds: boolean, fact: string): boolean => {
    if (holds) facts.push(fact);
    return holds;
  };
  const categoryName = CATEGORIES[input.category]?.name ?? input.category;
  const area = input.hotspotAreaId ?? null;
  const isRepeat = Boolean(input.repeatOf);

  const all =
    (w.categoryIn === undefined || check(w.categoryIn.includes(input.category), `类别为${categoryName}`)) &&
    (w.categoryNotIn === undefined || check(!w.categoryNotIn.includes(input.category), `类别${categoryName}不在排除范围内`)) &&
    (w.enforceable === undefined || check(input.enforceable === w.enforceable, input.enforceable ? '可执法' : '不可执法')) &&
    (w.minEnforceableConfidence === undefined ||
      check(input.confidence.enforceable >= w.minEnforceableConfidence, `可执法置信度${fmt(input.confidence.enforceable)}≥${w.minEnforceableConfidence}`)) &&
    (w.maxEnforceableConfidence === undefined ||
      check(input.confidence.enforceable < w.maxEnforceableConfidence, `可执法置信度${fmt(input.confidence.enforceable)}<${w.maxEnforceableConfidence}`)) &&
    (w.minCategoryConfidence === undefined ||
      check(input.confidence.category >= w.minCategoryConfidence, `类别置信度${fmt(input.confidence.category)}≥${w.minCategoryConfidence}`)) &&
    (w.maxCategoryConfidence === undefined ||
      check(input.confidence.category < w.maxCategoryConfidence, `类别置信度${fmt(input.confidence.category)}<${w.maxCategoryConfidence}`)) &&
    (w.urgent === undefined || check(input.urgent === w.urgent, input.urgent ? '紧急' : '非紧急')) &&
    (w.inHotspotArea === undefined || check((area !== null) === w.inHotspotArea, area ? `位于热点区域${area}` : '不在热点区域')) &&
    (w.hotspotAreaIn === undefined || check(area !== null && w.hotspotAreaIn.includes(area), `位于热点区域${area ?? ''}`)) &&
    (w.identifiable === undefined || check(input.identifiable === w.identifiable, input.identifiable ? '地点或当事人可确定' : '地点或当事人无法确定')) &&
    (w.isRepeat === undefined || check(isRepeat === w.isRepeat, isRepeat ? '重复件' : '非重复件')) &&
    (w.needsReview === undefined || check(input.needsReview === w.needsReview, input.needsReview ? '需人工复核' : '无需人工复核')) &&
    repeatCondition(w, input, check);
  return all ? facts : null;
}

function repeatCondition(w: RuleConditions, input: RuleInput, check: (holds: boolean, fact: string) => boolean): boolean {
  if (w.repeatCountAtLeast === undefined && w.repeatWindowDays === undefined) return true;
  const days = w.repeatWindowDays;
  const atLeast = w.repeatCountAtLeast;
  if (days === undefined || atLeast === undefined) {
    throw new RuleSetInputError('repeatCountAtLeast and repeatWindowDays go together; validate the rule set first');
  }
  const count = input.repeatCounts?.[days];
  if (count === undefined) throw new RuleSetInputError(`no repeat count for a ${days}-day window (see repeatWindowsOf)`);
  return check(count >= atLeast, `${days}日内同一问题反映${count}次（≥${atLeast}）`);
}

function fmt(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 1000) / 1000) : String(n);
}
