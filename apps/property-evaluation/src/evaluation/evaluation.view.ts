import type { CsvCell } from '@pipeline/http';
import type { EvaluationScheme } from '../scheme/scheme';
import { round2, type Card } from '../scoring/evaluation.rules';
import type { ResultRecord } from './evaluation.service';
import type { ResultViewDto, ScoreChangeDto } from './result-view.dto';

export const CARD_LABELS: Record<Card, string> = { none: '无', yellow: '黄牌', red: '红牌' };
const TERM_STATUS_LABELS = { scored: '已计分', missing: '未提交', insufficient_sample: '样本不足' } as const;

/**
 * Competition ranking of the rated results by score, highest first: equal
 * scores (to two decimals) share a rank, the next rank skips (1, 2, 2, 4).
 * Results that could not be rated have no rank.
 */
export function ranks(results: readonly ResultRecord[]): Map<string, number> {
  const sorted = results.filter((r) => r.rated).sort((a, b) => round2(b.score) - round2(a.score) || a.communityId.localeCompare(b.communityId));
  const byId = new Map<string, number>();
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    byId.set(r.communityId, prev && round2(prev.score) === round2(r.score) ? (byId.get(prev.communityId) ?? i + 1) : i + 1);
  });
  return byId;
}

/**
 * Score change since the previous closed period and since the first rated
 * one (the campaign's start for this community); a result that could not be
 * rated compares with nothing.
 */
export function changes(result: ResultRecord, earlier: readonly ResultRecord[]): ScoreChangeDto {
  if (!result.rated) return { sincePrevious: null, sinceStart: null, startPeriod: null };
  const last = earlier.at(-1);
  const previous = last?.rated ? last : undefined;
  const first = earlier.find((r) => r.rated);
  return {
    sincePrevious: previous ? round2(result.score - previous.score) : null,
    sinceStart: first ? round2(result.score - first.score) : null,
    startPeriod: first?.period ?? null,
  };
}

/** One community's result as a committee reads it: rounded numbers, Chinese labels, every term with its arithmetic. */
export function resultView(scheme: EvaluationScheme, r: ResultRecord, rank: number | null, earlier: readonly ResultRecord[]): ResultViewDto {
  const vetoName = new Map(scheme.vetoes.map((v) => [v.code, v.name]));
  const partyName = new Map(scheme.parties.map((p) => [p.code, p.name]));
  return {
    period: r.period,
    communityId: r.communityId,
    name: r.community.name,
    district: r.community.district,
    households: r.community.households,
    propertyCompanyId: r.community.propertyCompanyId,
    propertyCompanyName: r.community.propertyCompanyName,
    onFocusList: r.community.onFocusList,
    schemeVersion: r.schemeVersion,
    score: round2(r.score),
    grade: r.grade.code,
    gradeName: r.grade.name,
    rank,
    change: changes(r, earlier),
    complete: r.complete,
    rated: r.rated,
    presentWeight: round2(r.presentWeight),
    missingParties: r.missingParties.map((code) => ({ code, name: partyName.get(code) ?? code })),
    vetoes: r.vetoes.map((code) => ({ code, name: vetoName.get(code) ?? code })),
    card: { card: r.card.card, label: CARD_LABELS[r.card.card], reasons: r.card.reasons, consecutiveCards: r.card.consecutiveCards },
    exit: r.exit,
    propertyComplaintsPerHundredHouseholds: round2(r.complaints.perHundredHouseholds),
    terms: r.terms.map((t) => ({
      party: t.party,
      partyName: t.partyName,
      status: t.status,
      statusLabel: TERM_STATUS_LABELS[t.status],
      weight: t.weight,
      effectiveWeight: round2(t.effectiveWeight),
      score: t.score === null ? null : round2(t.score),
      contribution: round2(t.contribution),
      arithmetic: t.score === null ? `${t.partyName}：${TERM_STATUS_LABELS[t.status]}，权重按其余各方重新归一` : `${round2(t.effectiveWeight)}% × ${round2(t.score)} = ${round2(t.contribution)}`,
    })),
    total: `${r.terms.filter((t) => t.score !== null).map((t) => round2(t.contribution)).join(' + ')} ≈ ${round2(r.score)}`,
    revision: r.revision || null,
    final: r.final,
    evaluatedAt: r.evaluatedAt,
  };
}

export type ResultView = ResultViewDto;

export const RANKING_CSV_HEADER = [
  '名次', '小区编号', '小区名称', '区(市)', '物业企业', '户数', '总分', '等级', '黄红牌', '一票否决', '缺评方', '每百户物业投诉', '较上期', '较首期', '是否最终结果',
];

export function rankingCsvLines(rows: readonly ResultView[]): CsvCell[][] {
  return [
    RANKING_CSV_HEADER,
    ...rows.map((r) => [
      r.rank, r.communityId, r.name, r.district, r.propertyCompanyName, r.households, r.score, r.gradeName, r.card.label,
      r.vetoes.map((v) => v.name).join('；'), r.missingParties.map((p) => p.name).join('；'), r.propertyComplaintsPerHundredHouseholds,
      r.change.sincePrevious, r.change.sinceStart, r.final ? '是' : '否（评价期未关闭）',
    ]),
  ];
}
