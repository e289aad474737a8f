import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@pipeline/http';
import type { CaseEnv } from './case.env';
import { CaseModule } from './case/case.module';
import { ConversionModule } from './conversion/conversion.module';
import { MetricsModule } from './metrics/metrics.module';

export const SERVICE_NAME = 'enforcement-case';

@Module({})
export class AppModule {
  static forRoot(env: CaseEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }), CaseModule, ConversionModule, MetricsModule],
    };
  }
}
