import type {
  CardRules, ComplaintIndicatorRules, EvaluationScheme, ExitRule, GradeBand, Indicator, Party, SurveyAnswer, SurveyRules,
} from '../scheme/scheme';

/**
 * The arithmetic of the six-party evaluation, as pure functions over plain
 * inputs, so that every number a committee sees can be recomputed by hand
 * from the submissions and complaint facts it is shown.
 */

/** Two decimals for display; totals are summed from unrounded terms. */
export const round2 = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;

// ---- submissions -----------------------------------------------------------

/** One indicator as submitted: a score, or for a deduction item the faults found. */
export interface IndicatorEntry {
  code: string;
  score?: number;
  faults?: number;
  comment?: string;
}

export interface IndicatorScore {
  code: string;
  name: string;
  category: string;
  maxScore: number;
  faults: number | null;
  score: number;
  comment: string | null;
}

/** The points an entry earns: as given, or max − faults × deduction, floor 0. */
export function indicatorScore(indicator: Indicator, entry: IndicatorEntry): IndicatorScore {
  const faults = entry.faults ?? null;
  const score = faults === null ? (entry.score ?? 0) : Math.max(0, indicator.maxScore - faults * (indicator.deductionPerFault ?? 0));
  return { code: indicator.code, name: indicator.name, category: indicator.category, maxScore: indicator.maxScore, faults, score, comment: entry.comment ?? null };
}

/** A submission's score out of 100: points earned over points possible. */
export function submissionScore(items: IndicatorScore[]): number {
  const max = items.reduce((s, i) => s + i.maxScore, 0);
  return max === 0 ? 0 : (items.reduce((s, i) => s + i.score, 0) / max) * 100;
}

// ---- the owners' survey ----------------------------------------------------

export type AnswerTally = Record<SurveyAnswer, number>;

export interface SurveyResult {
  households: number;
  /** Households that answered. */
  respondents: number;
  required: number;
  sufficient: boolean;
  answers: AnswerTally;
  /** Mean points over every answer to every question; null when the sample is too small. */
  score: number | null;
}

/** The minimum sample: max(minAnswers, ⌈share × households⌉), never more than the households there are. */
export function requiredRespondents(rules: SurveyRules, households: number): number {
  return Math.min(households, Math.max(rules.minAnswers, Math.ceil(rules.minShareOfHouseholds * households)));
}

export function surveyResult(rules: SurveyRules, households: number, respondents: number, answers: AnswerTally): SurveyResult {
  const required = requiredRespondents(rules, households);
  const total = answers.satisfied + answers.basically_satisfied + answers.dissatisfied;
  const sufficient = respondents >= required && total > 0;
  const points =
    answers.satisfied * rules.answerScores.satisfied +
    answers.basically_satisfied * rules.answerScores.basically_satisfied +
    answers.dissatisfied * rules.answerScores.dissatisfied;
  return { households, respondents, required, sufficient, answers, score: sufficient ? points / total : null };
}

// ---- what the complaints say -----------------------------------------------

/** A community's property-service complaints in a period, and what became of them. */
export interface ComplaintFacts {
  households: number;
  complaints: number;
  repeats: number;
  convertedToCases: number;
  callbacks: { satisfied: number; basically_satisfied: number; unsatisfied: number };
  closed: number;
  closedInTime: number;
  /** Mean days from receipt to closure of the closed ones; null when none closed. */
  meanResolutionDays: number | null;
}

export interface ComplaintIndicator {
  facts: ComplaintFacts;
  perHundredHouseholds: number;
  /** Share of complaints that repeat an earlier one, in %. */
  repeatRate: number;
  /** Share converted to enforcement cases, in %. */
  caseRate: number;
  /** Mean callback points; null without callbacks. */
  callbackSatisfaction: number | null;
  /** Share closed within the target, in %; null when none closed. */
  timelyRate: number | null;
  parts: { volume: number; satisfaction: number | null; resolution: number | null };
  score: number;
}

export function complaintIndicator(rules: ComplaintIndicatorRules, facts: ComplaintFacts): ComplaintIndicator {
  const perHundredHouseholds = facts.households > 0 ? (facts.complaints * 100) / facts.households : 0;
  const repeatRate = facts.complaints ? (facts.repeats * 100) / facts.complaints : 0;
  const caseRate = facts.complaints ? (facts.convertedToCases * 100) / facts.complaints : 0;
  const volume = Math.max(
    0,
    100 - rules.perHundredPenalty * perHundredHouseholds - rules.repeatRatePenalty * repeatRate - rules.casePenalty * facts.convertedToCases,
  );
  const cb = facts.callbacks;
  const callbackCount = cb.satisfied + cb.basically_satisfied + cb.unsatisfied;
  const callbackSatisfaction = callbackCount
    ? (cb.satisfied * rules.callbackScores.satisfied + cb.basically_satisfied * rules.callbackScores.basically_satisfied + cb.unsatisfied * rules.callbackScores.unsatisfied) /
      callbackCount
    : null;
  const timelyRate = facts.closed ? (facts.closedInTime * 100) / facts.closed : null;
  const parts = { volume, satisfaction: callbackSatisfaction, resolution: timelyRate };
  const candidates: Array<[number, number | null]> = [
    [rules.blend.volume, volume],
    [rules.blend.satisfaction, callbackSatisfaction],
    [rules.blend.resolution, timelyRate],
  ];
  const blend = candidates.filter((p): p is [number, number] => p[1] !== null && p[0] > 0);
  const weight = blend.reduce((s, [w]) => s + w, 0);
  const score = weight ? blend.reduce((s, [w, v]) => s + w * v, 0) / weight : volume;
  return { facts, perHundredHouseholds, repeatRate, caseRate, callbackSatisfaction, timelyRate, parts, score };
}

// ---- the weighted result ---------------------------------------------------

export type PartyInput =
  | { kind: 'submission'; score: number; vetoes: string[]; reference: { submissionId: string; revision: number; submittedAt: string } }
  | { kind: 'survey'; survey: SurveyResult }
  | { kind: 'complaints'; indicator: ComplaintIndicator };

export type TermStatus = 'scored' | 'missing' | 'insufficient_sample';

/** One party's part of the score: weight × score, renormalised over the parties present. */
export interface Term {
  party: string;
  partyName: string;
  instrument: Party['instrument'];
  weight: number;
  /** The weight after renormalisation over the parties present (0 for a missing one). */
  effectiveWeight: number;
  score: number | null;
  /** effectiveWeight × score / 100: the points this party adds to the total. */
  contribution: number;
  status: TermStatus;
}

export interface WeightedResult {
  terms: Term[];
  /** Share of the total weight carried by the parties with a score, in %. */
  presentWeight: number;
  /** False when too few parties took part to judge (see EvaluationScheme.minPresentWeight). */
  rated: boolean;
  score: number;
  grade: { code: string; name: string };
  vetoes: string[];
  missingParties: string[];
  /** Every party is in (each submission made and the survey sample reached). */
  complete: boolean;
}

export const UNRATED_GRADE = { code: 'unrated', name: '无法评定' } as const;

export function gradeFor(grades: GradeBand[], score: number, vetoed: boolean): { code: string; name: string } {
  const sorted = [...grades].sort((a, b) => b.minScore - a.minScore);
  const band = vetoed ? sorted[sorted.length - 1] : (sorted.find((g) => score >= g.minScore) ?? sorted[sorted.length - 1]);
  return { code: band.code, name: band.name };
}

function partyScore(input: PartyInput | undefined): { score: number | null; status: TermStatus } {
  if (!input) return { score: null, status: 'missing' };
  if (input.kind === 'submission') return { score: input.score, status: 'scored' };
  if (input.kind === 'survey') return input.survey.score === null ? { score: null, status: 'insufficient_sample' } : { score: input.survey.score, status: 'scored' };
  return { score: input.indicator.score, status: 'scored' };
}

/**
 * Weights each party's score; a party without a score (not submitted, or a
 * survey below the minimum sample) is left out and the others' weights are
 * scaled up to 100, and it is named in `missingParties`. A veto reported by a
 * party allowed to report one sets the lowest grade whatever the score.
 */
export function weightedResult(scheme: Pick<EvaluationScheme, 'parties' | 'grades' | 'vetoes' | 'minPresentWeight'>, inputs: Record<string, PartyInput | undefined>): WeightedResult {
  const scored = scheme.parties.map((p) => ({ party: p, ...partyScore(inputs[p.code]) }));
  const presentWeight = scored.filter((s) => s.score !== null).reduce((sum, s) => sum + s.party.weight, 0);
  const terms: Term[] = scored.map(({ party, score, status }) => {
    const effectiveWeight = score !== null && presentWeight > 0 ? (party.weight * 100) / presentWeight : 0;
    return {
      party: party.code, partyName: party.name, instrument: party.instrument, weight: party.weight,
      effectiveWeight, score, contribution: score === null ? 0 : (effectiveWeight * score) / 100, status,
    };
  });
  const known = new Set(scheme.vetoes.map((v) => v.code));
  const vetoes = [
    ...new Set(
      scheme.parties.flatMap((p) => {
        const input = inputs[p.code];
        return p.mayReportVeto && input?.kind === 'submission' ? input.vetoes.filter((v) => known.has(v)) : [];
      }),
    ),
  ];
  const score = terms.reduce((s, t) => s + t.contribution, 0);
  const missingParties = terms.filter((t) => t.status !== 'scored').map((t) => t.party);
  const totalWeight = scheme.parties.reduce((sum, p) => sum + p.weight, 0);
  const presentShare = totalWeight ? (presentWeight * 100) / totalWeight : 0;
  const rated = presentShare >= scheme.minPresentWeight;
  const grade = rated ? gradeFor(scheme.grades, score, vetoes.length > 0) : { ...UNRATED_GRADE };
  return { terms, presentWeight: presentShare, rated, score, grade, vetoes, missingParties, complete: missingParties.length === 0 };
}

// ---- cards and leaving the focus list across periods -----------------------

export type Card = 'none' | 'yellow' | 'red';

/** What an earlier period's result decided, oldest first. */
export interface PeriodOutcome {
  period: string;
  card: Card;
  meetsExit: boolean;
}

export interface CardDecision {
  card: Card;
  /** Periods in a row ending with this one that had a card. */
  consecutiveCards: number;
  reasons: string[];
}

export function cardFor(rules: CardRules, score: number, vetoed: boolean, perHundredHouseholds: number, earlier: PeriodOutcome[], rated = true): CardDecision {
  const reasons: string[] = [];
  if (!rated) return { card: 'none', consecutiveCards: 0, reasons: ['参评方不足，无法评定'] };
  if (score < rules.yellowBelowScore) reasons.push(`得分 ${round2(score)} 低于 ${rules.yellowBelowScore} 分`);
  if (vetoed && rules.yellowOnVeto) reasons.push('存在一票否决事项');
  if (!reasons.length) return { card: 'none', consecutiveCards: 0, reasons };
  let consecutiveCards = 1;
  for (let i = earlier.length - 1; i >= 0 && earlier[i].card !== 'none'; i--) consecutiveCards++;
  const red = consecutiveCards >= rules.redAfterConsecutiveYellows && perHundredHouseholds >= rules.redMinComplaintsPerHundred;
  if (red) reasons.push(`连续 ${consecutiveCards} 期亮牌，且每百户物业投诉 ${round2(perHundredHouseholds)} 件（不低于 ${rules.redMinComplaintsPerHundred}）`);
  return { card: red ? 'red' : 'yellow', consecutiveCards, reasons };
}

export interface ExitDecision {
  meets: boolean;
  /** Periods in a row ending with this one that met the rule. */
  consecutive: number;
  leavesFocusList: boolean;
}

export function exitFor(rules: ExitRule, score: number, vetoed: boolean, card: Card, perHundredHouseholds: number, earlier: PeriodOutcome[], rated = true): ExitDecision {
  const meets = rated && !vetoed && card === 'none' && score >= rules.minScore && perHundredHouseholds <= rules.maxComplaintsPerHundred;
  let consecutive = meets ? 1 : 0;
  for (let i = earlier.length - 1; meets && i >= 0 && earlier[i].meetsExit; i--) consecutive++;
  return { meets, consecutive, leavesFocusList: consecutive >= rules.consecutivePeriods };
}
