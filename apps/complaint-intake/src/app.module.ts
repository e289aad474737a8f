import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@pipeline/http';
import { ComplaintModule } from './complaint/complaint.module';
import type { IntakeEnv } from './intake.env';
import { Open311Module } from './open311/open311.module';

export const SERVICE_NAME = 'complaint-intake';

@Module({})
export class AppModule {
  static forRoot(env: IntakeEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }), ComplaintModule, Open311Module],
    };
  }
}
