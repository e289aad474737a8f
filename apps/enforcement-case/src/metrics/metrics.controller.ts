import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MetricsService } from './metrics.service';

@ApiTags('诉转案统计')
@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('complaint-to-case')
  @ApiOkResponse({ description: '30 个热点区域的诉转案率与 10% 目标' })
  complaintToCase() {
    return this.metrics.complaintToCase();
  }
}
