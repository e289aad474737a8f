import { CurrentUser, Roles, type Principal } from '@pipeline/auth';
import { assertMaySee, assertMaySubmit } from '../common/scope';
import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { PeriodService } from '../period/period.service';
import { RegistryService } from '../registry/registry.service';
import { SchemeService } from '../scheme/scheme.service';
import { ScoredSubmissionDto } from '../submission/scored-submission.dto';
import { SubmitScoresDto, SubmissionParams } from '../submission/submission.dto';
import { SubmissionService } from '../submission/submission.service';
import { SurveyResultDto } from '../survey/survey-result.dto';
import { SurveyResponseDto } from '../survey/survey.dto';
import { SurveyService } from '../survey/survey.service';
import { round2, surveyResult } from '../scoring/evaluation.rules';
import { PeriodCommunityParams } from './evaluation.dto';
import { PublishedSummaryDto, SubmitResultDto, SurveyResponseResultDto } from './evaluation-inputs.dto';
import { EvaluationService, type ResultRecord } from './evaluation.service';

const PREFIX = 'api/v1/evaluations/periods/:period/communities/:communityId';

/** What the parties hand in: scores per indicator, and owners' survey answers. */
@ApiTags('物业服务评价：各方提交')
@Controller()
export class EvaluationInputsController {
  constructor(
    private readonly periods: PeriodService,
    private readonly schemes: SchemeService,
    private readonly registry: RegistryService,
    private readonly submissions: SubmissionService,
    private readonly surveys: SurveyService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Put(`${PREFIX}/submissions/:party`)
  @ApiOkResponse({ description: '提交或替换本方评分（旧版本保留在 history 中）；各方齐全时发布评价结果', type: SubmitResultDto })
  @ApiNotFoundResponse({ description: '评价期未开启、小区不在名单中或评价方不存在' })
  @ApiConflictResponse({ description: '评价期已关闭' })
  @ApiUnprocessableEntityResponse({ description: '指标未知、缺项、得分超出范围、否决事项不符（逐项说明）' })
  @Roles('committee', 'authority', 'admin')
  async submit(@Param() { period, communityId, party }: SubmissionParams, @Body() dto: SubmitScoresDto, @CurrentUser() user: Principal): Promise<SubmitResultDto> {
    assertMaySubmit(user, communityId, party);
    const { scheme } = await this.context(period, communityId, true);
    const submission = await this.submissions.submit(scheme, period, communityId, party, dto);
    return { submission, published: publishedSummary(await this.evaluation.refresh(period, communityId, 'submission')) };
  }

  @Get(`${PREFIX}/submissions/:party`)
  @ApiOkResponse({ description: '本方的提交，逐项得分与历次修订', type: ScoredSubmissionDto })
  @ApiNotFoundResponse({ description: '尚未提交' })
  @Roles('committee', 'authority', 'admin')
  async submission(@Param() { period, communityId, party }: SubmissionParams, @CurrentUser() user: Principal): Promise<ScoredSubmissionDto> {
    assertMaySee(user, communityId);
    const { scheme } = await this.context(period, communityId, false);
    return this.submissions.get(scheme, period, communityId, party);
  }

  @Post(`${PREFIX}/survey-responses`)
  @ApiCreatedResponse({ description: '记录一户的问卷作答；返回样本进度', type: SurveyResponseResultDto })
  @ApiConflictResponse({ description: '该户本期已作答、作答户数已达总户数或评价期已关闭' })
  @ApiUnprocessableEntityResponse({ description: '题目未知、重复或缺题' })
  @Roles('committee', 'authority', 'admin')
  async respond(@Param() { period, communityId }: PeriodCommunityParams, @Body() dto: SurveyResponseDto, @CurrentUser() user: Principal): Promise<SurveyResponseResultDto> {
    assertMaySee(user, communityId);
    const { scheme, community } = await this.context(period, communityId, true);
    const tally = await this.surveys.respond(scheme.survey, period, community, dto);
    const survey = surveyResult(scheme.survey, community.households, tally.respondents, tally.answers);
    // below the minimum sample the owners' party is missing, so nothing can be complete yet
    const published = survey.sufficient ? await this.evaluation.refresh(period, communityId, 'survey') : null;
    return { householdRef: tally.householdRef, survey, published: publishedSummary(published) };
  }

  @Get(`${PREFIX}/survey`)
  @ApiOkResponse({ description: '业主满意度调查：作答户数、最低样本量、各档回答数与得分（样本不足时不计分）', type: SurveyResultDto })
  @Roles('committee', 'authority', 'admin')
  async survey(@Param() { period, communityId }: PeriodCommunityParams, @CurrentUser() user: Principal): Promise<SurveyResultDto> {
    assertMaySee(user, communityId);
    const { scheme, community } = await this.context(period, communityId, false);
    const tally = await this.surveys.tallyOf(period, communityId);
    return surveyResult(scheme.survey, community.households, tally.respondents, tally.answers);
  }

  /** The period's scheme and the community, checked in that order (404/409 for the period first); `open` when submitting. */
  private async context(period: string, communityId: string, open: boolean) {
    const p = open ? await this.periods.requireOpen(period) : await this.periods.get(period);
    const { scheme } = await this.schemes.get(p.schemeVersion);
    return { scheme, community: await this.registry.community(communityId) };
  }
}

function publishedSummary(r: ResultRecord | null): PublishedSummaryDto | null {
  return r && { revision: r.revision, final: r.final, score: round2(r.score), grade: r.grade.name, card: r.card.card };
}
