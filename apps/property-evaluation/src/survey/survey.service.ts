import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { FieldError } from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import { isDuplicateKeyError } from '@pipeline/mongo';
import type { AnswerTally } from '../scoring/evaluation.rules';
import type { SurveyRules } from '../scheme/scheme';
import type { SurveyResponseDto } from './survey.dto';
import { SurveyResponse } from './survey.schema';

export interface SurveyTally {
  respondents: number;
  answers: AnswerTally;
}

const EMPTY: AnswerTally = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };

export const emptyTally = (): SurveyTally => ({ respondents: 0, answers: { ...EMPTY } });

/** Owners' answers to the satisfaction survey: one per household and period. */
@Injectable()
export class SurveyService {
  constructor(@InjectModel(SurveyResponse.name) private readonly model: Model<SurveyResponse>) {}

  async respond(rules: SurveyRules, period: string, community: { _id: string; households: number }, dto: SurveyResponseDto): Promise<SurveyTally & { householdRef: string }> {
    const errors = checkAnswers(rules, dto.answers);
    if (errors.length) throw new DomainError('rule', 'SURVEY_ANSWERS_INVALID', '问卷作答有误', errors);
    const before = await this.model.countDocuments({ period, communityId: community._id });
    if (before >= community.households) {
      throw DomainError.conflict('SURVEY_FULL', `${community._id} 共 ${community.households} 户，已收到 ${before} 份问卷，不能再多于户数`);
    }
    const counts = { ...EMPTY };
    for (const a of dto.answers) counts[a.answer]++;
    try {
      await this.model.create({
        _id: `${period}:${community._id}:${dto.householdRef}`, period, communityId: community._id, householdRef: dto.householdRef,
        answers: dto.answers.map((a) => ({ question: a.question, answer: a.answer })), counts, channel: dto.channel ?? null, answeredAt: new Date(),
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw DomainError.conflict('HOUSEHOLD_ALREADY_ANSWERED', `住户 ${dto.householdRef} 本期已作答，每户每期只能作答一次`);
      throw err;
    }
    return { householdRef: dto.householdRef, ...(await this.tallyOf(period, community._id)) };
  }

  async tallyOf(period: string, communityId: string): Promise<SurveyTally> {
    return (await this.tally(period, [communityId])).get(communityId) ?? emptyTally();
  }

  /** Respondents and answers per community (every community asked for appears, with zeros if none answered). */
  async tally(period: string, communityIds?: string[]): Promise<Map<string, SurveyTally>> {
    const docs = await this.model
      .find(communityIds ? { period, communityId: { $in: communityIds } } : { period }, { communityId: 1, counts: 1 })
      .lean<Pick<SurveyResponse, 'communityId' | 'counts'>[]>();
    const tallies = new Map<string, SurveyTally>((communityIds ?? []).map((id) => [id, emptyTally()]));
    for (const d of docs) {
      const t = tallies.get(d.communityId) ?? emptyTally();
      t.respondents++;
      t.answers.satisfied += d.counts.satisfied;
      t.answers.basically_satisfied += d.counts.basically_satisfied;
      t.answers.dissatisfied += d.counts.dissatisfied;
      tallies.set(d.communityId, t);
    }
    return tallies;
  }
}

/** Every question of the scheme answered exactly once, nothing else. */
export function checkAnswers(rules: SurveyRules, answers: Array<{ question: string }>): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(rules.questions.map((q) => q.code));
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (!known.has(a.question)) errors.push({ field: `answers[${i}].question`, messages: [`问卷中没有题目 ${a.question}`] });
    else if (seen.has(a.question)) errors.push({ field: `answers[${i}].question`, messages: [`题目 ${a.question} 重复作答`] });
    seen.add(a.question);
  });
  const missing = rules.questions.filter((q) => !seen.has(q.code)).map((q) => q.code);
  if (missing.length) errors.push({ field: 'answers', messages: [`缺少题目：${missing.join('、')}`] });
  return errors;
}
