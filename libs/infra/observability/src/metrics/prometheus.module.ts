import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { ServiceMetrics } from './service-metrics';

/**
 * Prometheus metrics of one app: GET /metrics and the process metrics (a
 * service adds its consumer's and outbox's figures, PipelineMetrics in
 * libs/infra/service). Global, so any
 * provider can inject ServiceMetrics to count its own business facts. The
 * HTTP metrics are a middleware (httpMetrics), installed ahead of everything
 * by createService and the gateway's main.
 */
@Global()
@Module({})
export class PrometheusModule {
  static forRoot(opts: { service: string }): DynamicModule {
    return {
      module: PrometheusModule,
      controllers: [MetricsController],
      providers: [
        {
          provide: ServiceMetrics,
          useFactory: () => {
            const metrics = new ServiceMetrics(opts.service);
            metrics.collectProcessMetrics();
            return metrics;
          },
        },
      ],
      exports: [ServiceMetrics],
    };
  }
}
