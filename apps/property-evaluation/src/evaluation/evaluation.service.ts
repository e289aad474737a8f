import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { METRICS, TOPICS, derivedEventId } from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/observability';
import { EventPublisher, type OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay, type OutboxModel } from '@pipeline/mongo';
import { noComplaints } from '../complaint-facts/complaint-facts.rules';
import { ComplaintFactsService } from '../complaint-facts/complaint-facts.service';
import type { PeriodClosedDto } from '../period/period-view.dto';
import { PeriodService, type Period } from '../period/period.service';
import { RegistryService, type Community } from '../registry/registry.service';
import type { EvaluationScheme } from '../scheme/scheme';
import { SchemeService } from '../scheme/scheme.service';
import type { ScoredSubmissionDto } from '../submission/scored-submission.dto';
import { SubmissionService } from '../submission/submission.service';
import { SurveyService, emptyTally } from '../survey/survey.service';
import {
  cardFor, complaintIndicator, exitFor, round2, surveyResult, weightedResult, type PartyInput, type PeriodOutcome,
} from '../scoring/evaluation.rules';
import { StoredResult, resultId } from './result.schema';

/** A result as computed or stored, without the outbox fields. */
export type ResultRecord = Omit<StoredResult, 'outbox' | 'outboxSeq' | 'outboxPendingSince'>;
const HIDE_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 } as const;

/** What triggered a refresh: a survey answer after completion does not republish (the final result has it). */
export type RefreshTrigger = 'submission' | 'survey';

/** The closed periods before one, oldest first, and each community's final results in them. */
interface History {
  closed: string[];
  results: Map<string, ResultRecord[]>;
}

/**
 * Puts the parties' inputs together into results: live for an open period
 * (provisional, for review), stored and published when every party is in or
 * the period closes.
 */
@Injectable()
export class EvaluationService {
  private readonly logger = new Logger(EvaluationService.name);
  private readonly resultsPublished;
  private readonly stored: OutboxModel<StoredResult>;

  constructor(
    @InjectModel(StoredResult.name) private readonly model: Model<StoredResult>,
    relay: OutboxRelay,
    private readonly publisher: EventPublisher,
    private readonly schemes: SchemeService,
    private readonly periods: PeriodService,
    private readonly registry: RegistryService,
    private readonly submissions: SubmissionService,
    private readonly surveys: SurveyService,
    private readonly facts: ComplaintFactsService,
    metrics: ServiceMetrics,
  ) {
    this.stored = relay.for(model);
    this.resultsPublished = metrics.counter(METRICS.evaluationsPublished);
  }

  /**
   * The results of a period for every community in the registry: the stored
   * final ones once it is closed, otherwise computed from what is in now.
   */
  async results(period: string): Promise<{ period: Period; scheme: EvaluationScheme; results: ResultRecord[]; history: History }> {
    const p = await this.periods.get(period);
    const { scheme } = await this.schemes.get(p.schemeVersion);
    const communities = await this.registry.listCommunities();
    const history = await this.history(period, communities.map((c) => c._id));
    if (p.status === 'closed') {
      const stored = await this.model.find({ period, final: true }, HIDE_OUTBOX).sort({ communityId: 1 }).lean<ResultRecord[]>();
      return { period: p, scheme, results: stored, history };
    }
    return { period: p, scheme, results: await this.compute(p, scheme, communities, history), history };
  }

  /** One community's result in a period (final if closed, else live). */
  async resultOf(period: string, communityId: string): Promise<{ period: Period; scheme: EvaluationScheme; result: ResultRecord; history: ResultRecord[] }> {
    const p = await this.periods.get(period);
    const { scheme } = await this.schemes.get(p.schemeVersion);
    const community = await this.registry.community(communityId);
    const history = await this.history(period, [communityId]);
    const stored = p.status === 'closed' ? await this.model.findOne({ _id: resultId(period, communityId), final: true }, HIDE_OUTBOX).lean<ResultRecord>() : null;
    const result = stored ?? (await this.compute(p, scheme, [community], history))[0];
    return { period: p, scheme, result, history: history.results.get(communityId) ?? [] };
  }

  /** The stored (published) result, if any, for its revision and whether it is final. */
  published(period: string, communityId: string): Promise<ResultRecord | null> {
    return this.model.findById(resultId(period, communityId), HIDE_OUTBOX).lean<ResultRecord>();
  }

  /**
   * After a party's input changed: publishes the result once every party is
   * in, and again when a party resubmits. A period no longer open is left to
   * its close.
   */
  async refresh(period: string, communityId: string, trigger: RefreshTrigger): Promise<ResultRecord | null> {
    const p = await this.periods.get(period);
    if (p.status !== 'open') return null;
    const stored = await this.published(period, communityId);
    if (stored && trigger === 'survey') return stored;
    const { scheme } = await this.schemes.get(p.schemeVersion);
    const [result] = await this.compute(p, scheme, [await this.registry.community(communityId)], await this.history(period, [communityId]));
    return result.complete ? this.save(result, false) : null;
  }

  /**
   * Closes a period: every community's final result, with cards and the exit
   * rule over the earlier periods, stored and published; communities meeting
   * the exit rule leave the focus list. A close interrupted half way is
   * finished by calling it again (final results are not recomputed).
   */
  async close(period: string, by: string): Promise<PeriodClosedDto> {
    const p = await this.periods.beginClose(period);
    const { scheme } = await this.schemes.get(p.schemeVersion);
    const communities = await this.registry.listCommunities();
    const results = await this.compute(p, scheme, communities, await this.history(period, communities.map((c) => c._id)));
    const leaving: string[] = [];
    for (const result of results) {
      const saved = await this.save(result, true);
      if (saved.exit.leavesFocusList && saved.community.onFocusList) {
        await this.registry.leaveFocusList(saved.communityId, period);
        leaving.push(saved.communityId);
      }
    }
    const closed = await this.periods.finishClose(period, by);
    this.logger.log(`评价期 ${period} 已关闭：${results.length} 个小区的结果已发布`);
    const count = (pick: (r: ResultRecord) => string) =>
      results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [pick(r)]: (acc[pick(r)] ?? 0) + 1 }), {});
    return {
      period, closedAt: closed.closedAt, closedBy: closed.closedBy, communities: results.length,
      grades: count((r) => r.grade.name), cards: count((r) => r.card.card), incomplete: results.filter((r) => !r.complete).map((r) => r.communityId), leavingFocusList: leaving,
    };
  }

  // ---- computing -------------------------------------------------------------

  private async compute(period: Period, scheme: EvaluationScheme, communities: Community[], history: History): Promise<ResultRecord[]> {
    const ids = communities.map((c) => c._id);
    const one = ids.length === 1 ? ids[0] : undefined;
    const [companies, submitted, tallies, facts] = await Promise.all([
      this.registry.listCompanies(),
      this.submissions.scored(scheme, period._id, one),
      this.surveys.tally(period._id, ids),
      this.facts.factsFor(period._id, communities.map((c) => ({ id: c._id, households: c.households })), scheme.complaintIndicator.resolutionTargetDays),
    ]);
    const companyName = new Map(companies.map((c) => [c._id, c.name]));
    const byCommunity = new Map<string, ScoredSubmissionDto[]>();
    for (const s of submitted) byCommunity.set(s.communityId, [...(byCommunity.get(s.communityId) ?? []), s]);
    const now = new Date();

    return communities.map((c) => {
      const subs = byCommunity.get(c._id) ?? [];
      const tally = tallies.get(c._id) ?? emptyTally();
      const survey = surveyResult(scheme.survey, c.households, tally.respondents, tally.answers);
      const indicator = complaintIndicator(scheme.complaintIndicator, facts.get(c._id) ?? noComplaints(c.households));
      const inputs: Record<string, PartyInput | undefined> = {};
      for (const party of scheme.parties) {
        if (party.instrument === 'survey') inputs[party.code] = { kind: 'survey', survey };
        else if (party.instrument === 'complaints') inputs[party.code] = { kind: 'complaints', indicator };
        else {
          const s = subs.find((x) => x.party === party.code);
          if (s) inputs[party.code] = { kind: 'submission', score: s.score, vetoes: s.vetoes, reference: { submissionId: s.id, revision: s.revision, submittedAt: s.submittedAt.toISOString() } };
        }
      }
      const weighted = weightedResult(scheme, inputs);
      const earlier = outcomes(history.closed, history.results.get(c._id) ?? []);
      const vetoed = weighted.vetoes.length > 0;
      const card = cardFor(scheme.cards, weighted.score, vetoed, indicator.perHundredHouseholds, earlier, weighted.rated);
      const exit = exitFor(scheme.exit, weighted.score, vetoed, card.card, indicator.perHundredHouseholds, earlier, weighted.rated);
      return {
        _id: resultId(period._id, c._id), period: period._id, communityId: c._id, schemeVersion: scheme.version, revision: 0, final: false, evaluatedAt: now,
        community: {
          name: c.name, district: c.district, households: c.households, propertyCompanyId: c.propertyCompanyId,
          propertyCompanyName: companyName.get(c.propertyCompanyId) ?? c.propertyCompanyId, onFocusList: c.onFocusList,
        },
        terms: weighted.terms, presentWeight: weighted.presentWeight, rated: weighted.rated, score: weighted.score, grade: weighted.grade, vetoes: weighted.vetoes, missingParties: weighted.missingParties, complete: weighted.complete,
        submissions: subs.map((s) => ({ party: s.party, submissionId: s.id, revision: s.revision, score: s.score })),
        survey, complaints: indicator, card, exit,
      };
    });
  }

  /** Final results of the closed periods before `period`, per community, oldest first. */
  private async history(period: string, communityIds: string[]): Promise<History> {
    const closed = await this.periods.closedBefore(period);
    const results = new Map<string, ResultRecord[]>(communityIds.map((id) => [id, []]));
    if (!closed.length) return { closed, results };
    const docs = await this.model
      .find({ period: { $in: closed }, final: true, ...(communityIds.length === 1 ? { communityId: communityIds[0] } : {}) }, HIDE_OUTBOX)
      .sort({ period: 1 })
      .lean<ResultRecord[]>();
    for (const d of docs) results.get(d.communityId)?.push(d);
    return { closed, results };
  }

  // ---- storing and publishing ------------------------------------------------

  /** Stores the result as the next revision with its event; a final result is never replaced. */
  private async save(result: ResultRecord, final: boolean): Promise<ResultRecord> {
    const first = { ...result, revision: 1, final, evaluatedAt: new Date() };
    if (await this.stored.insertOnce(first, [this.event(first)])) {
      this.resultsPublished.inc({ final: String(final) });
      return first;
    }
    const updated = await this.stored.updateOne(result._id, (current) => {
      if (current.final) return null;
      const next = { ...result, revision: current.revision + 1, final, evaluatedAt: new Date() };
      return { set: next, events: [this.event(next)] };
    });
    // insertOnce found it, so it exists
    if (!updated) throw new Error(`result ${result._id} vanished while being saved`);
    if (updated.changed) this.resultsPublished.inc({ final: String(final) });
    return updated.after;
  }

  private event(r: ResultRecord): OutgoingEnvelope {
    return this.publisher.envelope(TOPICS.evaluationResultPublished, {
      key: r.communityId,
      eventId: derivedEventId('evaluation-result', r.period, r.communityId, String(r.revision)),
      correlationId: derivedEventId('evaluation-period', r.period),
      payload: {
        period: r.period, communityId: r.communityId, propertyCompanyId: r.community.propertyCompanyId, schemeVersion: r.schemeVersion, revision: r.revision,
        final: r.final, score: round2(r.score), grade: r.grade.code, vetoes: r.vetoes, missingParties: r.missingParties,
        propertyComplaintsPerHundredHouseholds: round2(r.complaints.perHundredHouseholds), card: r.card.card, leavesFocusList: r.exit.leavesFocusList,
        evaluatedAt: r.evaluatedAt.toISOString(),
      },
    });
  }
}

/** What earlier results decided, for the card and exit rules; a closed period without a result breaks any streak. */
function outcomes(closed: string[], results: ResultRecord[]): PeriodOutcome[] {
  const byPeriod = new Map(results.map((r) => [r.period, r]));
  return closed.map((period) => {
    const r = byPeriod.get(period);
    return { period, card: r?.card.card ?? 'none', meetsExit: r?.exit.meets ?? false };
  });
}
