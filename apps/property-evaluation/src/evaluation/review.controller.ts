import { CurrentUser, Roles, type Principal } from '@pipeline/auth';
import { assertMaySee, visibleTo } from '../common/scope';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { csvFile } from '@pipeline/http';
import { ClosePeriodDto, PeriodParam } from '../period/period.dto';
import { PeriodClosedDto } from '../period/period-view.dto';
import { PeriodCommunityParams, RankingQueryDto } from './evaluation.dto';
import { EvaluationService } from './evaluation.service';
import { rankingCsvLines } from './evaluation.view';
import { CommunityRecordDto } from './community-record.dto';
import { CompanyTableDto, RankingDto } from './result-view.dto';
import { ReviewService } from './review.service';

const PERIOD = 'api/v1/evaluations/periods/:period';

/** What property committees and the housing authority review, and closing a period. */
@ApiTags('物业服务评价：结果与审阅')
@Controller()
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Get(`${PERIOD}/communities/:communityId`)
  @ApiOkResponse({ description: '小区评价全貌：各方提交与逐项得分、满意度调查、投诉指标及所计投诉、加权过程、等级、名次、黄红牌、趋势', type: CommunityRecordDto })
  @ApiNotFoundResponse({ description: '评价期未开启或小区不在名单中' })
  @Roles('committee', 'authority', 'admin')
  record(@Param() { period, communityId }: PeriodCommunityParams, @CurrentUser() user: Principal): Promise<CommunityRecordDto> {
    assertMaySee(user, communityId);
    return this.review.record(period, communityId);
  }

  @Get(`${PERIOD}/ranking`)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '全部小区排名（名次按全部小区计算，再按区、物业企业、等级、黄红牌筛选）；评价期未关闭时为实时结果；format=csv 下载', type: RankingDto })
  @Roles('committee', 'authority', 'admin')
  async ranking(@Param() { period }: PeriodParam, @Query() query: RankingQueryDto, @CurrentUser() user: Principal) {
    // a committee member sees their own communities' rows, ranked among all
    const all = await this.review.ranking(period, query);
    const ranking = { ...all, rows: visibleTo(user, all.rows) };
    return query.format === 'csv' ? csvFile(`evaluation-ranking-${period}.csv`, rankingCsvLines(ranking.rows)) : ranking;
  }

  @Get(`${PERIOD}/cards`)
  @ApiOkResponse({ description: '亮黄牌、红牌的小区（红牌在前）与原因', type: RankingDto })
  @Roles('authority', 'admin')
  cards(@Param() { period }: PeriodParam): Promise<RankingDto> {
    return this.review.cards(period);
  }

  @Get(`${PERIOD}/property-companies`)
  @ApiOkResponse({ description: '各物业企业所服务小区的平均分、等级分布与黄红牌数', type: CompanyTableDto })
  @Roles('authority', 'admin')
  companies(@Param() { period }: PeriodParam): Promise<CompanyTableDto> {
    return this.review.companies(period);
  }

  @Post(`${PERIOD}/close`)
  @HttpCode(200)
  @ApiOkResponse({ description: '关闭评价期：发布全部小区的最终结果（缺评方重新归一并标注），判定黄红牌与退出名单', type: PeriodClosedDto })
  @ApiConflictResponse({ description: '已关闭' })
  @ApiUnprocessableEntityResponse({ description: '季度未结束或更早的评价期未关闭' })
  @Roles('authority', 'admin')
  close(@Param() { period }: PeriodParam, @Body() dto: ClosePeriodDto): Promise<PeriodClosedDto> {
    return this.evaluation.close(period, dto.closedBy);
  }
}
