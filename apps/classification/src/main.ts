import { loadEnv, startService } from '@pipeline/http';
import { API_DOCUMENT } from './api-document';
import { AppModule, SERVICE_NAME } from './app.module';
import { ClassificationEnv } from './classification.env';

const env = loadEnv(ClassificationEnv);
void startService(AppModule.forRoot(env), {
  name: SERVICE_NAME,
  ...API_DOCUMENT,
  host: env.HOST,
  port: env.PORT,
  bodyLimit: env.HTTP_BODY_LIMIT,
  // the group carries the topic prefix so that environments sharing a cluster keep separate offsets
  consumer: { partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY },
});
