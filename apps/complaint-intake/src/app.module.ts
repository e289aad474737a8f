import { Module, type DynamicModule } from '@nestjs/common';
import { CalendarModule } from '@pipeline/calendar';
import { serviceInfrastructure } from '@pipeline/http';
import { MigrationsModule } from '@pipeline/mongo';
import { ComplaintModule } from './complaint/complaint.module';
import type { IntakeEnv } from './intake.env';
import { Open311Module } from './open311/open311.module';
import { INTAKE_MIGRATIONS } from './migrations';
import { RetentionModule } from './retention/retention.module';

export const SERVICE_NAME = 'complaint-intake';

@Module({})
export class AppModule {
  static forRoot(env: IntakeEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }),
        MigrationsModule.forRoot({ migrations: INTAKE_MIGRATIONS, runOnStart: env.MIGRATE_ON_START }),
        CalendarModule.forRoot(env),
        ComplaintModule,
        Open311Module,
        RetentionModule,
      ],
    };
  }
}
