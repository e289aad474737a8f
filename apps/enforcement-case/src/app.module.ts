import { Module, type DynamicModule } from '@nestjs/common';
import { CalendarModule } from '@pipeline/calendar';
import { serviceInfrastructure } from '@pipeline/http';
import { MigrationsModule } from '@pipeline/mongo';
import type { CaseEnv } from './case.env';
import { CaseModule } from './case/case.module';
import { ConversionModule } from './conversion/conversion.module';
import { MetricsModule } from './metrics/metrics.module';
import { CASE_MIGRATIONS } from './migrations';

export const SERVICE_NAME = 'enforcement-case';

@Module({})
export class AppModule {
  static forRoot(env: CaseEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }),
        MigrationsModule.forRoot({ migrations: CASE_MIGRATIONS, runOnStart: env.MIGRATE_ON_START }),
        CalendarModule.forRoot(env),
        CaseModule,
        ConversionModule,
        MetricsModule,
      ],
    };
  }
}
