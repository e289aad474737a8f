import type { FieldError } from '@pipeline/contracts';
import { SURVEY_ANSWERS, type EvaluationScheme, type InstrumentKind } from './scheme';

/** Weights are points out of 100 and may be fractional (e.g. 33.33); this absorbs float error, not real gaps. */
const WEIGHT_TOLERANCE = 0.001;

const INSTRUMENT_LABELS: Record<InstrumentKind, string> = {
  submission: '提交类（submission）',
  survey: '满意度问卷类（survey）',
  complaints: '投诉数据类（complaints）',
};

/**
 * The rules across fields that the DTO cannot express, on a scheme whose
 * fields are each valid already. Every problem is reported at once, each
 * under the path of the offending field. Comparisons are written so that NaN
 * fails them, as the function may also be given data that skipped the DTO.
 */
export function checkScheme(scheme: Omit<EvaluationScheme, 'version'>): FieldError[] {
  const errors = new Errors();
  checkParties(scheme, errors);
  checkSurvey(scheme, errors);
  checkComplaintIndicator(scheme, errors);
  checkGrades(scheme, errors);
  unique(scheme.vetoes, 'vetoes', '否决事项', errors);
  return errors.list();
}

function checkParties(scheme: Omit<EvaluationScheme, 'version'>, errors: Errors): void {
  const { parties } = scheme;
  unique(parties, 'parties', '参与方', errors);

  const weights = parties.reduce((sum, p) => sum + p.weight, 0);
  if (!(Math.abs(weights - 100) <= WEIGHT_TOLERANCE)) {
    errors.add('parties', `各参与方权重之和须为 100，当前为 ${round(weights)}`);
  }

  // one survey and one complaint figure per community: a second party of either kind would count the same data twice
  const firstOfKind = new Map<InstrumentKind, number>();
  parties.forEach((party, i) => {
    const at = `parties[${i}]`;
    const kind = party.instrument;
    if (kind !== 'submission') {
      const first = firstOfKind.get(kind);
      if (first === undefined) firstOfKind.set(kind, i);
      else errors.add(`${at}.instrument`, `${INSTRUMENT_LABELS[kind]}参与方至多一个，已有 parties[${first}]`);
    }

    if (kind === 'submission' && party.indicators.length === 0) {
      errors.add(`${at}.indicators`, `${INSTRUMENT_LABELS.submission}参与方至少须有一个指标`);
    } else if (kind !== 'submission' && party.indicators.length > 0) {
      errors.add(`${at}.indicators`, `${INSTRUMENT_LABELS[kind]}参与方不设指标，其得分由${kind === 'survey' ? '满意度问卷' : '投诉数据'}计算`);
    }

    unique(party.indicators, `${at}.indicators`, '指标', errors);
    party.indicators.forEach((indicator, k) => {
      const d = indicator.deductionPerFault;
      if (d === null) return;
      const field = `${at}.indicators[${k}].deductionPerFault`;
      if (!(d > 0)) errors.add(field, '每处扣分须大于 0；不按扣分计分时填 null');
      else if (!(d <= indicator.maxScore)) errors.add(field, `每处扣分不能超过本项满分 ${indicator.maxScore}`);
    });
  });
}

function checkSurvey(scheme: Omit<EvaluationScheme, 'version'>, errors: Errors): void {
  const { survey } = scheme;
  unique(survey.questions, 'survey.questions', '题目', errors);
  if (survey.questions.length === 0 && scheme.parties.some((p) => p.instrument === 'survey')) {
    errors.add('survey.questions', '设有满意度问卷类参与方时，问卷至少须有一道题目');
  }
  for (const answer of SURVEY_ANSWERS) {
    const score = survey.answerScores[answer];
    if (!(score >= 0 && score <= 100)) errors.add(`survey.answerScores.${answer}`, '得分须在 0–100 之间');
  }
}

function checkComplaintIndicator(scheme: Omit<EvaluationScheme, 'version'>, errors: Errors): void {
  const { volume, satisfaction, resolution } = scheme.complaintIndicator.blend;
  // the parts are renormalised over those with data; all zero would leave nothing to divide by
  if (!(volume + satisfaction + resolution > 0)) {
    errors.add('complaintIndicator.blend', 'volume、satisfaction、resolution 三项比重之和须大于 0');
  }
}

function checkGrades(scheme: Omit<EvaluationScheme, 'version'>, errors: Errors): void {
  const { grades } = scheme;
  if (grades.length === 0) {
    errors.add('grades', '至少须有一个等级');
    return;
  }
  unique(grades, 'grades', '等级', errors);
  grades.forEach((grade, i) => {
    if (i === 0) return;
    const previous = grades[i - 1].minScore;
    if (!(grade.minScore < previous)) {
      errors.add(`grades[${i}].minScore`, `等级须按最低分从高到低排列，本档最低分须低于 grades[${i - 1}] 的 ${previous}`);
    }
  });
  // the lowest band starting at 0 gives every score a grade
  const last = grades.length - 1;
  if (grades[last].minScore !== 0) errors.add(`grades[${last}].minScore`, '最低一档的最低分须为 0，使任何得分都有等级');
}

/** Reports each repeat of a code at the repeat, naming where it was first used. */
function unique(items: readonly { code: string }[], at: string, label: string, errors: Errors): void {
  const firstAt = new Map<string, number>();
  items.forEach((item, i) => {
    const first = firstAt.get(item.code);
    if (first === undefined) firstAt.set(item.code, i);
    else errors.add(`${at}[${i}].code`, `${label}编码 ${item.code} 重复，已用于 ${at}[${first}]`);
  });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Collects messages per field, in the order fields are first reported. */
class Errors {
  private readonly byField = new Map<string, string[]>();

  add(field: string, message: string): void {
    const messages = this.byField.get(field);
    if (messages) messages.push(message);
    else this.byField.set(field, [message]);
  }

  list(): FieldError[] {
    return [...this.byField].map(([field, messages]) => ({ field, messages }));
  }
}
