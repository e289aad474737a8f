import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { OpenPeriodDto, PeriodParam } from './period.dto';
import { PeriodViewDto } from './period-view.dto';
import { PeriodService } from './period.service';

@ApiTags('物业服务评价：评价期')
@Controller('api/v1/evaluations/periods')
export class PeriodController {
  constructor(private readonly periods: PeriodService) {}

  @Get()
  @ApiOkResponse({ description: '所有评价期，最新的在前', type: [PeriodViewDto] })
  @Roles('committee', 'authority', 'admin')
  list(): Promise<PeriodViewDto[]> {
    return this.periods.list();
  }

  @Get(':period')
  @ApiOkResponse({ description: '该评价期', type: PeriodViewDto })
  @ApiNotFoundResponse({ description: '评价期尚未开启' })
  @Roles('committee', 'authority', 'admin')
  get(@Param() { period }: PeriodParam): Promise<PeriodViewDto> {
    return this.periods.view(period);
  }

  @Post()
  @ApiOkResponse({ description: '开启评价期（采用最新或指定版本的评价方案）', type: PeriodViewDto })
  @ApiConflictResponse({ description: '该季度已开启过' })
  @ApiUnprocessableEntityResponse({ description: '季度尚未开始' })
  @Roles('authority', 'admin')
  open(@Body() dto: OpenPeriodDto): Promise<PeriodViewDto> {
    return this.periods.open(dto);
  }
}
