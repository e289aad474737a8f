/**
 * The evaluation scheme (评价方案): everything that decides a community's
 * score, as data. domain.md §5 found no official six parties, weights or
 * grades, so the defaults are proposals; the housing authority changes them by
 * saving a new version, and every period is evaluated under the version it was
 * opened with.
 */

/** How a party's score is obtained. */
export type InstrumentKind =
  /** scores per indicator, submitted by the party (questionnaire, checklist, on-site assessment) */
  | 'submission'
  /** the owners' satisfaction survey, one answer per household */
  | 'survey'
  /** computed from the pipeline's complaint, case and callback events */
  | 'complaints';

export const INSTRUMENT_KINDS: readonly InstrumentKind[] = ['submission', 'survey', 'complaints'];

/** One scored item of a party's instrument. */
export interface Indicator {
  /** Stable code, unique within the party, e.g. `SAN-02`. */
  code: string;
  name: string;
  /** The group it belongs to, e.g. one of the eight categories of the quantitative assessment (环境卫生). */
  category: string;
  maxScore: number;
  /**
   * Scoring by deduction: points taken off per fault found, floor 0. A
   * submission may then give the faults found instead of the score.
   */
  deductionPerFault: number | null;
  /** What is checked, for the person filling it in. */
  guidance: string;
}

export interface Party {
  /** Stable code, e.g. `owners`, `district_authority`. */
  code: string;
  /** Chinese name shown to users, e.g. 业主. */
  name: string;
  instrument: InstrumentKind;
  /** Name of the instrument, e.g. 满意度问卷, 物业服务量化考核. */
  instrumentName: string;
  /** Share of the total score, in points out of 100 (all parties sum to 100). */
  weight: number;
  /** Only for `submission` parties: the items their submission scores (at least one). */
  indicators: Indicator[];
  /** Whether this party may report a veto event (一票否决). */
  mayReportVeto: boolean;
}

export const SURVEY_ANSWERS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

export interface SurveyQuestion {
  code: string;
  text: string;
}

/** The owners' satisfaction survey (物业服务项目满意度评价). */
export interface SurveyRules {
  questions: SurveyQuestion[];
  /** Points per answer, 0–100 (default 满意 100, 基本满意 70, 不满意 0). */
  answerScores: Record<SurveyAnswer, number>;
  /** At least this many households must answer… */
  minAnswers: number;
  /** …and at least this share of the community's households (default: max(30, 10%)). */
  minShareOfHouseholds: number;
}

/**
 * The complaint indicator: what residents' calls say about the service.
 * volume = 100 − perHundredPenalty × property-service complaints per 100
 * households − repeatRatePenalty × repeat rate (%) − casePenalty × complaints
 * converted to cases, floor 0; blended with callback satisfaction and timely
 * resolution, each weighted by `blend` (a part with no data is left out and the
 * others renormalised).
 */
export interface ComplaintIndicatorRules {
  perHundredPenalty: number;
  repeatRatePenalty: number;
  casePenalty: number;
  /** A complaint closed within this many days of receipt counts as resolved in time. */
  resolutionTargetDays: number;
  /** Points per callback satisfaction level (the hotline's 回访). */
  callbackScores: { satisfied: number; basically_satisfied: number; unsatisfied: number };
  blend: { volume: number; satisfaction: number; resolution: number };
}

export interface GradeBand {
  code: string;
  /** Chinese name, e.g. 优秀. */
  name: string;
  /** Lowest score in the band; the lowest band starts at 0. */
  minScore: number;
}

export interface Veto {
  code: string;
  name: string;
}

/** Yellow and red cards (黄牌、红牌). */
export interface CardRules {
  /** A result below this score earns a yellow card. */
  yellowBelowScore: number;
  /** A vetoed result earns a yellow card whatever the score. */
  yellowOnVeto: boolean;
  /** A red card when this many consecutive periods (this one included) had a yellow card… */
  redAfterConsecutiveYellows: number;
  /** …and this period's property-service complaints per 100 households are at least this. */
  redMinComplaintsPerHundred: number;
}

/** Leaving the focus list (退出重点攻坚名单). */
export interface ExitRule {
  minScore: number;
  maxComplaintsPerHundred: number;
  /** Periods in a row that must meet the rule (no card, no veto, the two limits). */
  consecutivePeriods: number;
}

export interface EvaluationScheme {
  /** Numbered by the service, 1, 2, 3… */
  version: number;
  name: string;
  description: string;
  parties: Party[];
  /**
   * A result is rated only when the parties with a score carry at least this
   * share of the total weight (in %): a community whose parties did not take
   * part is shown as not rated, never ranked on what little came in.
   */
  minPresentWeight: number;
  survey: SurveyRules;
  complaintIndicator: ComplaintIndicatorRules;
  /** Highest first. */
  grades: GradeBand[];
  vetoes: Veto[];
  cards: CardRules;
  exit: ExitRule;
}
