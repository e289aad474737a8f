import { loadEnv, startService } from '@pipeline/http';
import { API_DOCUMENT } from './api-document';
import { AppModule, SERVICE_NAME } from './app.module';
import { IntakeEnv } from './intake.env';

const env = loadEnv(IntakeEnv);
void startService(AppModule.forRoot(env), {
  name: SERVICE_NAME,
  ...API_DOCUMENT,
  host: env.HOST,
  port: env.PORT,
  bodyLimit: env.HTTP_BODY_LIMIT,
  consumer: { partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY },
});
