import { Module, type DynamicModule } from '@nestjs/common';
import { serviceInfrastructure } from '@pipeline/service';
import { MigrationsModule } from '@pipeline/mongo';
import { ClassificationModule } from './classification/classification.module';
import type { ClassificationEnv } from './classification.env';
import { CorrectionModule } from './correction/correction.module';
import { CLASSIFICATION_MIGRATIONS } from './migrations';

export const SERVICE_NAME = 'classification';

@Module({})
export class AppModule {
  static forRoot(env: ClassificationEnv): DynamicModule {
    return {
      module: AppModule,
      // CorrectionModule first: Nest registers routes in module order, and its
      // classifications/corrections/export must precede classifications/:complaintId.
      imports: [
        ...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }),
        MigrationsModule.forRoot({ migrations: CLASSIFICATION_MIGRATIONS, runOnStart: env.MIGRATE_ON_START }),
        CorrectionModule,
        ClassificationModule,
      ],
    };
  }
}
