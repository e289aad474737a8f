import type { FieldError } from '@pipeline/contracts';
import type { IndicatorEntry } from '../scoring/evaluation.rules';
import type { Party, Veto } from '../scheme/scheme';

/**
 * What class-validator cannot know: that a submission fits its party's
 * instrument under the period's scheme. Every indicator exactly once, each
 * score within its range (or faults for a deduction item), vetoes only from a
 * party that may report them and only of known kinds.
 */
export function checkSubmission(party: Party, vetoes: readonly Veto[], entries: IndicatorEntry[], reported: string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => {
    const existing = errors.find((e) => e.field === field);
    if (existing) existing.messages.push(message);
    else errors.push({ field, messages: [message] });
  };
  const byCode = new Map(party.indicators.map((i) => [i.code, i]));
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const indicator = byCode.get(entry.code);
    if (!indicator) return add(`indicators[${i}].code`, `${party.name}的评价指标中没有 ${entry.code}`);
    if (seen.has(entry.code)) return add(`indicators[${i}].code`, `指标 ${entry.code} 重复填写`);
    seen.add(entry.code);
    const { score, faults } = entry;
    if ((score === undefined) === (faults === undefined)) return add(`indicators[${i}]`, '得分（score）与问题数（faults）须填且只填一项');
    if (faults !== undefined && indicator.deductionPerFault === null) add(`indicators[${i}].faults`, `指标 ${entry.code} 不按问题数扣分，请直接填写得分`);
    if (score !== undefined && (score < 0 || score > indicator.maxScore)) add(`indicators[${i}].score`, `指标 ${entry.code} 的得分须在 0–${indicator.maxScore} 之间`);
  });
  const missing = party.indicators.filter((i) => !seen.has(i.code)).map((i) => i.code);
  if (missing.length) add('indicators', `缺少指标：${missing.join('、')}`);
  if (reported.length && !party.mayReportVeto) add('vetoes', `${party.name}不能报告一票否决事项`);
  else {
    const known = new Set(vetoes.map((v) => v.code));
    reported.forEach((code, i) => {
      if (!known.has(code)) add(`vetoes[${i}]`, `未知的一票否决事项 ${code}，可选：${vetoes.map((v) => `${v.code}（${v.name}）`).join('、')}`);
    });
  }
  return errors;
}
