import { loadEnv, startService } from '@pipeline/service';
import { AppModule, SERVICE_NAME } from './app.module';
import { EvaluationEnv } from './evaluation.env';

const env = loadEnv(EvaluationEnv);
void startService(AppModule.forRoot(env), {
  name: SERVICE_NAME,
  title: '物业服务质量评价服务',
  description: '按小区、按季度汇总投诉，支撑物业服务“六方评价”',
  host: env.HOST,
  port: env.PORT,
  bodyLimit: env.HTTP_BODY_LIMIT,
  consumer: { partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY },
});
