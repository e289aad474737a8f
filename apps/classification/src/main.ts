import { loadEnv, startService } from '@pipeline/service';
import { AppModule, SERVICE_NAME } from './app.module';
import { ClassificationEnv } from './classification.env';

const env = loadEnv(ClassificationEnv);
void startService(AppModule.forRoot(env), {
  name: SERVICE_NAME,
  title: '投诉分类服务',
  description: '投诉的类别、可立案性、紧急程度与位置研判',
  host: env.HOST,
  port: env.PORT,
  bodyLimit: env.HTTP_BODY_LIMIT,
  // the group carries the topic prefix so that environments sharing a cluster keep separate offsets
  consumer: { partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY },
});
