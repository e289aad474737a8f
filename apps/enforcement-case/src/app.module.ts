import { Module, type DynamicModule } from '@nestjs/common';
import { CalendarModule } from '@pipeline/calendar';
import { serviceInfrastructure } from '@pipeline/http';
import { MigrationsModule } from '@pipeline/mongo';
import type { CaseEnv } from './case.env';
import { CalendarApiModule } from './calendar/calendar.module';
import { CaseModule } from './case/case.module';
import { CaseSquadCounts } from './case/case-squad-counts';
import { DispatchModule } from './dispatch/dispatch.module';
import { MetricsModule } from './metrics/metrics.module';
import { CASE_MIGRATIONS } from './migrations';
import { TriageModule } from './triage/triage.module';

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
        CalendarApiModule,
        TriageModule,
        // dispatch reads the cases through the case module's counts, so case/ may use the squad rules
        DispatchModule.readingCases(CaseModule, CaseSquadCounts),
        MetricsModule,
      ],
    };
  }
}
