import { loadEnv, startService } from '@pipeline/service';
import { AppModule, SERVICE_NAME } from './app.module';
import { CaseEnv } from './case.env';

const env = loadEnv(CaseEnv);
void startService(AppModule.forRoot(env), {
  name: SERVICE_NAME,
  title: '执法案件服务',
  description: '诉转案判定、案件办理与诉转案率统计',
  host: env.HOST,
  port: env.PORT,
  bodyLimit: env.HTTP_BODY_LIMIT,
  consumer: { partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY },
});
