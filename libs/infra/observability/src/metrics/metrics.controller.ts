import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@pipeline/auth';
import { ServiceMetrics } from './service-metrics';

/**
 * GET /metrics for Prometheus: open like the health probes (a scraper
 * carries no token), kept out of the API document, not proxied by the
 * gateway. Counts only, never a caller's data.
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.exposition();
  }
}
