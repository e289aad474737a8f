import { Injectable } from '@nestjs/common';
import { ComplaintFactsService } from '../complaint-facts/complaint-facts.service';
import { PERIOD_STATUS_LABELS } from '../period/period.schema';
import { RegistryService } from '../registry/registry.service';
import { SubmissionService } from '../submission/submission.service';
import { round2 } from '../scoring/evaluation.rules';
import { EvaluationService } from './evaluation.service';
import { changes, ranks, resultView, type ResultView } from './evaluation.view';
import type { CommunityRecordDto } from './community-record.dto';
import type { CompanyRowDto, CompanyTableDto, RankingDto } from './result-view.dto';

export interface RankingFilter {
  district?: string;
  propertyCompanyId?: string;
  grade?: string;
  card?: 'yellow' | 'red' | 'any';
}

/** What property committees and the housing authority read. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly registry: RegistryService,
    private readonly submissions: SubmissionService,
    private readonly facts: ComplaintFactsService,
  ) {}

  /** Every community of the period, ranked among all of them, then filtered. */
  async ranking(period: string, filter: RankingFilter = {}): Promise<RankingDto> {
    const { period: p, scheme, results, history } = await this.evaluation.results(period);
    const rankOf = ranks(results);
    const rows = results
      .map((r) => resultView(scheme, r, rankOf.get(r.communityId) ?? null, history.results.get(r.communityId) ?? []))
      .filter((r) => !filter.district || r.district === filter.district)
      .filter((r) => !filter.propertyCompanyId || r.propertyCompanyId === filter.propertyCompanyId)
      .filter((r) => !filter.grade || r.grade === filter.grade)
      .filter((r) => !filter.card || (filter.card === 'any' ? r.card.card !== 'none' : r.card.card === filter.card))
      // the unrated last
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.communityId.localeCompare(b.communityId));
    return { period: p._id, status: p.status, statusLabel: PERIOD_STATUS_LABELS[p.status], schemeVersion: p.schemeVersion, final: p.status === 'closed', total: results.length, rows };
  }

  /** Communities with a yellow or red card, red first. */
  async cards(period: string): Promise<RankingDto> {
    const ranking = await this.ranking(period, { card: 'any' });
    const order = { red: 0, yellow: 1, none: 2 };
    return { ...ranking, rows: [...ranking.rows].sort((a, b) => order[a.card.card] - order[b.card.card] || (a.rank ?? Infinity) - (b.rank ?? Infinity)) };
  }

  /** Per property company: its communities' mean score, grades and cards. */
  async companies(period: string): Promise<CompanyTableDto> {
    const ranking = await this.ranking(period);
    const byCompany = new Map<string, ResultView[]>();
    for (const r of ranking.rows) byCompany.set(r.propertyCompanyId, [...(byCompany.get(r.propertyCompanyId) ?? []), r]);
    const rows = [...byCompany].map(([id, all]): CompanyRowDto => {
      const rs = all.filter((r) => r.rated);
      return {
        propertyCompanyId: id,
        propertyCompanyName: all[0].propertyCompanyName,
        communities: all.length,
        rated: rs.length,
        averageScore: rs.length ? round2(rs.reduce((s, r) => s + r.score, 0) / rs.length) : null,
        lowestScore: rs.length ? Math.min(...rs.map((r) => r.score)) : null,
        grades: count(all.map((r) => r.gradeName)),
        yellowCards: all.filter((r) => r.card.card === 'yellow').length,
        redCards: all.filter((r) => r.card.card === 'red').length,
        communityIds: all.map((r) => r.communityId),
      };
    });
    const byAverage = (a: CompanyRowDto, b: CompanyRowDto) => (b.averageScore ?? -1) - (a.averageScore ?? -1) || a.propertyCompanyId.localeCompare(b.propertyCompanyId);
    return { period: ranking.period, status: ranking.status, final: ranking.final, rows: rows.sort(byAverage) };
  }

  /**
   * A community's whole evaluation: each party's input with its arithmetic,
   * the complaints behind the complaint indicator, the published revision and
   * the trend over the periods.
   */
  async record(period: string, communityId: string): Promise<CommunityRecordDto> {
    const { period: p, scheme, results, history } = await this.evaluation.results(period);
    const community = await this.registry.community(communityId);
    const result = results.find((r) => r.communityId === communityId);
    const earlier = history.results.get(communityId) ?? [];
    const [submitted, counted, published] = await Promise.all([
      this.submissions.scored(scheme, period, communityId),
      this.facts.counted(period, communityId),
      this.evaluation.published(period, communityId),
    ]);
    const view = result ? resultView(scheme, result, ranks(results).get(communityId) ?? null, earlier) : null;
    return {
      period: { period: p._id, status: p.status, statusLabel: PERIOD_STATUS_LABELS[p.status], schemeVersion: p.schemeVersion },
      community,
      result: view,
      published: published ? { revision: published.revision, final: published.final, evaluatedAt: published.evaluatedAt, score: round2(published.score), grade: published.grade.name } : null,
      parties: scheme.parties.map((party) => ({
        code: party.code,
        name: party.name,
        instrument: party.instrument,
        instrumentName: party.instrumentName,
        weight: party.weight,
        submission: party.instrument === 'submission' ? (submitted.find((s) => s.party === party.code) ?? null) : undefined,
      })),
      survey: result?.survey ?? null,
      complaints: result ? { ...result.complaints, counted } : null,
      trend: [...earlier, ...(result ? [result] : [])].map((r) => ({ period: r.period, score: r.rated ? round2(r.score) : null, grade: r.grade.name, card: r.card.card, final: r.final })),
      change: result ? changes(result, earlier) : null,
    };
  }
}

function count(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
}
