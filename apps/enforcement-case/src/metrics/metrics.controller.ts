import { Roles } from '@pipeline/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ComplaintToCaseQuery } from './dto/complaint-to-case.query';
import { ComplaintToCaseReportDto } from './dto/complaint-to-case-report.dto';
import { MetricsService } from './metrics.service';
import { metricCsvFile } from './metrics.view';

@ApiTags('诉转案统计')
@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('complaint-to-case')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '诉转案率与 10% 目标：按热点区域、区（市）、社区、分类或周分组，附口径说明；format=csv 下载同一张表', type: ComplaintToCaseReportDto })
  @Roles('dispatcher', 'authority', 'admin')
  async complaintToCase(@Query() query: ComplaintToCaseQuery) {
    const report = await this.metrics.complaintToCase(query);
    return query.format === 'csv' ? metricCsvFile(report) : report;
  }
}
