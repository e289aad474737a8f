import { loadEnv, startService } from '@pipeline/service';
import { AppModule, SERVICE_NAME } from './app.module';
import { IntakeEnv } from './intake.env';

const env = loadEnv(IntakeEnv);
void startService(AppModule.forRoot(env), {
  name: SERVICE_NAME,
  title: '投诉受理服务',
  description: '12345 热线等渠道的投诉受理、查询与回访',
  host: env.HOST,
  port: env.PORT,
  bodyLimit: env.HTTP_BODY_LIMIT,
  consumer: { partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY },
});
