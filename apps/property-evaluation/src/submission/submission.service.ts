import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DomainError } from '@pipeline/contracts';
import { OutboxRelay, isDuplicateKeyError, type OutboxModel } from '@pipeline/mongo';
import { indicatorScore, submissionScore } from '../scoring/evaluation.rules';
import type { EvaluationScheme, Party } from '../scheme/scheme';
import type { ScoredSubmissionDto } from './scored-submission.dto';
import type { SubmitScoresDto } from './submission.dto';
import { checkSubmission } from './submission.rules';
import { Submission, submissionId, type SubmissionContent } from './submission.schema';

/** The parties' submissions: one per party, community and period, replaced on resubmission with the history kept. */
@Injectable()
export class SubmissionService {
  /** Replacements go through the relay for its per-document lock (submissions carry no outbox). */
  private readonly replacements: OutboxModel<Submission>;

  constructor(
    @InjectModel(Submission.name) private readonly model: Model<Submission>,
    relay: OutboxRelay,
  ) {
    this.replacements = relay.for(model);
  }

  /** The submitting party of the scheme named by `code`, or a 404/422 that says which parties there are. */
  static submittingParty(scheme: EvaluationScheme, code: string): Party {
    const party = scheme.parties.find((p) => p.code === code);
    if (!party) {
      throw DomainError.notFound('PARTY_NOT_FOUND', `评价方 ${code} 不在第 ${scheme.version} 版方案中，可选：${scheme.parties.map((p) => `${p.code}（${p.name}）`).join('、')}`);
    }
    if (party.instrument !== 'submission') {
      const how = party.instrument === 'survey' ? '通过满意度调查逐户作答' : '由系统根据投诉、案件与回访数据计算';
      throw DomainError.rule('PARTY_NOT_SUBMITTING', `${party.name}不提交评分：${how}`);
    }
    return party;
  }

  /** Checks the submission against the scheme and saves it; the previous one, if any, goes into the history. */
  async submit(scheme: EvaluationScheme, period: string, communityId: string, partyCode: string, dto: SubmitScoresDto): Promise<ScoredSubmissionDto> {
    const party = SubmissionService.submittingParty(scheme, partyCode);
    const vetoes = dto.vetoes ?? [];
    const errors = checkSubmission(party, scheme.vetoes, dto.indicators, vetoes);
    if (errors.length) throw new DomainError('rule', 'SUBMISSION_INVALID', `${party.name}的评分有误`, errors);

    const id = submissionId(period, communityId, party.code);
    const content = (revision: number): SubmissionContent => ({
      indicators: dto.indicators.map((e) => ({ ...e })), vetoes, comment: dto.comment ?? null, submittedBy: dto.submittedBy, submittedAt: new Date(), revision,
    });
    for (;;) {
      const replaced = await this.replacements.updateOne(id, (current) => ({
        set: { ...content(current.revision + 1), schemeVersion: scheme.version, history: [...current.history, pick(current)] },
      }));
      if (replaced) return score(scheme, replaced.after);
      try {
        const created: Submission = { _id: id, period, communityId, party: party.code, schemeVersion: scheme.version, ...content(1), history: [] };
        await this.model.create(created);
        return score(scheme, created);
      } catch (err) {
        // the same party submitted at the same moment: replace that one
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }

  async get(scheme: EvaluationScheme, period: string, communityId: string, partyCode: string): Promise<ScoredSubmissionDto> {
    const party = SubmissionService.submittingParty(scheme, partyCode);
    const found = await this.model.findById(submissionId(period, communityId, party.code)).lean<Submission>();
    if (!found) throw DomainError.notFound('SUBMISSION_NOT_FOUND', `${party.name}尚未提交 ${communityId} 在 ${period} 的评分`);
    return score(scheme, found);
  }

  /** Every submission of the period (of one community, or of all), scored. */
  async scored(scheme: EvaluationScheme, period: string, communityId?: string): Promise<ScoredSubmissionDto[]> {
    const docs = await this.model.find(communityId ? { period, communityId } : { period }).lean<Submission[]>();
    return docs.map((d) => score(scheme, d));
  }
}

function pick(s: Submission): SubmissionContent {
  return { indicators: s.indicators, vetoes: s.vetoes, comment: s.comment, submittedBy: s.submittedBy, submittedAt: s.submittedAt, revision: s.revision };
}

/** Scores as the period's scheme defines the party's indicators (a submission is checked against that same scheme). */
function score(scheme: EvaluationScheme, s: Submission): ScoredSubmissionDto {
  const party = scheme.parties.find((p) => p.code === s.party);
  if (!party) throw new Error(`submission ${s._id} names party ${s.party}, which scheme ${scheme.version} lacks`);
  const byCode = new Map(party.indicators.map((i) => [i.code, i]));
  const items = s.indicators.flatMap((e) => {
    const indicator = byCode.get(e.code);
    return indicator ? [indicatorScore(indicator, e)] : [];
  });
  return {
    id: s._id, communityId: s.communityId, party: s.party, partyName: party.name, revision: s.revision, submittedBy: s.submittedBy,
    submittedAt: s.submittedAt, comment: s.comment, vetoes: s.vetoes, items, score: submissionScore(items), history: s.history,
  };
}
