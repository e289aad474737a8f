import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommunityComplaintsService } from './community-complaints.service';
import { PeriodQueryDto } from './dto/period-query.dto';

@ApiTags('物业服务评价')
@Controller('api/v1/evaluations/communities')
export class CommunityComplaintsController {
  constructor(private readonly complaints: CommunityComplaintsService) {}

  @Get()
  @ApiOkResponse({ description: '全部小区的季度投诉指标（按小区编号排序）' })
  @ApiBadRequestResponse({ description: '季度格式有误' })
  list(@Query() query: PeriodQueryDto) {
    return this.complaints.list(query.period);
  }

  @Get(':id')
  @ApiOkResponse({ description: '单个小区的季度投诉指标' })
  @ApiNotFoundResponse({ description: '小区不存在' })
  get(@Param('id') id: string, @Query() query: PeriodQueryDto) {
    return this.complaints.get(id, query.period);
  }
}
