import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@pipeline/service';
import { EvaluationModule } from './evaluation/evaluation.module';
import type { EvaluationEnv } from './evaluation.env';

export const SERVICE_NAME = 'property-evaluation';

@Module({})
export class AppModule {
  static forRoot(env: EvaluationEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }), EvaluationModule],
    };
  }
}
