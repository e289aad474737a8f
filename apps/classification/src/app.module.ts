import { Module, type DynamicModule } from '@nestjs/common';
import type { KafkaEnv } from '@pipeline/config';
import { serviceInfrastructure } from '@pipeline/http';
import { ClassificationModule } from './classification/classification.module';
import type { ClassificationEnv } from './classification.env';

export const SERVICE_NAME = 'classification';

/**
 * The consumer group. With a topic prefix the group is prefixed too, so test
 * namespaces and other environments sharing a cluster never share offsets.
 */
export function consumerGroupId(env: Pick<KafkaEnv, 'KAFKA_TOPIC_PREFIX'>): string {
  return env.KAFKA_TOPIC_PREFIX ? `${env.KAFKA_TOPIC_PREFIX}.${SERVICE_NAME}` : SERVICE_NAME;
}

@Module({})
export class AppModule {
  static forRoot(env: ClassificationEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceInfrastructure(env, { name: SERVICE_NAME, version: '0.1.0', consumes: true }), ClassificationModule],
    };
  }
}
